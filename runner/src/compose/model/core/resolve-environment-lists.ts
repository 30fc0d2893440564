// compose-go loader.ResolveEnvironment: a bare `KEY` in a list-form environment takes the project env's value.
import { isMap, unsupported, type ModelMap } from './model-tree';

/** compose-go loader.ResolveEnvironment: a bare `KEY` in a list-form environment takes the project env's value. */
export function resolveEnvironmentLists(dict: ModelMap, lookup: (name: string) => string | undefined): void {
  if (!isMap(dict.services)) return;
  for (const service of Object.values(dict.services)) {
    if (!isMap(service) || !Array.isArray(service.environment)) continue;
    service.environment = service.environment
      .filter((e): e is string => typeof e === 'string')
      .map((e) => {
        const value = lookup(e);
        return value === undefined ? e : `${e}=${value}`;
      });
  }
  for (const kind of ['secrets', 'configs']) {
    const resources = dict[kind];
    if (!isMap(resources)) continue;
    for (const resource of Object.values(resources)) if (isMap(resource) && 'environment' in resource) unsupported(`${kind} from the environment`);
  }
}

