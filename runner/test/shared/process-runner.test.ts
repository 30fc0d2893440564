// The process runner: argv only (never a shell), env for values, and the stderr mode that keeps stdout clean.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createConsola } from 'consola';
import { createProcessRunner } from '../../src/shared/process-runner';

const quiet = createConsola({ level: -999 });

test('capture: stdout and stderr are returned, the exit code passes through', async () => {
  const { run } = createProcessRunner(quiet, process.env);
  const r = await run(['sh', '-c', 'echo out; echo err >&2; exit 3'], { stdio: 'capture' });
  assert.deepEqual(r, { code: 3, stdout: 'out\n', stderr: 'err\n' });
});

test('no shell: a metacharacter in argv stays a literal argument', async () => {
  const { run } = createProcessRunner(quiet, process.env);
  const r = await run(['printf', '%s', '$(echo pwned);ls'], { stdio: 'capture' });
  assert.equal(r.stdout, '$(echo pwned);ls');
});

test('env values reach the child through its environment, not argv', async () => {
  const { run } = createProcessRunner(quiet, process.env);
  const r = await run(['sh', '-c', 'printf %s "$HARBOR_PROBE"'], { stdio: 'capture', env: { HARBOR_PROBE: 's3cret' } });
  assert.equal(r.stdout, 's3cret');
});

test('stderr mode: the child\'s stdout goes to our stderr, live, and our stdout stays empty', () => {
  const script = `
    import { createConsola } from 'consola';
    import { createProcessRunner } from './runner/src/shared/process-runner.ts';
    const { run } = createProcessRunner(createConsola({ level: -999 }), process.env);
    await run(['sh', '-c', 'echo progress-line'], { stdio: 'stderr' });`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /progress-line/);
});

test('redact: secrets are masked in streamed output, even when a line arrives in two chunks', () => {
  const script = `
    import { createConsola } from 'consola';
    import { createProcessRunner } from './runner/src/shared/process-runner.ts';
    const { run } = createProcessRunner(createConsola({ level: -999 }), process.env);
    const r = await run(['sh', '-c', 'printf "token=s3"; sleep 0.2; printf "cr3t-value ok\\\\n"; echo "err s3cr3t-value" >&2; exit 4'], { stdio: 'stderr', redact: ['s3cr3t-value'] });
    process.stdout.write('code=' + r.code);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.stdout, 'code=4', r.stderr);
  assert.ok(!r.stderr.includes('s3cr3t-value'), r.stderr);
  assert.match(r.stderr, /token=\[redacted\] ok\n/);
  assert.match(r.stderr, /err \[redacted\]\n/);
});

test('an aborted signal kills the child and rejects with an AbortError (task timeouts use it)', async () => {
  const { run } = createProcessRunner(createConsola({ level: 0 }), process.env);
  const started = Date.now();
  await assert.rejects(run(['sleep', '30'], { stdio: 'capture', signal: AbortSignal.timeout(200) }), (err: Error) => err.name === 'AbortError');
  assert.ok(Date.now() - started < 5000);
});
