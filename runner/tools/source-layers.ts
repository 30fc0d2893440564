// The layering rule of runner/src: which feature folder may import which, and what a pure core/ may touch.
// The import-rules test enforces it and the generated runner/src/README.md prints it; change it here only.

/**
 * Feature folders, lowest layer first. A module may import its own feature, or a feature of a strictly lower
 * layer; features that share a layer may not import each other. Every `<feature>/commands/` folder sits above all
 * features (layer COMMANDS_LAYER) and `cli/` above the commands. Nothing but cli/ and commands/ imports commands/.
 */
export const FEATURE_LAYERS: readonly (readonly string[])[] = [
  ['shared'],
  ['lock', 'descriptor', 'runner-image'],
  ['secrets'],
  ['env'],
  ['compose', 'source', 'templates'],
  ['tunnels', 'routing'],
  ['prepare', 'doctor', 'tasks', 'health', 'svc', 'size', 'open', 'history'],
  ['workflow'],
  ['stack'],
  ['hooks'],
  ['completion'],
];

/** What each feature folder holds: the first line of the generated map's table. */
export const FEATURE_SUMMARIES: Readonly<Record<string, string>> = {
  shared: 'errors, Secret, the Deps seam, logger, process runner, atomic writes, small generic helpers',
  lock: 'the home lock: two Harbor runs on one home never interleave',
  descriptor: 'etc/harbor.yaml: its schema (with the env and templates sections), validation, merging, loading',
  'runner-image': 'the runner image itself: `harbor runner save`, the bundle hash doctor shows',
  compose: 'talking to docker compose: argv, ps, services, containers, URLs; the classic v1 commands',
  secrets: 'SOPS/age: the sops stores, encryption and decryption, .sops.yaml, `harbor secrets ...`',
  source: 'the source stage: compose-file selection by the rules, handles, capabilities, project name',
  env: 'env layers: dotenv parsing, merging, the compose env and overlay, `harbor env`',
  templates: 'config templates rendered into var/run/ (liquid, envsubst), the journaled commit, the manifest',
  tunnels: 'Cloudflare tunnels: quick and named cloudflared containers, found by their labels; `harbor tunnel`',
  routing: 'Traefik routing: the overlay generated from `routing:` and the compose model, routed URLs',
  prepare: 'the prepare stage: env + templates + the generated overlay + the state `harbor plan` compares with',
  doctor: '`harbor doctor`: probes and their judgement',
  tasks: 'Harbor-format tasks (task.toml, oracle trials on local Docker, jobs/ results) and verify checks of a deployed stack',
  svc: "a service's own commands (`harbor svc`, the svc.cmd action): harbor.yaml `commands:` and cmd/ scripts, where they run",
  size: '`harbor size`: disk used by the stack (images with shared layers once, writable layers, volumes, bind mounts, var/)',
  open: 'URLs for the host: `harbor open`/`--open` (asked of harbor.sh through HARBOR_OPEN_FILE), `harbor qr`, --lan/--host',
  history: '`harbor history`: every run recorded in var/history.jsonl (redacted, locked, trimmed), `history run N`',
  health: 'why services did not come up (state, healthcheck output, last log lines), HTTP checks from the stack network',
  workflow: 'descriptor stages: actions, the registry, planning and running a stage; deploy, destroy, plan, run',
  stack: 'one command run\'s stack: source, env, the compose `-f` list (with prepare\'s overlay), action context',
  hooks: 'hooks before and after stages and around services: planning, env, running them in containers, routines, on the host',
  cli: 'the entry point, cac parsing, the one command list, the composition root',
};

export const COMMANDS_LAYER = FEATURE_LAYERS.length;
export const CLI_LAYER = FEATURE_LAYERS.length + 1;

/** node: modules a pure core/ may import: they compute, and touch nothing outside the process. */
export const CORE_NODE_MODULES: readonly string[] = ['node:path', 'node:path/posix', 'node:util', 'node:crypto'];

/** Packages a pure core/ may import (anything may be imported with `import type`). */
export const CORE_PACKAGES: readonly string[] = [
  'valibot', '@valibot/to-json-schema', 'smol-toml', 'yaml', 'liquidjs', 're2js', 'fastest-levenshtein', 'age-encryption', 'uqr',
];

/** Effects a pure core/ may not use (checked on the source without comments): the global, clock or randomness, and a pattern. */
export const CORE_FORBIDDEN_CALLS: readonly { name: string; pattern: RegExp }[] = [
  { name: 'process', pattern: /\bprocess\./ },
  { name: 'console', pattern: /\bconsole\./ },
  { name: 'Date.now()', pattern: /\bDate\.now\(/ },
  { name: 'new Date()', pattern: /\bnew Date\(\s*\)/ },
  { name: 'Math.random()', pattern: /\bMath\.random\(/ },
  { name: 'randomBytes()', pattern: /\brandomBytes\(/ },
  { name: 'randomUUID()', pattern: /\brandomUUID\(/ },
  { name: 'setTimeout()', pattern: /\bsetTimeout\(/ },
  { name: 'setInterval()', pattern: /\bsetInterval\(/ },
  { name: 'performance', pattern: /\bperformance\./ },
];

/** Modules a command (`<feature>/commands/`) may not import: commands parse, call and print; adapters do the I/O. */
export const COMMAND_FORBIDDEN_MODULES: readonly string[] = ['node:fs', 'node:fs/promises', 'node:child_process', 'node:net', 'tinyglobby'];

/** The only module that calls process.exit (the composition root returns exit codes; see STYLE.md). */
export const EXIT_MODULE = 'cli/main.ts';

export interface ModulePlace {
  /** `env/core/parse-dotenv.ts`: the path below runner/src. */
  path: string;
  /** The first folder: `env`. */
  feature: string;
  core: boolean;
  command: boolean;
  layer: number;
}

/** Where a module below runner/src sits in the rule; undefined for a file outside any feature folder. */
export function placeModule(path: string): ModulePlace | undefined {
  const parts = path.split('/');
  const feature = parts[0] ?? '';
  if (parts.length < 2) return undefined;
  // A folder named core/ or commands/ at any depth below the feature (compose/model/core/ is pure too).
  const folders = parts.slice(1, -1);
  const command = folders.includes('commands');
  const core = folders.includes('core');
  if (feature === 'cli') return { path, feature, core, command, layer: CLI_LAYER };
  const layer = FEATURE_LAYERS.findIndex((names) => names.includes(feature));
  if (layer < 0) return undefined;
  return { path, feature, core, command, layer: command ? COMMANDS_LAYER : layer };
}

/** Why `from` may not import `to`, or undefined when it may. */
export function checkLayering(from: ModulePlace, to: ModulePlace): string | undefined {
  if (from.core && !to.core) return `a pure core/ module imports ${to.path}, which is not in a core/ folder`;
  if (to.command && !from.command && from.feature !== 'cli') return `only commands/ and cli/ may import a command module (${to.path})`;
  if (from.feature === to.feature) return undefined;
  if (from.command && to.command) return undefined;
  if (to.layer < from.layer) return undefined;
  const name = (p: ModulePlace) => (p.command ? `${p.feature}/commands` : p.feature);
  return to.layer === from.layer
    ? `${name(from)} and ${name(to)} share a layer and may not import each other`
    : `${name(from)} (layer ${from.layer}) imports the higher layer ${name(to)} (layer ${to.layer})`;
}

/** The rule as one line, for the map and for messages: `shared < lock, descriptor < ... < commands < cli`. */
export function describeLayers(): string {
  return [...FEATURE_LAYERS.map((names) => names.join(', ')), '<feature>/commands', 'cli'].join(' < ');
}
