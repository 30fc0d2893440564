// The valibot schema of harbor.yaml (version 1): the single source of the descriptor's shape, defaults and JSON Schema.
import { normalize } from 'node:path/posix';
import * as v from 'valibot';
import { HooksSchema } from './hooks-schema';
import { PrepareSchema } from './prepare-schema';
import { parseIncludePattern } from './include-pattern';
import { TunnelsSchema } from './tunnels-schema';
import { RoutingSchema } from './routing-schema';
import { ServiceCommandsSchema } from './service-commands-schema';

/** Names of profiles and custom stages: what a user types after `--profile` or `harbor run`. */
const NAME = /^[a-z][a-z0-9_-]*$/;
const nameSchema = (what: string) =>
  v.pipe(v.string(), v.regex(NAME, `${what} names use a-z, 0-9, "_" and "-", starting with a letter`));

/** Stage names with a fixed meaning: a custom stage under `stages:` may not take them. */
export const BUILT_IN_STAGES = ['source', 'prepare', 'deploy', 'post_deploy', 'destroy'] as const;

/** The keys of a step that are not the action's params. */
export const STEP_KEYS = ['action', 'name', 'when', 'continueOnError'] as const;

/**
 * One step of a stage. Every key other than action/name/when/continueOnError is a parameter of the action.
 * @example { action: 'compose.up', services: ['hello'] }
 * @example { action: 'log.info', message: 'Tunnel requested', when: '${ENABLE_TUNNEL}' }
 */
export const StepSchema = v.looseObject({
  /** The action to run. @example 'compose.up' */
  action: v.pipe(v.string(), v.minLength(1, 'must name an action'), v.description('The action to run (see docs/Harbor-Descriptor.md for the list).'), v.examples(['compose.up', 'log.info'])),
  /** A label for logs. @example 'start the stack' */
  name: v.optional(v.pipe(v.string(), v.description('A label shown in progress logs.'))),
  /**
   * Run the step only when this is "on": `${VAR}` is interpolated against the environment, and an empty value,
   * `false`, `0`, `no` or `off` (any case) skips it.
   * @example '${ENABLE_TUNNEL}'
   */
  when: v.optional(v.pipe(v.union([v.string(), v.boolean()]), v.description('Skip the step when this (after ${VAR} interpolation) is empty, false, 0, no or off.'), v.examples(['${ENABLE_TUNNEL}']))),
  /** Keep going with the next step when this one fails. @example true */
  continueOnError: v.optional(v.pipe(v.boolean(), v.description('Keep running the stage when this step fails (default false).'))),
});

/**
 * A stage: its steps run in order; the first failing step stops it (unless continueOnError).
 * @example { steps: [{ action: 'compose.up' }] }
 */
export const StageSchema = v.strictObject({
  /** @example [{ action: 'compose.up' }] */
  steps: v.pipe(v.array(StepSchema), v.description('The steps, run in order.')),
});

/**
 * A named set of default services and options.
 * @example { services: ['hello', 'greeter'], options: [] }
 */
export const ProfileSchema = v.strictObject({
  /** Services started when no handle is given; dropped by `--no-defaults`. @example ['hello', 'greeter'] */
  services: v.optional(v.pipe(v.array(v.string()), v.description('Default services (dropped by --no-defaults).'), v.examples([['hello', 'greeter']])), []),
  /** Extra options for the compose rules (capabilities, `*`); dropped by `--no-defaults`. @example ['*'] */
  options: v.optional(v.pipe(v.array(v.string()), v.description('Extra compose-rule options such as capability names or "*" (dropped by --no-defaults).'), v.examples([['build']])), []),
});

const CAPABILITY = /^[a-z0-9-]+$/;
const capabilityList = v.array(v.pipe(v.string(), v.regex(CAPABILITY, 'capability names use a-z, 0-9 and "-"')));

/**
 * How the source stage picks compose files (docs/compose-rules.md).
 * @example { dir: 'etc/stacks', base: ['compose.yml'], autoCapabilities: true }
 */
