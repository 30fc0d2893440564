// `harbor run <name>`: runs one stage of the descriptor or prepare, prints the source selection, or (v1) runs a one-off service container.
import * as v from 'valibot';
import { readComposeDir } from '../../source/compose-dir';
import { ACTIONS } from '../action-registry';
import { loadHomeDescriptor } from '../../source/load-home-descriptor';
import { defineCommand } from '../../shared/command-spec';
import { checkHandles, knownHandles } from '../../source/core/compose-handles';
import type { Descriptor } from '../../descriptor/core/descriptor-schema';
import { selectStage, selectStageNames } from '../../descriptor/core/select-stage';
import { renderPreparePlan } from '../../prepare/core/render-prepare-plan';
import { suggestNames } from '../../descriptor/core/suggest-names';
import type { Deps } from '../../shared/deps';
import { UsageError } from '../../shared/core/errors';
import { planStage } from '../plan-stage';
import { renderStagePlan } from '../render-stage-plan';
import { runStage } from '../run-stage';
import { buildActionContext } from '../../stack/action-context';
import { resolveSource } from '../../stack/resolve-source';
import { runServiceOneOff } from '../../compose/commands/run-service-one-off';
import { loadPreparePlan } from '../../stack/load-prepare-plan';
import { runPrepare } from '../../prepare/run-prepare';
import { prepareStack, readStack, type Stack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

const RunOptions = v.object({
  ...stackOptionEntries,
  persistEnv: v.optional(v.boolean(), false),
  dryRun: v.optional(v.boolean(), false),
  json: v.optional(v.boolean(), false),
});
type RunOptions = v.InferOutput<typeof RunOptions>;

export const runCommand = defineCommand({
  usage: 'run <name> [...args]',
  group: 'Deploy',
  summary: 'Run one stage of the descriptor (prepare, deploy, post_deploy, destroy, your own) or `source`; or a one-off container of a service (v1)',
  options: [
    ...STACK_OPTIONS,
    { flags: '--persist-env', description: 'prepare (and stages that start containers): also write var/run/.env.run (mode 0600)' },
    { flags: '--dry-run', description: 'Print the plan (each step and its exact compose command; for prepare: `harbor plan`) and change nothing' },
    {
      flags: '--json',
      description: 'Print JSON: a stage {stage, ok, durationMs, steps}; prepare {files, services, templates, overlayWritten, envFile, warnings}; source {files, services, options, capabilities}',
    },
  ],
  examples: [
    './harbor.sh run prepare                   # env layers, templates into var/run/, the overlay; starts nothing',
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
    const { descriptor } = await loadHomeDescriptor(deps.home, { stack: options.stack, actions: ACTIONS });
    const stages = selectStageNames(descriptor);
    if (name === 'source' || name === 'prepare' || stages.includes(name)) {
      if (rest.length) throw new UsageError(`run ${name}: arguments after -- are only for a one-off service command`, { hint: 'run `harbor run --help`' });
      if (name === 'source') return printSource(deps, more, options);
      return name === 'prepare' ? runPrepareStage(deps, more, options) : runNamedStage(deps, name, more, options);
    }
    if (await isService(deps, descriptor, name)) return runServiceOneOff(deps, name, [...more, ...rest], sourceOptionsOf(options, []));
    const known = [...stages, 'source', 'prepare', ...(await listServices(deps, descriptor))];
    throw new UsageError(`harbor run ${name}: no such stage or service${suggestNames(name, known)}`, {
      hint: `stages: ${[...stages, 'source', 'prepare'].join(', ')} (add your own under \`stages:\` in etc/harbor.yaml); services: the compose.<name>.yml files in ${descriptor.source.rules.dir}`,
    });
  },
});

/** Actions that create containers: a stage with one of them is prepared first, like deploy. */
const CREATES_CONTAINERS = new Set(['compose.up', 'compose.run']);

async function runNamedStage(deps: Deps, name: string, handles: string[], options: RunOptions): Promise<number> {
  const source = await resolveSource(deps, sourceOptionsOf(options, handles));
  const steps = selectStage(source.descriptor, name)!;
  const prepares = steps.some((step) => CREATES_CONTAINERS.has(step.action));
  if (options.dryRun) {
    // A stage that starts containers would run after prepare: its compose calls carry the overlay.
    const stack = await readStack(deps, source, { planned: prepares });
    // `when:` sees the runner's environment overridden by the stack env, as compose's own process does.
    const plan = planStage(name, steps, buildActionContext(deps, stack, true), { env: { ...deps.env, ...stack.composeEnv } });
    deps.out(options.json ? `${JSON.stringify({ ...plan, dryRun: true }, null, 2)}\n` : renderStagePlan(plan));
    return 0;
  }
  const run = (stack: Stack) => runStage(name, steps, buildActionContext(deps, stack), { env: { ...deps.env, ...stack.composeEnv } });
  // A stage that starts containers runs under the home lock, right after prepare, as deploy's does.
  const { error, ...report } = prepares
    ? await prepareStack(deps, source, { persistEnv: options.persistEnv, command: `harbor run ${name}` }, run)
    : await run(await readStack(deps, source, { tolerant: name === 'destroy' }));
  if (options.json) deps.out(`${JSON.stringify(report, null, 2)}\n`);
  else for (const url of new Set(report.steps.flatMap((s) => s.urls ?? []))) deps.out(`${url}\n`);
  if (error !== undefined) throw error;
  return 0;
}

/** `harbor run prepare`: the prepare stage alone (--dry-run: what `harbor plan` prints). */
async function runPrepareStage(deps: Deps, handles: string[], options: RunOptions): Promise<number> {
  const source = await resolveSource(deps, sourceOptionsOf(options, handles));
  if (options.dryRun) {
    const plan = await loadPreparePlan(deps, source);
    deps.out(options.json ? `${JSON.stringify({ ...plan, dryRun: true }, null, 2)}\n` : `${renderPreparePlan(plan)}${renderStagePlan(plan.deploy)}`);
    return 0;
  }
  const prepared = await runPrepare(deps, source, { persistEnv: options.persistEnv, command: 'harbor run prepare' });
  if (options.json) {
    const { files, services, templates, overlayWritten, envFile, warnings } = prepared;
    deps.out(`${JSON.stringify({ stage: 'prepare', files, services, templates, overlayWritten, envFile: envFile ?? null, warnings }, null, 2)}\n`);
  }
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
