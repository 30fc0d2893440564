// What becomes of Harbor v1's command words (v1 0.5.5's harbor.sh dispatch) that are not v2 commands: an alias, or a pointer.

/** A v1 word v2 accepts under another name: `harbor start ollama` runs `harbor up ollama`. */
export interface V1Alias {
  kind: 'alias';
  /** The words that replace the v1 word (`--help` for `help`). */
  to: readonly string[];
  /** Says what the alias needs when `to` names no command yet (a command another branch adds). */
  otherwise: string;
}

/** A v1 word with no v2 command of its own: the one-line pointer to what replaces it. */
export interface V1Pointer {
  kind: 'pointer';
  use: string;
}

export type V1Word = V1Alias | V1Pointer;

const alias = (to: string, otherwise = ''): V1Alias => ({ kind: 'alias', to: to.split(' '), otherwise });
const use = (text: string): V1Pointer => ({ kind: 'pointer', use: text });
/** v1's per-service helpers and CLI wrappers (`harbor ollama models`, `harbor llamacpp model X`). */
const service = (name: string): V1Pointer =>
  use(`harbor svc ${name} <command> (harbor svc ${name} --help lists its commands), harbor run ${name} [args] for its CLI, or harbor env set --service ${name} NAME VALUE for a setting`);

const SERVICE_WORDS = [
  'ollama', 'llamacpp', 'ikllamacpp', 'tgi', 'litellm', 'vllm', 'dmr', 'mlx', 'omlx', 'aphrodite', 'openai', 'opencode', 'npcsh',
  'webui', 'tabbyapi', 'parllama', 'oterm', 'plandex', 'mistralrs', 'interpreter', 'cmdh', 'fabric', 'parler', 'photoprism',
  'airllm', 'txtai', 'aider', 'nanobot', 'chatui', 'comfyui', 'aichat', 'omnichain', 'lmeval', 'sglang', 'jupyter', 'ol1',
  'ktransformers', 'openhands', 'stt', 'speaches', 'boost', 'nexa', 'repopack', 'k6', 'promptfoo', 'webtop', 'langflow', 'kobold',
  'morphic', 'gptme', 'hermes', 'mcp', 'modularmax', 'openfang', 'cloudflared', 'bench', 'hf',
] as const;

/** v1's own short names for a service wrapper: the pointer names the service. */
const SERVICE_SHORT_NAMES: Readonly<Record<string, string>> = { pdx: 'plandex', opint: 'interpreter', oh: 'openhands', pf: 'promptfoo', lm_eval: 'lmeval', cfd: 'cloudflared' };

/**
 * Every v1 word that is not a v2 command by the same name. Words v1 and v2 share (`up`, `logs`, `tunnel`, `completion`, …)
 * are not here: the command list has them. `open`, `qr` and `history` are commands of their own in v2 (issue 15): until
 * they are in the command list, the pointer below answers.
 */
