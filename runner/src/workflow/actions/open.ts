// The `open` action: opens the URLs of services (or given URLs) in the host's browser, through harbor.sh (open/request-open.ts).
import * as v from 'valibot';
import { readComposeContainers } from '../../compose/compose-containers';
import { selectServiceUrl } from '../../compose/core/service-url';
import { defineAction } from '../action';
import { requestOpen } from '../../open/request-open';

const URL_TARGET = /^https?:\/\/\S+$/;
// A regex (not a check) so the JSON Schema for editors carries it too.
const TARGET = /^(?:https?:\/\/\S+|[a-zA-Z0-9][a-zA-Z0-9_.-]*)$/;

const Target = v.pipe(v.string(), v.regex(TARGET, 'must be a compose service name or an http(s):// URL'));

const Params = v.strictObject({
  /** Services whose published URL to show, or http(s) URLs. @example ['hello', 'https://example.com/docs'] */
  target: v.union([Target, v.array(Target)], 'must be a service name, a URL, or a list of them'),
});

function targetsOf(target: string | string[]): string[] {
  return Array.isArray(target) ? target : [target];
}

export const openAction = defineAction({
  name: 'open',
  summary: "Open the URLs of services (their published ports) or given http(s) URLs in the host's browser (printed when it has none)",
  params: Params,
  plan: (p) => ({ description: `open the URL of ${targetsOf(p.target).join(', ')}` }),
  run: async (p, ctx) => {
    const targets = targetsOf(p.target);
    const services = targets.filter((t) => !URL_TARGET.test(t));
    // One `compose ps` for all services; none when every target is already a URL.
    const containers = services.length
      ? await readComposeContainers(ctx.deps, { name: ctx.projectName, directory: ctx.home }, ctx.selection.files, { env: ctx.composeEnv, secretValues: ctx.secretValues ?? [] })
      : [];
    const urls = targets.map((t) => (URL_TARGET.test(t) ? t : selectServiceUrl(containers, t, false)));
    targets.forEach((t, i) => ctx.log.info(t === urls[i] ? `open ${t}` : `open ${t}: ${urls[i]}`));
    await requestOpen(ctx.deps, urls);
    return { summary: urls.join(' '), urls, data: { urls: targets.map((target, i) => ({ target, url: urls[i] })) } };
  },
});
