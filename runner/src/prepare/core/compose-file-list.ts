// The compose `-f` list of a stack: the selection's files in order, then prepare's overlay when it applies. Decided here only.
import { PREPARE_OVERLAY_PATH } from './build-prepare-overlay';
import { ROUTING_OVERLAY_PATH } from '../../routing/core/build-routing-overlay';

/**
 * The routing overlay (Traefik labels, when prepare generated one) follows the selection; prepare's overlay comes last so its env references and config-hash labels win over every selected file.
 * @example buildComposeFileList(['compose.yml', 'compose.hello.yml'], true) // [..., 'var/run/overlays/harbor.gen.yml']
 */
export function buildComposeFileList(selectionFiles: readonly string[], overlay: boolean, routing = false): string[] {
  return overlay ? [...selectionFiles, ...(routing ? [ROUTING_OVERLAY_PATH] : []), PREPARE_OVERLAY_PATH] : [...selectionFiles];
}
