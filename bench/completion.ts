// Benchmark: one TAB (a completion in bash, zsh and fish, from the cache) next to one runner start (`./harbor.sh --version`),
// for this checkout's stack and for a v1-sized home (the 652 compose files of v1 0.5.5: ~200 service handles).
// Run: node --import tsx bench/completion.ts [--runs N]   Bash always; zsh and fish when installed; the runner part needs the engine.
// The runner start uses the image the shim names (HARBOR_RUNNER_IMAGE is set to it, so the shim does not rebuild it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_COMMANDS } from '../runner/src/cli/all-commands';
import { GLOBAL_OPTIONS } from '../runner/src/cli/cli';
import { buildCompletionCache } from '../runner/src/completion/core/build-completion-cache';
import { renderCompletionScript } from '../runner/src/completion/core/render-completion-script';
import { readCompletionFacts } from '../runner/src/completion/write-completion-cache';
import { knownHandles } from '../runner/src/source/core/compose-handles';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 200;
const tmp = mkdtempSync(join(tmpdir(), 'harbor-bench-completion-'));

function home(name: string, services: readonly string[], stages: readonly string[]): string {
  const dir = join(tmp, name);
  mkdirSync(join(dir, 'var', 'cache'), { recursive: true });
  writeFileSync(join(dir, 'var', 'cache', 'completion.tsv'), buildCompletionCache(ALL_COMMANDS, GLOBAL_OPTIONS, { start: 'up' }, { services, stages, profiles: ['default'] }));
  for (const shell of ['bash', 'zsh', 'fish'] as const) writeFileSync(join(dir, `harbor.${shell}`), renderCompletionScript(shell, dir));
  return dir;
}

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;

/** Milliseconds per completion of `harbor logs -n 5 <TAB>` (the deepest walk: a command, a value flag, services), measured inside the shell. */
function perCompletion(shell: 'bash' | 'zsh' | 'fish', dir: string): number | undefined {
  if (!has(shell)) return undefined;
  const n = shell === 'fish' ? Math.max(20, Math.round(runs / 5)) : runs;
  const script = join(dir, `harbor.${shell}`);
  const programs = {
    bash: `source '${script}'; COMP_WORDS=(harbor logs -n 5 ''); COMP_CWORD=4; s=$EPOCHREALTIME; for ((i=0;i<${n};i++)); do _harbor; done; e=$EPOCHREALTIME; echo "$s $e \${#COMPREPLY[@]}"`,
    zsh: `zmodload zsh/datetime; compdef() { :; }; source '${script}'; compadd() { :; }; _files() { :; }; words=(harbor logs -n 5 ''); CURRENT=5; s=$EPOCHREALTIME; for ((i=0;i<${n};i++)); do _harbor; done; e=$EPOCHREALTIME; echo "$s $e 0"`,
    fish: `source '${script}'; set s (date +%s.%N); for i in (seq ${n}); complete -C 'harbor logs -n 5 ' >/dev/null; end; set e (date +%s.%N); echo "$s $e 0"`,
  };
  const args = shell === 'zsh' ? ['-f', '-c', programs.zsh] : shell === 'fish' ? ['--no-config', '-c', programs.fish] : ['-c', programs.bash];
  const r = spawnSync(shell, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${shell}: ${r.stderr}`);
  const [start, end] = r.stdout.trim().split(' ').map(Number);
  return ((end! - start!) * 1000) / n;
}

function runnerStart(): number | undefined {
  const image = spawnSync('sh', [join(root, 'harbor.sh'), 'runner', 'image'], { encoding: 'utf8' }).stdout.trim();
  if (!image || spawnSync('docker', ['image', 'inspect', image], { stdio: 'ignore' }).status !== 0) return undefined;
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync('sh', [join(root, 'harbor.sh'), '--version'], { env: { ...process.env, HARBOR_RUNNER_IMAGE: image }, stdio: 'ignore' });
    if (r.status !== 0) return undefined;
    if (i > 0) times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

try {
  const facts = await readCompletionFacts(root);
  const v1Names = readFileSync(join(root, 'tests/fixtures/harbor-v1-compose-files.txt'), 'utf8').split('\n').filter(Boolean);
  const v1Services = [...knownHandles(v1Names, [])].filter((h) => !h.includes('.'));
  const homes = [
    { label: `this checkout (${facts.services.length} services)`, dir: home('repo', facts.services, facts.stages) },
    { label: `v1-sized (${v1Services.length} services)`, dir: home('v1', v1Services, facts.stages) },
  ];
  const start = runnerStart();
  const fmt = (ms: number | undefined) => (ms === undefined ? 'n/a (not installed)' : `${ms.toFixed(2)} ms`);
  console.log(`one completion of \`harbor logs -n 5 <TAB>\`, mean of ${runs} (fish: ${Math.max(20, Math.round(runs / 5))}), vs one runner start`);
  for (const h of homes) {
    for (const shell of ['bash', 'zsh', 'fish'] as const) console.log(`  ${shell.padEnd(5)} ${h.label.padEnd(32)} ${fmt(perCompletion(shell, h.dir))}`);
  }
  console.log(`  ./harbor.sh --version (runner start, median of 5)   ${start === undefined ? 'n/a (no engine or runner image)' : `${start.toFixed(0)} ms`}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