export const V1_WORDS: Readonly<Record<string, V1Word>> = {
  u: alias('up'),
  start: alias('up'),
  s: alias('up'),
  d: alias('down'),
  r: alias('restart'),
  l: alias('logs'),
  log: alias('logs'),
  list: alias('ls'),
  t: alias('tunnel'),
  help: alias('--help'),
  version: alias('--version'),
  eject: alias('config'),
  info: alias('doctor'),
  o: alias('open', 'harbor url <service> (it prints the URL; deploy and up print every URL)'),
  open: use('harbor url <service> (it prints the URL; deploy and up print every URL)'),
  qr: use('harbor tunnel <service> (it prints a QR code of the public URL)'),
  h: alias('history', 'your shell\'s history (Harbor keeps none in this release)'),
  history: use('your shell\'s history (Harbor keeps none in this release)'),
  stats: use('$(./harbor.sh cmd) stats'),
  attach: use('harbor logs <service> to follow its output, harbor shell <service> for a shell, or $(./harbor.sh cmd) attach <service>'),
  volumes: use('harbor size (each volume\'s disk use), harbor down --volumes (remove them), or docker volume ls'),
  tunnels: use('harbor tunnel ls for the running tunnels, and net.tunnel.quick steps in etc/harbor.yaml for tunnels started on deploy'),
  profile: use('--profile NAME, with profiles under profiles: in etc/harbor.yaml'),
  profiles: use('--profile NAME, with profiles under profiles: in etc/harbor.yaml'),
  p: use('--profile NAME, with profiles under profiles: in etc/harbor.yaml'),
  defaults: use('profiles.default.services in etc/harbor.yaml (and --no-defaults)'),
  alias: use('a stage of your own under stages: in etc/harbor.yaml, run with harbor run NAME'),
  aliases: use('a stage of your own under stages: in etc/harbor.yaml, run with harbor run NAME'),
  a: use('a stage of your own under stages: in etc/harbor.yaml, run with harbor run NAME'),
  link: use('ln -s "$PWD/harbor.sh" ~/.local/bin/harbor (the shim follows the link to its home)'),
  ln: use('ln -s "$PWD/harbor.sh" ~/.local/bin/harbor (the shim follows the link to its home)'),
  unlink: use('rm ~/.local/bin/harbor (the link you made)'),
  unln: use('rm ~/.local/bin/harbor (the link you made)'),
  launch: use('harbor up <service>, then harbor url <service>'),
  models: use('harbor svc <service> models (e.g. harbor svc ollama models: docs/Harbor-Service-Commands.md)'),
  tokscale: use('harbor svc <service> <command> for a service\'s own tools (docs/Harbor-Service-Commands.md)'),
  facts: use('harbor doctor (the engine, GPU tools and capabilities the host has)'),
  mi: use('harbor doctor (the engine, GPU tools and capabilities the host has)'),
  smi: use('nvidia-smi on the host (the runner container has no GPU access)'),
  top: use('nvtop on the host (the runner container has no GPU access)'),
  dive: use('docker run --rm -it -v /var/run/docker.sock:/var/run/docker.sock wagoodman/dive <image>'),
  find: use('find or ls on the host (the runner sees only the Harbor home)'),
  home: use('the folder of harbor.sh (or HARBOR_HOME): harbor doctor prints it'),
  vscode: use('your editor on the Harbor home (code "$HARBOR_HOME")'),
  fixfs: use('nothing: the runner runs as your user, so what it writes is yours'),
  gum: use('--help and docs/ (gum served v1\'s own shell scripts)'),
  how: use('harbor --help and docs/'),
  update: use('git pull in the checkout (the shim rebuilds the runner image when its sources changed)'),
  dev: use('npm test in the checkout (v1\'s development helpers are not carried over)'),
  tools: use('npm test in the checkout (v1\'s development helpers are not carried over)'),
  eval: use('harbor svc <service> <command>, or harbor run <service> [args] for an evaluation service\'s CLI'),
  routine: use('a hook (ts_routine) or a stage of your own (docs/Harbor-Hooks.md)'),
  skills: use('harbor svc <service> <command> for a service\'s own helpers (docs/Harbor-Service-Commands.md)'),
  migrate: use('docs/migration.md (v2 reads a v1 checkout as it is: "Drop-in")'),
  ...Object.fromEntries(SERVICE_WORDS.map((name) => [name, service(name)])),
  ...Object.fromEntries(Object.entries(SERVICE_SHORT_NAMES).map(([short, name]) => [short, service(name)])),
};

export type V1Resolution =
  | { kind: 'alias'; argv: string[] }
  | { kind: 'pointer'; message: string };

/**
 * What argv's command word means when it is a v1 word that is not a v2 command: an alias (argv rewritten, when the
 * alias's target is a command), or a pointer (the one-line message; the CLI shows it only when argv names no command,
 * so `harbor webui logs` still runs `harbor logs webui`). Undefined: a v2 command, or not a v1 word.
 * Global flags before the word are kept; the word is the first argument that is not a flag.
 * @example resolveV1Word(['start', 'hello'], ['up']) // { kind: 'alias', argv: ['up', 'hello'] }
 * @example resolveV1Word(['stats'], ['up']).message // "'stats' was a Harbor v1 command; in v2 use $(./harbor.sh cmd) stats"
 */
export function resolveV1Word(argv: readonly string[], commandWords: readonly string[]): V1Resolution | undefined {
  const at = argv.findIndex((a) => !a.startsWith('-'));
  if (at === -1 || argv.slice(0, at).includes('--')) return undefined;
  const word = argv[at]!;
  const known = new Set(commandWords);
  if (known.has(word) || !Object.hasOwn(V1_WORDS, word)) return undefined;
  const entry = V1_WORDS[word]!;
  if (entry.kind === 'alias') {
    const target = entry.to[0]!;
    if (target.startsWith('-') || known.has(target)) return { kind: 'alias', argv: [...argv.slice(0, at), ...entry.to, ...argv.slice(at + 1)] };
    return { kind: 'pointer', message: pointer(word, entry.otherwise) };
  }
  return { kind: 'pointer', message: pointer(word, entry.use) };
}

function pointer(word: string, use: string): string {
  return `'${word}' was a Harbor v1 command; in v2 use ${use}`;
}
