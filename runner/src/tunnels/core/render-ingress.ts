// The named tunnel's ingress file (cloudflared's config YAML): public hostnames → services on the stack network.
import { stringify } from 'yaml';
import { DescriptorError } from '../../shared/core/errors';
import { type ComposeModelForTunnels, selectTunnelTarget } from './select-tunnel-target';
import type { IngressRule } from '../../descriptor/core/tunnels-schema';

export const INGRESS_FILE = 'var/run/tunnels/ingress.yml';

export interface RenderedIngress {
  yaml: string;
  /** The network the named tunnel joins: that of the first rule's service. */
  network: string;
}

/**
 * Every rule must name a selected service (an unselected one has no container to reach); the last rule is
 * cloudflared's required catch-all (404). Holds no secret: the token travels separately.
 */
export function renderIngress(rules: readonly IngressRule[], model: ComposeModelForTunnels, selected: readonly string[]): RenderedIngress {
  if (rules.length === 0) {
    throw new DescriptorError('tunnels.named.ingress is empty: the named tunnel would reach no service', {
      hint: "add a rule: tunnels: { named: { ingress: [{ hostname: 'app.example.com', service: 'hello' }] } }",
    });
  }
  let network = '';
  const ingress = rules.map((rule, i) => {
    if (!selected.includes(rule.service)) {
      throw new DescriptorError(`tunnels.named.ingress[${i}].service: "${rule.service}" is not in the selection (selected: ${selected.join(', ') || 'none'})`, {
        hint: `deploy it too (harbor deploy ${rule.service}), or remove the rule for ${rule.hostname}`,
      });
    }
    const target = selectTunnelTarget(model, rule.service, rule.port);
    network ||= target.network;
    return { hostname: rule.hostname, ...(rule.path !== undefined && { path: rule.path }), service: target.url };
  });
  const doc = { ingress: [...ingress, { service: 'http_status:404' }] };
  return { yaml: `# Rendered by Harbor from etc/harbor.yaml (tunnels.named.ingress). No secret here.\n${stringify(doc)}`, network };
}
