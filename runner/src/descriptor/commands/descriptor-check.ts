// `harbor descriptor check`: validates etc/harbor.yaml (and a stack override) and summarises it; exit 3 when invalid.
import * as v from 'valibot';
import { ACTIONS } from '../../workflow/action-registry';
import { SYSTEM_DESCRIPTOR } from '../descriptor-loader';
import { loadHomeDescriptor } from '../../source/load-home-descriptor';
import { defineCommand } from '../../shared/command-spec';
import { buildDescriptorSummary, renderDescriptorSummary } from '../core/build-descriptor-summary';

export const descriptorCheckCommand = defineCommand({
  usage: 'descriptor check',
  group: 'Deploy',
  summary: 'Validate etc/harbor.yaml (every key, action and parameter) and summarise its stages',
  options: [
    { flags: '--stack <name>', description: 'Also merge and check stacks/<name>/harbor.yaml over it' },
    { flags: '--json', description: 'Print {"valid": true, "files": [...], "layout": "descriptor|v1|v2", "stages": [{name, steps, default}], "profiles": [...], "composeDir": "..."}' },
  ],
  examples: [
    './harbor.sh descriptor check',
    './harbor.sh descriptor check --stack webui',
    'errors name the place: etc/harbor.yaml:12:15: deploy.steps[1].action: unknown action "compose.upp" (did you mean compose.up?)',
  ],
  schema: v.object({ stack: v.optional(v.pipe(v.string(), v.minLength(1))), json: v.optional(v.boolean(), false) }),
  async run({ options, deps }) {
    const { descriptor, files, layout } = await loadHomeDescriptor(deps.home, { stack: options.stack, actions: ACTIONS });
    const summary = buildDescriptorSummary(descriptor);
    if (options.json) {
      deps.out(`${JSON.stringify({ valid: true, files, layout: layout.kind, ...summary }, null, 2)}\n`);
      return;
    }
    const base = layout.kind === 'v1' ? `no ${SYSTEM_DESCRIPTOR}: Harbor v1's layout is used (${layout.reason})` : `no ${SYSTEM_DESCRIPTOR}: the default descriptor is used`;
    const what = files.length === 0 ? `${base}, and it is valid` : `${files.join(' + ')} ${files.length === 1 ? 'is' : 'are'} valid`;
    deps.out(`✔ ${what}\n  ${renderDescriptorSummary(summary)}\n`);
  },
});
