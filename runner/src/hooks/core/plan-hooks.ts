// Decides which hooks run at a point, for which service, in which order, and whether `when:` skips them.
import { posix } from 'node:path';
import { evaluateWhen } from '../../descriptor/core/evaluate-when';
import type { HookPoint } from '../../descriptor/core/hook-points';
import { DEFAULT_HOOK_TIMEOUT, type Hook, type HooksConfig, type HookType } from '../../descriptor/core/hooks-schema';

/** A script found by autodiscovery: stacks/<service>/hooks/<point>.sh. */
export interface DiscoveredHook {
  service: string;
  point: string;
  /** Relative to the home. */
  script: string;
}

export interface PlannedHook {
  point: string;
  stage: string;
  /** Per-service points: the service; autodiscovered global hooks: the folder they came from. */
  service?: string | undefined;
  /** The hook's name (default: from its script, module or image). */
  name: string;
  /** `pre_deploy:migrate`, `post_service_up[hello]:check`: the output prefix and the log title. */
  label: string;
  /** Where it is declared: `hooks.pre_deploy[0]` or `stacks/hello/hooks/pre_deploy.sh (autodiscovered)`. */
  origin: string;
  type: HookType;
  /** The hook with its defaults filled in (type, timeout). */
  hook: Hook & { type: HookType; timeout: number };
  /** Set when `when:` turns the hook off. */
  skip?: { expression: string; value: string } | undefined;
}

export interface PlanPointInput {
  point: HookPoint;
  config: HooksConfig;
  /** Selected services, in selection order. */
  services: readonly string[];
  discovered: readonly DiscoveredHook[];
  /** What `when:` is interpolated against. */
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Descriptor hooks first, in list order, then autodiscovered scripts in service order. A per-service point
 * runs service by service (selection order), each service's hooks in that same order.
 * @example planPointHooks({ point: { name: 'pre_deploy', stage: 'deploy', perService: false }, config: { autodiscover: false, timeout: 300, pre_deploy: [{ run: 'echo hi' }] }, services: [], discovered: [], env: {} })[0].label // 'pre_deploy:run'
 */
export function planPointHooks(input: PlanPointInput): PlannedHook[] {
  const { point, config } = input;
  const declared = (config[point.name] as Hook[] | undefined) ?? [];
  const discovered = config.autodiscover ? input.discovered.filter((d) => d.point === point.name && input.services.includes(d.service)) : [];
  const fromDescriptor = (hook: Hook, index: number, service?: string) => build(input, hook, `hooks.${point.name}[${index}]`, service);
  const fromFolder = (d: DiscoveredHook) => build(input, { script: d.script, name: `${d.service}.${point.name}` }, `${d.script} (autodiscovered)`, d.service);
  if (!point.perService) return [...declared.map((hook, i) => fromDescriptor(hook, i)), ...discovered.map(fromFolder)];
  return input.services.flatMap((service) => [
    ...declared.flatMap((hook, i) => (appliesTo(hook, service) ? [fromDescriptor(hook, i, service)] : [])),
    ...discovered.filter((d) => d.service === service).map(fromFolder),
  ]);
}

function build(input: PlanPointInput, hook: Hook, origin: string, service: string | undefined): PlannedHook {
  const type = hook.type ?? 'shell';
  const name = hook.name ?? defaultName(hook);
  const decision = evaluateWhen(hook.when, input.env);
  const where = input.point.perService && service !== undefined ? `[${service}]` : '';
  return {
    point: input.point.name,
    stage: input.point.stage,
    service,
    name,
    label: `${input.point.name}${where}:${name}`,
    origin,
    type,
    hook: { ...hook, type, timeout: hook.timeout ?? input.config.timeout ?? DEFAULT_HOOK_TIMEOUT },
    skip: decision.run ? undefined : { expression: decision.expression, value: decision.value },
  };
}

function appliesTo(hook: Hook, service: string): boolean {
  if (hook.service === undefined) return true;
  const list = Array.isArray(hook.service) ? hook.service : [hook.service];
  return list.includes(service) || list.includes('*');
}

/** migrate.sh → migrate; check.ts → check; curlimages/curl:8 → curl; inline → run. */
function defaultName(hook: Hook): string {
  const file = hook.script ?? hook.module;
  if (file !== undefined) return posix.basename(file).replace(/\.[^.]*$/, '') || 'hook';
  if (hook.image !== undefined && hook.type === 'container') return posix.basename(hook.image.split('@')[0]!).split(':')[0]! || 'container';
  return 'run';
}

/** One line for dry-run output and logs: what the hook runs, and where. */
export function describeHook(planned: PlannedHook, runnerImage: string): string {
  const { hook } = planned;
  const image = hook.image ?? runnerImage;
  if (planned.type === 'ts_routine') return `ts_routine ${hook.module} (runner's Node, image ${runnerImage})`;
  if (planned.type === 'container') return `container ${image}${hook.command ? ` ${hook.command.join(' ')}` : ' (its own command)'}`;
  const what = hook.script !== undefined ? hook.script : `sh -c ${JSON.stringify(hook.run)}`;
  return hook.host ? `shell ON THE HOST: ${what}` : `shell ${what} (image ${image})`;
}
