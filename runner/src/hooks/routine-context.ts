// The context a ts_routine receives: `export default async (ctx: HookContext) => { … }` (docs/Harbor-Hooks.md).

export interface HookLogger {
  /** A line on the hook's output (prefixed with the hook's label, secrets masked). */
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ComposeResult {
  code: number;
  stdout: string;
  /** Secret values are masked unless the hook has `secrets: true`. */
  stderr: string;
}

export interface HookContext {
  /** The hook point: 'pre_deploy', 'post_service_up', 'pre_backup'. */
  hook: string;
  /** The hook's name (its label without the point). */
  name: string;
  /** The stage the point belongs to: source, prepare, deploy, destroy or a custom stage. */
  stage: string;
  project: string;
  /** The Harbor home (read-only; `${home}/var/run` is writable). */
  home: string;
  /** Per-service points: the service this run is for. */
  service?: string | undefined;
  /** The selected services (empty before the source stage). */
  services: string[];
  /** The compose-rule options in force (capabilities, `*`). */
  options: string[];
  /** Compose files relative to the home, in -f order. */
  files: string[];
  /** The names of the variables the hook got (the merged env, HARBOR_*; secrets only with `secrets: true`). */
  envNames: string[];
  /** Those variables. */
  env: Readonly<Record<string, string>>;
  log: HookLogger;
  /**
   * Runs `docker compose <args>` on the stack (its project, files and env), in the runner, and returns its output.
   * @example const ps = await ctx.compose(['ps', '--format', 'json']); if (ps.code !== 0) throw new Error(ps.stderr);
   */
  compose(args: string[]): Promise<ComposeResult>;
}

export type HookRoutine = (ctx: HookContext) => unknown;
