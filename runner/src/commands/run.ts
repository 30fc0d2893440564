// `harbor run <name>`: runs one stage of the descriptor, prints the source selection, or (v1) runs a one-off service container.
import * as v from 'valibot';
import { readComposeDir } from '../adapters/compose-dir';
import { loadDescriptor } from '../adapters/descriptor-loader';
import { defineCommand } from '../command-spec';
import { checkHandles, knownHandles } from '../core/compose-handles';
import type { Descriptor } from '../core/descriptor/descriptor-schema';
import { selectStage, selectStageNames } from '../core/descriptor/select-stage';
import { suggestNames } from '../core/descriptor/suggest-names';
import type { Deps } from '../deps';
import { UsageError } from '../errors';
import { planStage } from '../workflow/plan-stage';
import { renderStagePlan } from '../workflow/render-stage-plan';
import { runStage } from '../workflow/run-stage';
import { buildActionContext } from './action-context';
import { resolveSource } from './resolve-source';
import { runServiceOneOff } from './run-service-one-off';
import { readStackEnv } from './stack-env';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from './stack-options';

const RunOptions = v.object({ ...stackOptionEntries, dryRun: v.optional(v.boolean(), false), json: v.optional(v.boolean(), false) });
type RunOptions = v.InferOutput<typeof RunOptions>;

export const runCommand = defineCommand({
  usage: 'run <name> [...args]',
  group: 'Deploy',
  summary: 'Run one stage of the descriptor (deploy, post_deploy, destroy, your own) or `source`; or a one-off container of a service (v1)',
  options: [
    ...STACK_OPTIONS,
    { flags: '--dry-run', description: 'Print the plan (each step and its exact compose command) and change nothing' },
    { flags: '--json', description: 'Print JSON: a stage {stage, ok, durationMs, steps}; source {files, services, options, capabilities}' },
  ],
  examples: [
    './harbor.sh run deploy --dry-run          # the steps and the exact compose commands',
    './harbor.sh run post_deploy',
    './harbor.sh run deploy greeter --json     # handles after a stage join the selection',
    './harbor.sh run source --no-defaults webui --json',
    './harbor.sh run backup --stack db         # a stage of your own, under `stages:`',
    './harbor.sh run hello -- ls -la /www      # not a stage: a one-off container of the service',
  ],
  schema: RunOptions,
  async run({ args, rest, options, deps }) {
    const [name, ...more] = args as [string, ...string[]];
    const { descriptor } = await loadDescriptor(deps.home, { stack: options.stack });
    const stages = selectStageNames(descriptor);
    if (name === 'source' || stages.includes(name)) {
      if (rest.length) throw new UsageError(`run ${name}: arguments after -- are only for a one-off service command`, { hint: 'run `harbor run --help`' });
      return name === 'source' ? printSource(deps, more, options) : runNamedStage(deps, name, more, options);
    }
    if (await isService(deps, descriptor, name)) return runServiceOneOff(deps, name, [...more, ...rest], sourceOptionsOf(options, []));
    const known = [...stages, 'source', ...(await listServices(deps, descriptor))];
    throw new UsageError(`harbor run ${name}: no such stage or service${suggestNames(name, known)}`, {
      hint: `stages: ${[...stages, 'source'].join(', ')} (add your own under \`stages:\` in etc/harbor.yaml); services: the compose.<name>.yml files in ${descriptor.source.rules.dir}`,
    });
  },
});

async function runNamedStage(deps: Deps, name: string, handles: string[], options: RunOptions): Promise<number> {
  const source = await resolveSource(deps, sourceOptionsOf(options, handles));
  const env = await readStackEnv(deps, source);
  const ctx = buildActionContext(deps, source, env, options.dryRun);
  // `when:` sees the runner's environment overridden by the stack env, as compose's own process does.
  const whenEnv = { ...deps.env, ...env.composeEnv };
  const steps = selectStage(source.descriptor, name)!;
  if (options.dryRun) {
    const plan = planStage(name, steps, ctx, { env: whenEnv });
    deps.out(options.json ? `${JSON.stringify({ ...plan, dryRun: true }, null, 2)}\n` : renderStagePlan(plan));
    return 0;
  }
  const { error, ...report } = await runStage(name, steps, ctx, { env: whenEnv });
  if (options.json) deps.out(`${JSON.stringify(report, null, 2)}\n`);
  else for (const url of new Set(report.steps.flatMap((s) => s.urls ?? []))) deps.out(`${url}\n`);
  if (error !== undefined) throw error;
  return 0;
}

async function printSource(deps: Deps, handles: string[], options: RunOptions): Promise<number> {
  const { files, services, options: selected, capabilities } = (await resolveSource(deps, sourceOptionsOf(options, handles))).selection;
  if (options.json) {
    deps.out(`${JSON.stringify({ files, services, options: selected, capabilities }, null, 2)}\n`);
    return 0;
  }
  const list = (items: string[]) => (items.length ? items.join(' ') : '(none)');
  deps.out(`files:\n${files.map((f) => `  ${f}\n`).join('')}services: ${list(services)}\noptions: ${list(selected)}\ncapabilities: ${list(capabilities)}\n`);
  return 0;
}

/** A handle of the compose directory (by the compose rules' handle rules), not `*` or a capability. */
async function isService(deps: Deps, descriptor: Descriptor, name: string): Promise<boolean> {
  if (name === '*') return false;
  const names = await readComposeDir(deps.home, descriptor.source.rules.dir);
  try {
    checkHandles([name], names, [], descriptor.source.rules.dir);
    return true;
  } catch {
    return false;
  }
}

async function listServices(deps: Deps, descriptor: Descriptor): Promise<string[]> {
  return [...knownHandles(await readComposeDir(deps.home, descriptor.source.rules.dir), [])];
}
