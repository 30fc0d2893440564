// `harbor run <name>`: runs one stage of the descriptor, prints the source selection, or (v1) runs a one-off service container.
import * as v from 'valibot';
import { loadDescriptor } from '../adapters/descriptor-loader';
import { defineCommand } from '../command-spec';
import { didYouMean } from '../core/closest-names';
import { selectStage, selectStageNames } from '../core/descriptor/select-stage';
import type { Deps } from '../deps';
import { UsageError } from '../errors';
import { planStage } from '../workflow/plan-stage';
import { renderStagePlan } from '../workflow/render-stage-plan';
import { runStage } from '../workflow/run-stage';
import { loadStageContext } from './stage-context';

const RunOptions = v.object({
  dryRun: v.optional(v.boolean(), false),
  profile: v.optional(v.pipe(v.string(), v.minLength(1))),
  stack: v.optional(v.pipe(v.string(), v.minLength(1))),
  defaults: v.optional(v.boolean(), true),
  capabilities: v.optional(v.string()),
  json: v.optional(v.boolean(), false),
});
type RunOptions = v.InferOutput<typeof RunOptions>;

export const runCommand = defineCommand({
  usage: 'run <name> [...args]',
  group: 'Deploy',
  summary: 'Run one stage of the descriptor (deploy, post_deploy, destroy, your own), print the source selection, or run a one-off service container',
  options: [
    { flags: '--dry-run', description: 'Print the plan (each step and its exact compose command) and change nothing' },
    { flags: '--profile <name>', description: 'Default services from this descriptor profile (default: "default")' },
    { flags: '--stack <name>', description: 'Merge stacks/<name>/harbor.yaml over etc/harbor.yaml' },
    { flags: '--no-defaults', description: "Leave out the profile's default services and options" },
    { flags: '--capabilities <list>', description: 'Use these capabilities (comma-separated; "" for none) instead of detecting them' },
    { flags: '--json', description: 'Print the result as JSON (a stage: {stage, ok, durationMs, steps}; source: {files, services, options, capabilities})' },
  ],
  examples: [
    './harbor.sh run deploy --dry-run          # the steps and the exact compose commands',
    './harbor.sh run post_deploy',
    './harbor.sh run deploy hello --json       # extra handles join the selection',
    './harbor.sh run source --no-defaults webui --json',
    './harbor.sh run backup --stack db         # a stage of your own, under `stages:`',
  ],
  schema: RunOptions,
  async run({ args, options, deps }) {
    const [name, ...rest] = args as [string, ...string[]];
    if (name === 'source') return printSource(deps, rest, options);
    const { descriptor } = await loadDescriptor(deps.home, { stack: options.stack });
    const stages = selectStageNames(descriptor);
    if (stages.includes(name)) return runNamedStage(deps, name, rest, options);
    return runServiceOneOff(deps, name, [...stages, 'source']);
  },
});

async function runNamedStage(deps: Deps, name: string, handles: string[], options: RunOptions): Promise<number> {
  const { source, ctx, whenEnv } = await loadStageContext(deps, {
    handles,
    noDefaults: !options.defaults,
    profile: options.profile,
    stack: options.stack,
    capabilities: options.capabilities,
    dryRun: options.dryRun,
  });
  const steps = selectStage(source.descriptor, name)!;
  if (options.dryRun) {
    const plan = planStage(name, steps, ctx, { env: whenEnv });
    deps.out(options.json ? `${JSON.stringify({ ...plan, dryRun: true }, null, 2)}\n` : renderStagePlan(plan));
    return 0;
  }
  const result = await runStage(name, steps, ctx, { env: whenEnv });
  const { error, ...report } = result;
  if (options.json) deps.out(`${JSON.stringify(report, null, 2)}\n`);
  else for (const url of new Set(result.steps.flatMap((s) => s.urls ?? []))) deps.out(`${url}\n`);
  if (error !== undefined) throw error;
  return 0;
}

async function printSource(deps: Deps, handles: string[], options: RunOptions): Promise<number> {
  const { source } = await loadStageContext(deps, {
    handles,
    noDefaults: !options.defaults,
    profile: options.profile,
    stack: options.stack,
    capabilities: options.capabilities,
    dryRun: true,
  });
  const { files, services, options: selected, capabilities } = source.selection;
  if (options.json) {
    deps.out(`${JSON.stringify({ files, services, options: selected, capabilities }, null, 2)}\n`);
    return 0;
  }
  const list = (items: string[]) => (items.length ? items.join(' ') : '(none)');
  deps.out(`files:\n${files.map((f) => `  ${f}\n`).join('')}services: ${list(services)}\noptions: ${list(selected)}\ncapabilities: ${list(capabilities)}\n`);
  return 0;
}

/** v1's `harbor run <service>` (a one-off container) is not available in this runner yet: the name must be a stage. */
async function runServiceOneOff(_deps: Deps, name: string, stages: readonly string[]): Promise<number> {
  throw new UsageError(`harbor run ${name}: no such stage${didYouMean(name, stages)}`, {
    hint: `stages: ${stages.join(', ')} (add your own under \`stages:\` in etc/harbor.yaml)`,
  });
}
