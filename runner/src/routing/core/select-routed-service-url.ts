// `harbor url`'s answer when routing may apply: the Traefik route with -r, else the published or internal URL.
import type { ComposeContainer } from '../../compose/core/compose-ps';
import { selectServiceUrl } from '../../compose/core/service-url';
import { HarborError } from '../../shared/core/errors';

/**
 * With `-r` the routed URL (an error naming the fix when there is none); without it the published URL, or the
 * routed one when the service publishes no port but is routed (what a v1 user reaching `webui.lan` expects).
 * @example selectRoutedServiceUrl(containers, 'hello', { internal: false, routed: true }, 'http://hello.lan') // 'http://hello.lan'
 */
export function selectRoutedServiceUrl(containers: readonly ComposeContainer[], service: string, flags: { internal: boolean; routed: boolean }, routed: string | undefined): string {
  if (flags.routed) {
    if (routed !== undefined) return routed;
    throw new HarborError(`service "${service}" is not routed by Traefik`, {
      code: 'NOT_ROUTED',
      hint: 'add a routing: key to etc/harbor.yaml and deploy with the traefik service selected (docs/Harbor-Traefik.md)',
    });
  }
  try {
    return selectServiceUrl(containers, service, flags.internal);
  } catch (err) {
    if (routed === undefined || flags.internal || !(err instanceof HarborError) || err.code !== 'NO_PORT') throw err;
    return routed;
  }
}
