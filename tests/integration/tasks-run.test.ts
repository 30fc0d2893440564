// `harbor task run` on the real engine: every fixture task in one job (-n 6), each outcome and result file as the
// framework writes them; resource limits seen inside the container; Ctrl-C removes every trial's containers.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runRunner } from '../support/compose-home';
import { requireDocker } from '../support/docker-available';
import { removeFixtureTaskImages } from '../support/task-images';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(REPO, 'tests/fixtures/tasks');
const home = mkdtempSync(join(tmpdir(), 'harbor-tasks-'));
after(() => rmSync(home, { recursive: true, force: true }));
after(() => removeFixtureTaskImages());
// The retry test's own task (not a fixture): its image too.
after(() => {
  const images = spawnSync('docker', ['images', '--filter', 'reference=hb__flaky', '-q'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  if (images.length) spawnSync('docker', ['image', 'rm', ...images], { stdio: 'ignore' });
});

const json = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const hbContainers = () => spawnSync('docker', ['ps', '-a', '--filter', 'label=com.docker.compose.project', '--format', '{{.Label "com.docker.compose.project"}}'], { encoding: 'utf8' }).stdout.split('\n').filter((p) => p.startsWith('hb-') && !p.startsWith('hb-e2e-'));

interface Expected {
  rewards: Record<string, number> | null;
  exception: string | null;
  files?: string[];
}

/** What each fixture must produce (the framework's exception names; a reward survives an agent timeout). */
const EXPECTED: Record<string, Expected> = {
  'hello-world': { rewards: { reward: 1 }, exception: null, files: ['config.json', 'result.json', 'agent/oracle.txt', 'verifier/reward.txt', 'verifier/test-stdout.txt', 'artifacts/manifest.json'] },
  'reward-json': { rewards: { reward: 1, accuracy: 0.75 }, exception: null, files: ['verifier/reward.json', 'verifier/evaluation.json', 'artifacts/collected.txt', 'artifacts/answer.txt'] },
  'no-reward': { rewards: null, exception: 'RewardFileNotFoundError' },
  'empty-reward': { rewards: null, exception: 'RewardFileEmptyError' },
  'bad-reward-txt': { rewards: null, exception: 'VerifierOutputParseError' },
  'bad-reward-json': { rewards: null, exception: 'VerifierOutputParseError', files: ['exception.txt'] },
  'agent-timeout': { rewards: { reward: 0.5 }, exception: 'AgentTimeoutError' },
  'verifier-timeout': { rewards: null, exception: 'VerifierTimeoutError' },
  'build-timeout': { rewards: null, exception: 'EnvironmentStartTimeoutError' },
  'failing-solve': { rewards: { reward: 1 }, exception: null, files: ['agent/exit-code.txt'] },
  healthcheck: { rewards: { reward: 1 }, exception: null },
  'healthcheck-failing': { rewards: null, exception: 'HealthcheckError' },
  'healthcheck-timeout': { rewards: null, exception: 'HealthcheckError' },
  resources: { rewards: { reward: 1 }, exception: null },
  'no-solution': { rewards: null, exception: 'FileNotFoundError' },
  'multi-step': { rewards: { reward: 0.5 }, exception: null, files: ['steps/one/verifier/reward.txt', 'steps/one/agent/oracle.txt', 'steps/three/verifier/test-stdout.txt'] },
  'separate-verifier': { rewards: { reward: 1 }, exception: null, files: ['artifacts/out.txt', 'artifacts/manifest.json'] },
  'compose-env': { rewards: { reward: 1 }, exception: null },
  'artifacts-exclude': { rewards: { reward: 1 }, exception: null, files: ['artifacts/out/keep.txt', 'artifacts/keep.txt'] },
};
const N_TRIALS = Object.keys(EXPECTED).length;

describe('harbor task run (real engine)', () => {
  it('runs every fixture in one job and records each outcome as the framework does', async (t) => {
    if (!requireDocker(t)) return;
    const r = await runRunner(home, ['task', 'run', FIXTURES, '-n', '6', '-o', join(home, 'jobs'), '--job-name', 'all']);
    assert.equal(r.code, 0, r.stderr);
    const job = join(home, 'jobs/all');
    const result = json(join(job, 'result.json'));
    const trials = readdirSync(job).filter((d) => statSync(join(job, d)).isDirectory());
    assert.equal(trials.length, Object.keys(EXPECTED).length);
    for (const dir of trials) {
      const task = dir.replace(/__[A-Za-z0-9]{7}$/, '');
      const expected = EXPECTED[task];
      assert.ok(expected, `unexpected trial ${dir}`);
      const trial = json(join(job, dir, 'result.json'));
      assert.deepEqual([task, trial.verifier_result?.rewards ?? null, trial.exception_info?.exception_type ?? null], [task, expected.rewards, expected.exception]);
      assert.equal(trial.trial_name, dir);
      assert.deepEqual(trial.agent_info, { name: 'oracle', version: '1.0.0', model_info: null });
      assert.equal(existsSync(join(job, dir, 'exception.txt')), expected.exception !== null, `${dir}: exception.txt`);
      for (const file of expected.files ?? []) assert.ok(existsSync(join(job, dir, file)), `${dir}/${file}`);
      assert.deepEqual(json(join(job, dir, 'config.json')).task.path, join(FIXTURES, task));
    }
    const evals = result.stats.evals.oracle__adhoc;
    const rewardSum = Object.values(EXPECTED).reduce((s, e) => s + (e.rewards?.reward ?? 0), 0);
    assert.equal(evals.n_trials, N_TRIALS);
    assert.equal(evals.n_errors, Object.values(EXPECTED).filter((e) => e.exception).length);
    assert.equal(evals.metrics[0].mean, rewardSum / N_TRIALS);
    assert.deepEqual(Object.keys(evals.exception_stats).sort(), [...new Set(Object.values(EXPECTED).map((e) => e.exception).filter(Boolean))].sort());
    assert.equal(result.n_total_trials, N_TRIALS);
    assert.ok(result.finished_at);
    // The agent's exit code is recorded and verification still ran; test.sh output is kept.
    const failing = trials.find((d) => d.startsWith('failing-solve'))!;
    assert.equal(readFileSync(join(job, failing, 'agent/exit-code.txt'), 'utf8'), '3\n');
    // A healthcheck command over its timeout_sec is a failed attempt, named as such.
    const hung = json(join(job, trials.find((d) => d.startsWith('healthcheck-timeout'))!, 'result.json'));
    assert.equal(hung.exception_info.exception_message, 'Healthcheck failed after 1 attempt: sleep 30 (timed out after 0.5s)');
    const resources = trials.find((d) => d.startsWith('resources'))!;
    assert.match(readFileSync(join(job, resources, 'verifier/test-stdout.txt'), 'utf8'), /^memory=314572800 cpu=150000 100000 nets=lo {2}user=nobody$/m);
    // An artifact's exclude patterns: removed from the copy and listed in manifest.json.
    const excluding = join(job, trials.find((d) => d.startsWith('artifacts-exclude'))!, 'artifacts');
    assert.deepEqual(json(join(excluding, 'manifest.json')), [
      { source: '/logs/artifacts', destination: '.', status: 'ok' },
      { source: '/app/out', destination: 'out', status: 'ok', excluded: ['cache', 'debug.log', 'sub/trace.log'] },
      { source: '/app/single.log', destination: 'single.log', status: 'ok', excluded: ['.'] },
      { source: '/app/keep.txt', destination: 'keep.txt', status: 'ok' },
    ]);
    assert.deepEqual(readdirSync(excluding, { recursive: true }).map(String).sort(), ['keep.txt', 'manifest.json', 'out', 'out/keep.txt', 'out/sub']);
    assert.deepEqual(hbContainers(), []);
  });

  it('-k attempts, --include/--exclude and the nop agent', async (t) => {
    if (!requireDocker(t)) return;
    const r = await runRunner(home, ['task', 'run', FIXTURES, '-k', '2', '--agent', 'nop', '--include', 'hello*,reward-*', '--exclude', 'reward-json', '-o', join(home, 'jobs'), '--job-name', 'nop']);
    assert.equal(r.code, 0, r.stderr);
    const result = json(join(home, 'jobs/nop/result.json'));
    const evals = result.stats.evals.nop__adhoc;
    // hello-world without its solution: the tests fail, so reward 0 twice.
    assert.deepEqual([evals.n_trials, evals.n_errors, evals.metrics, evals.reward_stats.reward['0.0'].length, Object.keys(evals.pass_at_k)], [2, 0, [{ mean: 0 }], 2, ['2']]);
  });

  it('-r retries a trial that errors once; excluded exceptions are not retried; lock.json, job.log and trial.log are written', async (t) => {
    if (!requireDocker(t)) return;
    // flaky: its healthcheck fails the first time (a marker in a bind-mounted folder of the task remembers it).
    const flaky = join(home, 'flaky');
    cpSync(join(FIXTURES, 'hello-world'), flaky, { recursive: true });
    mkdirSync(join(flaky, 'state'), { mode: 0o777 });
    writeFileSync(join(flaky, 'environment/docker-compose.yaml'), [
      'services:',
      '  main:',
      '    build: { context: "${CONTEXT_DIR}" }',
      '    image: ${MAIN_IMAGE_NAME}',
      '    command: ["sh", "-c", "sleep infinity"]',
      '    init: true',
      '    volumes: ["${CONTEXT_DIR}/../state:/state"]',
      '',
    ].join('\n'));
    writeFileSync(join(flaky, 'task.toml'), '[task]\nname = "harbor-tests/flaky"\n[environment.healthcheck]\ncommand = "test -f /state/seen || { touch /state/seen; exit 1; }"\nretries = 0\n');
    const r = await runRunner(home, ['task', 'run', flaky, join(FIXTURES, 'no-reward'), '-r', '2', '-o', join(home, 'jobs'), '--job-name', 'retries']);
    assert.equal(r.code, 0, r.stderr);
    const job = join(home, 'jobs/retries');
    const result = json(join(job, 'result.json'));
    const trials = readdirSync(job).filter((d) => statSync(join(job, d)).isDirectory()).sort();
    assert.deepEqual(trials.map((d) => d.replace(/__[A-Za-z0-9]{7}$/, '')), ['flaky', 'no-reward']);
    const [flakyTrial, noReward] = trials.map((d) => json(join(job, d, 'result.json')));
    // The retried trial keeps its name; only the last attempt's folder and result remain.
    assert.deepEqual([flakyTrial.verifier_result, flakyTrial.exception_info], [{ rewards: { reward: 1 } }, null]);
    assert.equal(noReward.exception_info.exception_type, 'RewardFileNotFoundError');
    assert.deepEqual([result.stats.n_retries, result.stats.n_errors, result.stats.evals.oracle__adhoc.metrics], [1, 1, [{ mean: 0.5 }]]);
    assert.deepEqual(json(join(job, 'config.json')).retry.max_retries, 2);
    const jobLog = readFileSync(join(job, 'job.log'), 'utf8');
    assert.match(jobLog, new RegExp(`^\\S+ WARNING ${trials[0]}: HealthcheckError: Healthcheck failed after 1 attempt: .*; retry 1 of 2 in 1s$`, 'm'));
    assert.doesNotMatch(jobLog, /RewardFileNotFoundError.*retry/);
    assert.match(jobLog, /^\S+ INFO job finished: 2 trials, errors 1, retries 1, mean reward 0\.5$/m);
    // lock.json pins each task by the digest of its folder, the job's and each trial's.
    const lock = json(join(job, 'lock.json'));
    assert.deepEqual(lock.tasks.map((x: { name: string; digest: string }) => [x.name, x.digest]), [['harbor-tests/flaky', `sha256:${flakyTrial.task_checksum}`], ['no-reward', `sha256:${noReward.task_checksum}`]]);
    assert.deepEqual(json(join(job, trials[1]!, 'lock.json')).tasks, [lock.tasks[1]]);
    const trialLog = readFileSync(join(job, trials[0]!, 'trial.log'), 'utf8');
    assert.match(trialLog, /INFO environment: healthcheck passed\n.*INFO agent oracle: running \/solution\/solve.sh\n.*INFO agent: finished\n.*INFO verifier: running \/tests\/test.sh\n.*INFO verifier: rewards \{"reward":1\}\n/);
    assert.doesNotMatch(trialLog, /HealthcheckError/, 'the failed attempt\'s folder was replaced');
    assert.match(readFileSync(join(job, trials[1]!, 'trial.log'), 'utf8'), /ERROR verifier: RewardFileNotFoundError: /);
    assert.deepEqual(hbContainers(), []);
  });

  it('a job folder that exists, and a task local Docker cannot run, are refused before anything starts', async (t) => {
    if (!requireDocker(t)) return;
    mkdirSync(join(home, 'jobs/exists'), { recursive: true });
    const again = await runRunner(home, ['task', 'run', join(FIXTURES, 'hello-world'), '-o', join(home, 'jobs'), '--job-name', 'exists']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /✖ task run: .*jobs\/exists already exists\n {2}choose another --job-name, or remove that folder/);
    const gpu = join(home, 'gpu-task');
    cpSync(join(FIXTURES, 'hello-world'), gpu, { recursive: true });
    writeFileSync(join(gpu, 'task.toml'), '[environment]\ngpus = 1\nnetwork_mode = "allowlist"\nallowed_hosts = ["example.com"]\n');
    const refused = await runRunner(home, ['task', 'run', gpu, join(FIXTURES, 'hello-world'), '-o', join(home, 'jobs'), '--job-name', 'gpu']);
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr, [
      '✖ task run: nothing was started:',
      `  ${gpu}/task.toml: environment.network_mode: an egress allowlist is not supported by Harbor on local Docker (the framework needs an egress sidecar pulled from Docker Hub): use "public" or "no-network"`,
      `  ${gpu}/task.toml: environment.gpus: GPUs are not supported by local Docker trials (as in the framework's docker environment): set gpus = 0 or run on a cloud provider`,
      '  fix these (see `harbor task check`), or leave those tasks out with --exclude',
      '',
    ].join('\n'));
    assert.equal(existsSync(join(home, 'jobs/gpu')), false);
  });

  it('Ctrl-C stops the job and removes every trial\'s containers', async (t) => {
    if (!requireDocker(t)) return;
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'runner/src/cli/main.ts'), 'task', 'run', join(FIXTURES, 'verifier-timeout'), join(FIXTURES, 'agent-timeout'), '-k', '2', '-n', '4', '--timeout-multiplier', '60', '-o', join(home, 'jobs'), '--job-name', 'interrupted'], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1', HARBOR_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let exited = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('exit', () => (exited = true));
    // Wait until the trials' containers run (their solve.sh sleeps for a minute with the multiplier).
    const deadline = Date.now() + 60_000;
    while (!exited && hbContainers().length < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 300));
    assert.ok(hbContainers().length >= 4, `containers never started: ${stderr}`);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 130, stderr.slice(-3000));
    assert.deepEqual(hbContainers(), []);
    assert.match(stderr, /interrupted: removing 4 trial environments/);
  });
});
