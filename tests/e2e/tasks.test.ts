// `./harbor.sh task check|run` through the runner image (no node on PATH): task folders and jobs/ live in the home,
// which the runner sees at the same path, so the host's engine can build from and bind-mount them.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { requireDocker } from '../support/docker-available';
import { removeFixtureTaskImages } from '../support/task-images';
import { hostOnlyPath } from '../support/host-path';
import { SHIM, runHarbor } from '../support/run-harbor';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const home = realpathSync(mkdtempSync(join(tmpdir(), 'harbor-e2e-tasks-')));
after(() => rmSync(home, { recursive: true, force: true }));
/** A user's project folder outside the home, holding a task. */
const project = realpathSync(mkdtempSync(join(tmpdir(), 'harbor-e2e-tasks-cwd-')));
after(() => rmSync(project, { recursive: true, force: true }));
cpSync(join(REPO, 'tests/fixtures/tasks/hello-world'), join(project, 'e2e-hello-world'), { recursive: true });
after(() => removeFixtureTaskImages('e2e-'));
const shim = join(home, 'harbor.sh');
copyFileSync(SHIM, shim);
for (const task of ['hello-world', 'resources', 'multi-step', 'no-reward']) cpSync(join(REPO, 'tests/fixtures/tasks', task), join(home, 'tasks', `e2e-${task}`), { recursive: true });
const harbor = (args: string[], cwd = home) => runHarbor(args, { script: shim, cwd, env: { NO_COLOR: '1' } });

test('task check and task run through ./harbor.sh', async (t) => {
  if (!requireDocker(t)) return;
  const check = await harbor(['task', 'check', 'tasks']);
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /^4 of 4 tasks valid$/m);

  // Relative paths are relative to the working directory, inside the home.
  const run = await harbor(['task', 'run', '.', '-n', '4', '--job-name', 'e2e'], join(home, 'tasks'));
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^4 trials, 1 error, mean reward 0\.625; results in jobs\/e2e$/m);
  const job = join(home, 'tasks/jobs/e2e');
  const result = JSON.parse(readFileSync(join(job, 'result.json'), 'utf8'));
  assert.deepEqual(result.stats.evals.oracle__adhoc.exception_stats, { RewardFileNotFoundError: [readdirSync(job).find((d) => d.startsWith('e2e-no-reward__'))] });
  const resources = readdirSync(job).find((d) => d.startsWith('e2e-resources__'))!;
  assert.match(readFileSync(join(job, resources, 'verifier/test-stdout.txt'), 'utf8'), /memory=314572800 cpu=150000 100000 nets=lo {2}user=nobody/);
  assert.ok(existsSync(join(job, readdirSync(job).find((d) => d.startsWith('e2e-multi-step__'))!, 'steps/two/verifier/reward.txt')));
  // Every trial's containers and networks are gone.
  const left = spawnSync('docker', ['ps', '-a', '--format', '{{.Label "com.docker.compose.project"}}'], { encoding: 'utf8' }).stdout.split('\n').filter((p) => p.startsWith('hb-e2e-'));
  assert.deepEqual(left, []);

  // Paths typed relative to a working directory outside the home mean what they mean in the shell
  // (resolveHostPath): the task is read from there and the jobs are written there.
  const fromProject = await harbor(['task', 'run', 'e2e-hello-world', '-o', 'out/jobs', '--job-name', 'here'], project);
  assert.equal(fromProject.code, 0, fromProject.stderr);
  assert.match(fromProject.stdout, /^1 trial, 0 errors, mean reward 1\.000; results in out\/jobs\/here$/m);
  const trial = readdirSync(join(project, 'out/jobs/here')).find((d) => d.startsWith('e2e-hello-world__'))!;
  assert.deepEqual(JSON.parse(readFileSync(join(project, 'out/jobs/here', trial, 'result.json'), 'utf8')).verifier_result, { rewards: { reward: 1 } });
  for (const file of ['lock.json', 'job.log', `${trial}/lock.json`, `${trial}/trial.log`]) assert.ok(existsSync(join(project, 'out/jobs/here', file)), file);

  // A path the runner cannot see is refused before anything is written.
  const outside = await harbor(['task', 'run', 'tasks/e2e-hello-world', '-o', '/var/elsewhere-jobs']);
  assert.equal(outside.code, 2);
  assert.match(outside.stderr, new RegExp(`^✖ /var/elsewhere-jobs: outside the folders the runner can see \\(the Harbor home ${home}\\); nothing was written\n`));
  assert.equal(existsSync('/var/elsewhere-jobs'), false);
});

test('Ctrl-C on ./harbor.sh task run removes every trial\'s containers and exits 130', async (t) => {
  if (!requireDocker(t)) return;
  // Two trials whose solve.sh sleeps 30 s (its 1 s timeout × 60); outside tasks/ so the check above still sees 4.
  cpSync(join(REPO, 'tests/fixtures/tasks/agent-timeout'), join(home, 'slow/e2e-agent-timeout'), { recursive: true });
  const trialProjects = () => spawnSync('docker', ['ps', '-a', '--format', '{{.Label "com.docker.compose.project"}}'], { encoding: 'utf8' }).stdout.split('\n').filter((p) => p.startsWith('hb-e2e-agent-timeout__'));
  const child = spawn('sh', [shim, 'task', 'run', 'slow/e2e-agent-timeout', '-k', '2', '--timeout-multiplier', '60', '--job-name', 'ctrlc'], { cwd: home, env: { PATH: hostOnlyPath(), HOME: process.env.HOME ?? '/root', NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  for (let i = 0; i < 600 && trialProjects().length < 2; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(trialProjects().length, 2, `the trials never started: ${out}`);
  child.kill('SIGINT');
  const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000))]);
  assert.notEqual(code, 'timeout', `harbor did not stop within 30 s of SIGINT: ${out}`);
  assert.equal(code, 130, out);
  assert.match(out, /interrupted: removing 2 trial environments/);
  assert.deepEqual(trialProjects(), []);
  assert.match(readFileSync(join(home, 'jobs/ctrlc/job.log'), 'utf8'), /WARNING interrupted: removing 2 trial environments/);
});
