// The valibot schema of the descriptor's `hooks:` section: settings, then one list of hooks per hook point.
import * as v from 'valibot';
import { suggestNames } from './suggest-names';

export const HOOK_TYPES = ['shell', 'ts_routine', 'container'] as const;
export type HookType = (typeof HOOK_TYPES)[number];

/** Seconds a hook may run when it sets no `timeout:` and `hooks.timeout` is not set. */
export const DEFAULT_HOOK_TIMEOUT = 300;

/** The keys of `hooks:` that are settings, not hook points. */
export const HOOK_SETTINGS = ['autodiscover', 'timeout'] as const;

const Seconds = v.pipe(v.number(), v.integer('must be a whole number of seconds'), v.minValue(1, 'must be at least 1 second'));
const Words = v.pipe(v.array(v.string(), 'must be a list of words, e.g. [sh, -c, "echo hi"] (no shell string)'), v.minLength(1, 'must name a command'));

/**
 * One hook. `type` picks what runs: `shell` (default: `script:` or `run:`, in a throwaway container or, with
 * `host: true`, on the host), `ts_routine` (`module:`, run by the runner's Node) or `container` (`image:` and `command:`).
 * @example { name: migrate, script: stacks/db/hooks/migrate.sh, secrets: true }
 * @example { type: container, image: 'curlimages/curl:8.8.0', command: [curl, -fsS, 'http://hello/'] }
 * @example { type: ts_routine, module: stacks/hello/hooks/check.ts, timeout: 30 }
 */
export const HookSchema = v.strictObject({
  /** Shown in logs and as the output prefix; default: the script or module file name, or the image. @example 'migrate' */
  name: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'hook names use letters, digits, ".", "_" and "-"'), v.description('A label for logs and the output prefix.'))),
  /** shell (default), ts_routine or container. @example 'container' */
  type: v.optional(
    v.picklist(HOOK_TYPES, (issue) => `unknown hook type ${JSON.stringify(issue.input)}${suggestNames(String(issue.input), HOOK_TYPES)}; types: ${HOOK_TYPES.join(', ')}`),
  ),
  /** shell: an executable script, relative to the Harbor home. @example 'stacks/db/hooks/migrate.sh' */
  script: v.optional(v.pipe(v.string(), v.minLength(1, 'must name a file'), v.description('shell: an executable script in the Harbor home (relative to it).'))),
  /** shell: an inline script, run by `sh -c` (on the host: by the host's /bin/sh). @example 'test -s var/run/hello/config/motd.txt' */
  run: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.description('shell: an inline script for sh -c.'))),
  /** ts_routine: a .ts, .mts, .cts, .js, .mjs or .cjs module in the home exporting `default async (ctx) => …`. @example 'stacks/hello/hooks/check.ts' */
  module: v.optional(v.pipe(v.string(), v.minLength(1, 'must name a file'), v.description('ts_routine: a TypeScript or JavaScript module in the Harbor home.'))),
  /** shell: the image the script runs in (default: the runner image); container: the image to run. @example 'postgres:16' */
  image: v.optional(v.pipe(v.string(), v.minLength(1, 'must name an image'), v.description('The image (shell default: the runner image; required for container).'))),
  /** container: the command and its arguments, one word each (default: the image's own command). @example ['pg_isready', '-h', 'db'] */
  command: v.optional(Words),
  /** shell: run on the host itself. Needs `--allow-host-hooks` on the command line too. @example true */
  host: v.optional(v.pipe(v.boolean(), v.description('shell: run on the host (also needs --allow-host-hooks on the command line).'))),
  /** Pass the secret values of the merged env to the hook (by environment only). @example true */
  secrets: v.optional(v.pipe(v.boolean(), v.description('Give the hook the secret values of the merged env (by environment only).'))),
  /** Seconds the hook may run; then it is stopped and removed and the stage fails. @example 60 */
  timeout: v.optional(v.pipe(Seconds, v.description('Seconds the hook may run (default hooks.timeout, 300).'))),
  /** Keep going when the hook fails. @example true */
  continueOnError: v.optional(v.pipe(v.boolean(), v.description('A failing hook is a warning, and the stage goes on.'))),
  /** Run only when this is "on", as a step's when: (`${VAR}` interpolated; empty, false, 0, no, off skip). @example '${RUN_MIGRATIONS}' */
  when: v.optional(v.pipe(v.union([v.string(), v.boolean()]), v.description('Skip the hook when this (after ${VAR} interpolation) is empty, false, 0, no or off.'))),
  /** Per-service points only: the services it runs for (default: every selected service). @example ['db'] */
  service: v.optional(v.pipe(v.union([v.string(), v.array(v.string())]), v.description('Per-service points: the service or services it runs for (default: every selected one).'))),
});

/**
 * `hooks:` itself: `autodiscover`, `timeout`, and one list per point (pre_deploy, post_service_up, pre_<stage>...).
 * Point names are checked against the stages by checkHooks, which knows `stages:`.
 * @example { autodiscover: true, pre_deploy: [{ script: stacks/db/hooks/migrate.sh }] }
 */
export const HooksSchema = v.objectWithRest(
  {
    /** Run stacks/<service>/hooks/<point>.sh of the selected services when present (default false). @example true */
    autodiscover: v.optional(v.pipe(v.boolean(), v.description('Run stacks/<service>/hooks/<point>.sh of selected services when present (default false).')), false),
    /** Default seconds per hook (300). @example 600 */
    timeout: v.optional(v.pipe(Seconds, v.description('Default seconds a hook may run.')), DEFAULT_HOOK_TIMEOUT),
  },
  v.array(HookSchema, 'must be a list of hooks, e.g. [{ run: "echo hi" }]'),
);

export type Hook = v.InferOutput<typeof HookSchema>;
export type HooksConfig = v.InferOutput<typeof HooksSchema>;
