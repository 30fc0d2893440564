// `harbor up [HANDLE...]`: starts the default services plus the handles (v1's `up`), then prints their URLs.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import type { ServiceUrl } from '../core/service-url';
import { composeUpAction } from '../../workflow/actions/compose-up';
import { composeLogsAction } from '../../workflow/actions/compose-logs';
import { buildCommandContext } from '../../stack/action-context';
import { commandStep, DRY_RUN_OPTION, printCommandPlan } from './print-command-plan';
import { printUrls } from './print-urls';
import { mergeRoutedUrls } from '../../routing/core/merge-routed-urls';
import { readRoutes } from '../../routing/read-routes';
import { requestOpen } from '../../open/request-open';
import { selectOpenUrls } from '../../open/core/open-url';
import { resolveSource } from '../../stack/resolve-source';
import { prepareStack, readStack } from '../../stack/stack';
import { STACK_OPTIONS, sourceOptionsOf, stackOptionEntries } from '../../stack/commands/stack-options';

export const upCommand = defineCommand({
  usage: 'up [...handles]',
  group: 'Stack',
  summary: 'Prepare, then start the default services plus the ones named (compose up -d --wait), then print their URLs',
  options: [
    ...STACK_OPTIONS,
    { flags: '--no-wait', description: 'Return once containers are created, without waiting for them to be healthy' },
    { flags: '--build', description: 'Build images before starting' },
    { flags: '--pull <policy>', description: 'Pull images first: always, missing or never' },
    { flags: '--tail', description: 'Follow the logs once started (as v1)' },
    { flags: '--open', description: "Then open the named services' URLs (none named: every published URL) in this host's browser" },
    { flags: '--persist-env', description: 'Also write the merged env, secrets included, to var/run/.env.run (mode 0600)' },
    DRY_RUN_OPTION,
    { flags: '--json', description: 'Print {"project", "files", "services", "urls": [{service, url}]} instead of URL lines (with --dry-run: the plan)' },
  ],
  examples: ['./harbor.sh up', './harbor.sh up --dry-run webui', './harbor.sh up litellm webui', './harbor.sh up --no-defaults greeter', './harbor.sh up --capabilities "" hello'],
  schema: v.object({
    ...stackOptionEntries,
    wait: v.optional(v.boolean(), true),
    build: v.optional(v.boolean(), false),
    pull: v.optional(v.picklist(['always', 'missing', 'never'], 'must be always, missing or never')),
    tail: v.optional(v.boolean(), false),
    open: v.optional(v.boolean(), false),
    persistEnv: v.optional(v.boolean(), false),
    dryRun: v.optional(v.boolean(), false),
    json: v.optional(v.boolean(), false),
  }),
  async run({ args, options, deps }) {
    const source = await resolveSource(deps, sourceOptionsOf(options, args));
    // Unlike `deploy`, `up` keeps services started earlier by other `up` calls running (v1): no --remove-orphans.
    const params = v.parse(composeUpAction.params, { wait: options.wait, removeOrphans: false, ...(options.build ? { build: true } : {}), ...(options.pull ? { pull: options.pull } : {}) });
    const logs = v.parse(composeLogsAction.params, { follow: true, tail: 20 });
    if (options.dryRun) {
      // As deploy's dry run: the compose calls carry the overlay prepare would write.
      const steps = [commandStep(composeUpAction, params), ...(options.tail ? [commandStep(composeLogsAction, logs)] : [])];
      return printCommandPlan(deps, await readStack(deps, source, { planned: true }), 'up', steps, { prepares: true, json: options.json });
    }
    // Like deploy, up prepares first (env, templates, overlay) and starts the containers under the same home lock.
    const { ctx, urls } = await prepareStack(deps, source, { persistEnv: options.persistEnv, command: 'harbor up' }, async (stack) => {
      const ctx = buildCommandContext(deps, stack, 'up');
      const result = await composeUpAction.run(params, ctx);
      return { ctx, urls: mergeRoutedUrls((result.data as { urls: ServiceUrl[] }).urls, await readRoutes(deps.home)) };
    });
    if (options.json) {
      const { files, services } = source.selection;
      deps.out(`${JSON.stringify({ project: source.project.name, files, services, urls }, null, 2)}\n`);
    } else printUrls(deps, urls);
    if (options.open) await requestOpen(deps, selectOpenUrls(urls, args));
    if (options.tail) await composeLogsAction.run(logs, ctx);
  },
});
