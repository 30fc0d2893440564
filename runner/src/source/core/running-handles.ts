// Turns the services that are running into handles for the selection, so logs of a whole stack cover what runs.
import { knownHandles } from './compose-handles';

/**
 * `docker compose logs` shows only services of the compose model, so `harbor logs` with no handle adds the
 * running services to the selection. A service is taken when it is a known handle; a hyphenated one also
 * brings its known dash-prefix parents (`langfuse-worker` runs from `compose.langfuse.yml`). Services no
 * file knows (containers of a file since removed) are left out rather than failing the selection.
 * @example selectRunningHandles(['hello', 'ollama-init'], ['compose.hello.yml', 'compose.ollama.yml'], [])
 * // ['hello', 'ollama']
 */
export function selectRunningHandles(services: readonly string[], names: readonly string[], capabilities: readonly string[]): string[] {
  const known = knownHandles(names, capabilities);
  const handles = new Set<string>();
  for (const service of services) {
    if (known.has(service)) handles.add(service);
    for (let i = service.indexOf('-'); i !== -1; i = service.indexOf('-', i + 1)) {
      const parent = service.slice(0, i);
      if (i > 0 && known.has(parent)) handles.add(parent);
    }
  }
  return [...handles];
}
