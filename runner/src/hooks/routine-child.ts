// Runs one ts_routine inside its throwaway container (the runner image, started with `__hook-routine FILE`).
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { createInterface } from 'node:readline';
import { transform } from 'sucrase';
import { renderRoutineMessage, selectRoutineLocation, type ComposeAnswer } from './core/routine-protocol';
import type { ComposeResult, HookContext } from './routine-context';

type Loader = (module: NodeJS.Module & { _compile(code: string, file: string): void }, file: string) => void;

/**
 * TypeScript and ES module syntax become CommonJS through Sucrase, which keeps every line where it was, so a
 * stack trace's file:line points into the routine's own source. Modules the routine imports load the same way.
 */
function compile(file: string): string {
  const typescript = /\.[cm]?ts$/.test(file);
  return transform(readFileSync(file, 'utf8'), { transforms: typescript ? ['typescript', 'imports'] : ['imports'], filePath: file, production: true }).code;
}

function installLoaders(): void {
  const extensions = (Module as unknown as { _extensions: Record<string, Loader> })._extensions;
  const load: Loader = (module, file) => module._compile(compile(file), file);
  for (const ext of ['.ts', '.mts', '.cts']) extensions[ext] = load;
}

/** `__hook-routine /home/x/stacks/hello/hooks/check.ts`: exit 0 when the routine resolved, 1 when it threw. */
export async function runRoutineChild(argv: string[]): Promise<number> {
  const file = argv[0];
  const env = process.env as Record<string, string>;
  const home = env.HARBOR_HOME ?? '';
  if (!file) {
    process.stdout.write(renderRoutineMessage({ type: 'error', message: 'no routine module given' }));
    return 1;
  }
  const answers = new Map<number, (answer: ComposeAnswer) => void>();
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const answer = JSON.parse(line) as ComposeAnswer;
    answers.get(answer.id)?.(answer);
    answers.delete(answer.id);
  });
  let next = 0;
  const compose = (args: string[]): Promise<ComposeResult> =>
    new Promise((resolve) => {
      const id = ++next;
      answers.set(id, ({ code, stdout, stderr }) => resolve({ code, stdout, stderr }));
      process.stdout.write(renderRoutineMessage({ type: 'compose', id, args: [...args].map(String) }));
    });
  const list = (value: string | undefined, separator: string) => (value ? value.split(separator) : []);
  const names = Object.keys(env).filter((n) => n.startsWith('HARBOR_') || (env.HARBOR_HOOK_ENV_NAMES ?? '').split(' ').includes(n));
  const ctx: HookContext = {
    hook: env.HARBOR_HOOK ?? '',
    name: env.HARBOR_HOOK_NAME ?? '',
    stage: env.HARBOR_STAGE ?? '',
    project: env.HARBOR_PROJECT ?? '',
    home,
    service: env.HARBOR_SERVICE,
    services: list(env.HARBOR_SERVICES, ' '),
    options: list(env.HARBOR_OPTIONS, ' '),
    files: list(env.HARBOR_FILES, ':'),
    envNames: names.sort(),
    env: Object.fromEntries(names.map((n) => [n, env[n]!])),
    log: {
      info: (message) => process.stdout.write(`${message}\n`),
      warn: (message) => process.stderr.write(`warning: ${message}\n`),
      error: (message) => process.stderr.write(`error: ${message}\n`),
    },
    compose,
  };
  try {
    installLoaders();
    const module = new Module(file) as NodeJS.Module & { _compile(code: string, file: string): void; paths: string[] };
    module.filename = file;
    module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(file.replace(/\/[^/]*$/, ''));
    module._compile(compile(file), file);
    const exported = module.exports as { default?: unknown } | ((ctx: HookContext) => unknown);
    const routine = typeof exported === 'function' ? exported : exported.default;
    if (typeof routine !== 'function') throw new TypeError(`${file.slice(home.length + 1)} has no default export to call: write \`export default async (ctx) => { … }\``);
    await routine(ctx);
    return 0;
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    const location = selectRoutineLocation(error.stack ?? '', home);
    process.stdout.write(renderRoutineMessage({ type: 'error', message: error.message, location }));
    return 1;
  } finally {
    input.close();
  }
}
