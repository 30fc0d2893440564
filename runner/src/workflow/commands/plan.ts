// `harbor plan [HANDLE...]`: what a deploy would change (rendered files, env, restarts) and run, computed without writing.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { renderPreparePlan } from '../../prepare/core/render-prepare-plan';
import { renderStagePlan } from '../render-stage-plan';
import { loadPreparePlan } from '../../stack/load-prepare-plan';
import { resolveSource } from '../../stack/resolve-source';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const planCommand = defineCommand({
  usage: 'plan [...handles]',
  group: 'Deploy',
  summary: 'Show what deploy would change: rendered files, env names (secrets as tags), restarted services, compose commands',
  options: [
    ...STACK_OPTIONS,
    {
      flags: '--json',
      description: 'Print {"project", "files", "services", "templates": {added, changed, removed, unchanged}, "env": {added, changed, removed, unchanged}, "overlay", "deploy": {steps}}',
    },
  ],
  examples: ['./harbor.sh plan', './harbor.sh plan --profile llm', './harbor.sh plan greeter --json | jq .env.changed'],
  schema: v.object({ ...stackOptionEntries, json: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    const plan = await loadPreparePlan(deps, source);
    deps.out(options.json ? `${JSON.stringify(plan, null, 2)}\n` : `${renderPreparePlan(plan)}${renderStagePlan(plan.deploy)}`);
  },
});
