// runJob's retries with a fake engine (the process runner seam): an environment that fails to start is run
// again as the retry policy says; the job's stats, job.log, lock.json and the trial folder show it.
import { deepStrictEqual, match, ok } from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createConsola } from 'consola';
import { DEFAULT_RETRY, type RetrySettings } from '../../src/tasks/core/retry-policy';
import { checkTaskDir, type LoadedTask } from '../../src/tasks/load-task';
import { runJob } from '../../src/tasks/run-job';
import type { RunProcess } from '../../src/shared/process-runner';

const FIXTURES = fileURLToPath(new URL('../../../tests/fixtures/tasks', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'harbor-retries-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** A fake engine: `up` fails the first `failingUps` times; test.sh writes reward 1 into the trial's verifier/ folder. */
function fakeEngine(jobDir: () => string, failingUps: number): { run: RunProcess; ups: () => number } {
  let ups = 0;
  const run: RunProcess = async (argv) => {
    const project = argv[argv.indexOf('-p') + 1]!;
    if (argv.includes('up')) {
      ups++;
      return ups <= failingUps ? { code: 1, stdout: '', stderr: 'Error response from daemon: failed to create network' } : { code: 0, stdout: '', stderr: '' };
    }
    if (argv.at(-1)?.startsWith('(/tests/test.sh)')) {
      const trial = readdirSync(jobDir()).find((d) => `hb-${d.toLowerCase()}` === project)!;
      writeFileSync(join(jobDir(), trial, 'verifier/reward.txt'), '1\n');
    }
    return { code: 0, stdout: '', stderr: '' };
  };
  return { run, ups: () => ups };
}

async function job(name: string, failingUps: number, retry: Partial<RetrySettings>) {
  const task = (await checkTaskDir(join(FIXTURES, 'hello-world'), { cwd: FIXTURES, home: FIXTURES, inRunner: false })).task as LoadedTask;
  const dir = join(root, 'jobs', name);
  const engine = fakeEngine(() => dir, failingUps);
  const sleeps: number[] = [];
  let ids = 0;
  const outcome = await runJob([task], { jobName: name, jobsDir: join(root, 'jobs'), nAttempts: 1, nConcurrent: 1, timeoutMultiplier: 1, agent: 'oracle', disableVerification: false, include: [], exclude: [], taskDirs: [task.dir], retry: { ...DEFAULT_RETRY, ...retry } }, {
    run: engine.run,
    log: createConsola({ level: -999 }),
    hostEnv: {},
    now: () => new Date('2026-12-03T10:00:00Z'),
    uuid: () => `uuid-${++ids}`,
    sleep: async (ms) => void sleeps.push(ms),
    owner: undefined,
    randomBytes: (n) => new Uint8Array(n).fill(7),
    progress: () => undefined,
  });
  return { ...outcome, sleeps, ups: engine.ups(), log: readFileSync(join(dir, 'job.log'), 'utf8') };
}

describe('task run retries (fake engine)', () => {
  it('an environment that fails to start once is retried: same trial name, the last attempt recorded, n_retries 1', async () => {
    const r = await job('once', 1, { maxRetries: 2 });
    const [trial] = r.result.trial_results;
    deepStrictEqual([trial!.verifier_result, trial!.exception_info, r.result.stats.n_retries, r.result.stats.n_errors, r.ups, r.sleeps], [{ rewards: { reward: 1 } }, null, 1, 0, 2, [1000]]);
    deepStrictEqual(readdirSync(r.dir).sort(), ['config.json', trial!.trial_name, 'job.log', 'lock.json', 'result.json'].sort());
    match(r.log, new RegExp(`^2026-12-03T10:00:00.000Z WARNING ${trial!.trial_name}: RuntimeError: Docker compose command failed .*; retry 1 of 2 in 1s$`, 'm'));
    match(readFileSync(join(r.dir, trial!.trial_name, 'trial.log'), 'utf8'), /INFO environment: started\n/);
    ok(!readFileSync(join(r.dir, trial!.trial_name, 'trial.log'), 'utf8').includes('RuntimeError'), 'the failed attempt\'s trial.log went with its folder');
    deepStrictEqual(JSON.parse(readFileSync(join(r.dir, 'config.json'), 'utf8')).retry.max_retries, 2);
  });

  it('retries stop at -r: the last error stays, each wait follows the backoff', async () => {
    const r = await job('always', 99, { maxRetries: 2, waitMultiplier: 2 });
    deepStrictEqual([r.result.trial_results[0]!.exception_info?.exception_type, r.result.stats.n_retries, r.ups, r.sleeps], ['RuntimeError', 2, 3, [1000, 2000]]);
    match(r.log, /retry 2 of 2 in 2s$/m);
  });

  it('--retry-include: another exception type is not retried; -r 0 never retries', async () => {
    const included = await job('include', 1, { maxRetries: 2, includeExceptions: ['HealthcheckError'] });
    deepStrictEqual([included.result.trial_results[0]!.exception_info?.exception_type, included.result.stats.n_retries, included.ups, included.sleeps], ['RuntimeError', 0, 1, []]);
    const none = await job('none', 1, {});
    deepStrictEqual([none.result.stats.n_retries, none.ups], [0, 1]);
  });
});
