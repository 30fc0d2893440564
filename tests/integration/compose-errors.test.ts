// Bad inputs to the compose commands: each fails with its exact message and exit code, starts nothing and writes nothing (but, when it asked compose, the single compose file).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { makeExampleHome, projectTraces, removeExampleHome, runRunner } from '../support/compose-home';
import { snapshotTree } from '../support/snapshot-tree';

const example = makeExampleHome();
// A compose file compose rejects: `imagee` is no service key.
writeFileSync(join(example.home, 'etc/stacks/compose.bad.yml'), 'services:\n  bad:\n    image: harbor-ci/debian:bookworm\n    imagee: typo\n');
const noDir = makeExampleHome();
rmSync(join(noDir.home, 'etc/stacks'), { recursive: true });
after(() => {
  removeExampleHome(example);
  removeExampleHome(noDir);
});

const HANDLE_HINT = '  known services are the compose.<name>.yml files in etc/stacks\n';

/** `singleFile`: the command asked compose (`ps`) before failing, through Harbor's single file, which it wrote (and nothing else). */
const SINGLE_FILE = 'var/run/.harbor/compose.model.json';
const HISTORY = 'var/history.jsonl';
const cases: Array<{ name: string; home: typeof example; args: string[]; env?: Record<string, string>; code: number; stderr: string; singleFile?: boolean }> = [
  {
    name: 'an unknown handle, with the closest known names',
    home: example,
    args: ['deploy', 'helo'],
    code: 3,
    stderr: `✖ unknown service "helo" (did you mean hello?)\n${HANDLE_HINT}`,
  },
  { name: 'an unknown handle for down', home: example, args: ['down', 'greter'], code: 3, stderr: `✖ unknown service "greter" (did you mean greeter?)\n${HANDLE_HINT}` },
  {
    name: 'an unknown profile',
    home: example,
    args: ['up', '--profile', 'lm'],
    code: 3,
    stderr: '✖ unknown profile "lm" (did you mean llm?)\n  profiles in the descriptor: default, llm, traefik\n',
  },
  {
    name: 'a missing compose directory',
    home: noDir,
    args: ['deploy'],
    code: 3,
    stderr: '✖ compose directory etc/stacks does not exist\n  create etc/stacks/ with a compose.yml (see etc/stacks in the Harbor repository), or set source.rules.dir in etc/harbor.yaml\n',
  },
  {
    name: 'a bad capability pin',
    home: example,
    args: ['up', '--capabilities', 'nvidia,GPU'],
    code: 2,
    stderr: '✖ --capabilities: "GPU" is not a capability name (in "nvidia,GPU")\n  give lowercase letters, digits and "-", comma-separated: --capabilities nvidia,mdc (an empty value pins none)\n',
  },
  { name: 'a bad pull policy', home: example, args: ['up', '--pull', 'sometimes'], code: 2, stderr: '✖ up: --pull: must be always, missing or never\n  run `harbor up --help`\n' },
  { name: 'exec without a command', home: example, args: ['exec', 'hello'], code: 2, stderr: '✖ exec: no command given for hello\n  name one: `harbor exec hello sh` (or `harbor shell hello`)\n' },
  { name: 'the URL of a service that is not running', home: example, args: ['url', 'hello'], code: 1, stderr: '✖ service "hello" is not running\n  start it with `harbor up hello`\n', singleFile: true },
  {
    // up prepares first: compose's own check of the model (`config --services`) fails before anything is written.
    name: 'compose rejects a file: its exit code (15) and its message pass through',
    home: example,
    args: ['up', '--no-defaults', 'bad'],
    code: 15,
    stderr: `✖ docker compose config failed (exit 15):\nvalidating ${example.home}/etc/stacks/compose.bad.yml: services.bad Additional property imagee is not allowed\n  run with --debug to see the exact compose command\n`,
  },
  {
    name: 'a required variable is missing: compose config fails with it in the message',
    home: example,
    args: ['config', '--profile', 'llm'],
    env: { LITELLM_MASTER_KEY: '' },
    code: 15,
    stderr:
      '✖ docker compose config failed (exit 15):\nerror while interpolating services.litellm.environment.LITELLM_MASTER_KEY: required variable LITELLM_MASTER_KEY is missing a value: set LITELLM_MASTER_KEY (e.g. in override.secrets.env)\n  run with --debug to see the exact compose command\n',
  },
];

for (const c of cases) {
  test(`bad input: ${c.name}`, async (t) => {
    if (!requireDocker(t)) return;
    if (c.singleFile) rmSync(join(c.home.home, 'var'), { recursive: true, force: true });
    // snapshotTree leaves out the command log, the one write every command makes: checked apart, below.
    const before = snapshotTree(c.home.home);
    const r = await runRunner(c.home.home, c.args, c.env);
    assert.deepStrictEqual({ code: r.code, stdout: r.stdout, stderr: r.stderr }, { code: c.code, stdout: '', stderr: c.stderr });
    assert.deepStrictEqual(projectTraces(c.home.project), { containers: [], networks: [], volumes: [] }, 'nothing started');
    const after = snapshotTree(c.home.home, c.singleFile ? ['var'] : []);
    assert.deepStrictEqual(after, before, 'nothing written');
    if (c.singleFile) {
      const written = Object.entries(snapshotTree(c.home.home)).filter(([path, e]) => path.startsWith('var/') && e.type === 'file');
      assert.deepStrictEqual(written.map(([path, e]) => [path, e.mode]), [[SINGLE_FILE, '600']], 'only the single compose file');
    }
    const history = join(c.home.home, HISTORY);
    if (existsSync(history)) {
      const last = JSON.parse(readFileSync(history, 'utf8').trim().split('\n').at(-1)!) as { argv: string[]; exit: number };
      assert.deepStrictEqual({ argv: last.argv, exit: last.exit }, { argv: c.args, exit: c.code }, 'the failure is in the history');
    }
  });
}