export const RulesSchema = v.strictObject({
  /** The compose directory, relative to the home. @example 'etc/stacks' */
  dir: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.description('The compose directory, relative to the Harbor home.')), 'etc/stacks'),
  /** Files always included first: a name is a file of `dir`, a path with a `/` is relative to the home. @example ['./compose.yml'] */
  base: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.minLength(1, 'must not be empty'),
          v.check(
            (b) => !b.includes('/') || (!b.startsWith('/') && !normalize(b).startsWith('../') && normalize(b) !== '..'),
            'a path with a / is relative to the Harbor home and must stay inside it (no leading /, not above the home): ./compose.yml is the home\'s own compose.yml',
          ),
        ),
      ),
      v.description('Base compose files, always included first: a name is a file of dir, a path with a / is relative to the home (./compose.yml).'),
    ),
    ['compose.yml'],
  ),
  /**
   * Patterns of the compose files to select (docs/compose-rules.md): a file is used when any pattern matches its
   * name. `${service}`, `${capability}` and `${option}` stand for one token in force, `*` for any token, `**` for
   * any number; `+` after a variable takes one or more. Default: v1's rules.
   * @example ['compose.${service}.yml', 'compose.x.${service}.${option}.yml']
   */
  include: v.optional(
    v.pipe(
      v.array(
        v.pipe(
          v.string(),
          v.rawCheck(({ dataset, addIssue }) => {
            if (!dataset.typed) return;
            const parsed = parseIncludePattern(dataset.value);
            if (typeof parsed === 'string') addIssue({ message: parsed });
          }),
        ),
      ),
      v.description("Compose file name patterns that select files (default: v1's rules: compose.**.${option}.**.yml, compose.x.${option}+.yml)."),
      v.examples([['compose.${service}.yml', 'compose.x.${service}.${option}.yml']]),
    ),
  ),
  /** Detect nvidia, cdi, rocm and mdc on the host. @example false */
  autoCapabilities: v.optional(v.pipe(v.boolean(), v.description('Detect the nvidia, cdi, rocm and mdc capabilities.')), true),
  /** Capability names declared in addition to nvidia, cdi, rocm, mdc and build. @example ['tpu'] */
  capabilities: v.optional(v.pipe(capabilityList, v.description('Extra capability names (beyond nvidia, cdi, rocm, mdc, build).')), []),
  /** Capabilities always in force, even with `--no-defaults`. @example ['build'] */
  defaultCapabilities: v.optional(v.pipe(capabilityList, v.description('Capabilities always in force, even with --no-defaults.')), []),
});

/** The whole descriptor. Keys starting with `x-` at the top level are ignored (room for YAML anchors, as in compose). */
export const DescriptorSchema = v.strictObject({
  /** The descriptor format version: 1. @example 1 */
  version: v.pipe(v.literal(1, 'must be 1 (the only descriptor version this Harbor reads)'), v.description('Descriptor format version.')),
  /** Compose project name; default: the home's directory name, sanitised. @example 'harbor' */
  project: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^[a-z0-9][a-z0-9_-]*$/, 'compose project names use a-z, 0-9, "_" and "-", starting with a letter or digit'),
      v.description('Compose project name (default: the home directory name, sanitised).'),
    ),
  ),
  /** Named defaults; `--profile NAME` picks one, `default` otherwise. @example { default: { services: ['hello'] } } */
  profiles: v.optional(v.pipe(v.record(nameSchema('profile'), ProfileSchema), v.description('Named sets of default services and options.')), {}),
  /** The source stage: compose file rules. @example { rules: { dir: 'etc/stacks' } } */
  source: v.optional(v.strictObject({ rules: v.optional(RulesSchema, {}) }), {}),
  /** The prepare stage: env layers, templates, interpolation. */
  prepare: v.optional(PrepareSchema, {}),
  /** Cloudflare tunnels: the cloudflared image, and the named tunnel's token and ingress (docs/Harbor-Tunnels.md). */
  tunnels: v.optional(TunnelsSchema, {}),
  /** Traefik routing by a generated overlay, when the proxy service is selected (docs/Harbor-Traefik.md). @example { domain: 'lan', services: ['hello'] } */
  routing: v.optional(RoutingSchema),
  /** Steps of `harbor deploy` / `harbor run deploy`. @example { steps: [{ action: 'compose.up' }] } */
  deploy: v.optional(StageSchema),
  /** Steps run after deploy. @example { steps: [{ action: 'open', target: ['hello'] }] } */
  post_deploy: v.optional(StageSchema),
  /** Steps of `harbor destroy`. @example { steps: [{ action: 'compose.down' }] } */
  destroy: v.optional(StageSchema),
  /** Hooks before and after stages and per service (docs/Harbor-Hooks.md). @example { pre_deploy: [{ script: stacks/db/hooks/migrate.sh }] } */
  hooks: v.optional(v.pipe(HooksSchema, v.description('Hooks before and after stages and around each service (docs/Harbor-Hooks.md).')), {}),
  /** A service's helpers, in stacks/<service>/harbor.yaml (`harbor svc <service> <command>`). @example { models: { run: ['ollama', 'list'] } } */
  commands: v.optional(ServiceCommandsSchema),
  /** Custom stages, run with `harbor run NAME`. @example { backup: { steps: [{ action: 'compose.exec', service: 'db', command: ['backup'] }] } } */
  stages: v.optional(
    v.pipe(
      v.record(
        v.pipe(nameSchema('stage'), v.notValues(BUILT_IN_STAGES, (issue) => `"${String(issue.input)}" is a built-in stage: put it at the top level, not under stages`)),
        StageSchema,
      ),
      v.description('Custom stages, run with `harbor run NAME`.'),
    ),
    {},
  ),
});

export type Descriptor = v.InferOutput<typeof DescriptorSchema>;
export type Step = v.InferOutput<typeof StepSchema>;
export type Stage = v.InferOutput<typeof StageSchema>;
export type Profile = v.InferOutput<typeof ProfileSchema>;
export type SourceRules = v.InferOutput<typeof RulesSchema>;
