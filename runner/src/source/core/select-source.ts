// The source stage's decision: from the descriptor's rules and profile, the directory listing and the handles, the selection.
import { join, normalize } from 'node:path/posix';
import { DescriptorError } from '../../shared/core/errors';
import { BUILTIN_CAPABILITIES } from './capabilities';
import { didYouMean } from '../../shared/core/closest-names';
import { BASE_COMPOSE_FILE, selectComposeFiles, type ComposeSelection } from './compose-files';
import { checkHandles } from './compose-handles';
import { buildComposeOptions, splitOptions } from './compose-options';
import type { Profile, SourceRules } from '../../descriptor/core/descriptor-schema';
import { parseIncludePattern, type IncludePattern } from '../../descriptor/core/include-pattern';

export const DEFAULT_PROFILE = 'default';

export interface SourceInput {
  rules: SourceRules;
  profiles: Readonly<Record<string, Profile>>;
  /** `--profile NAME`; undefined means `default`, which may be absent (then there are no default services). */
  profile: string | undefined;
  /** File names directly in `rules.dir`. */
  names: readonly string[];
  /** Handles the user gave (command line or step). */
  handles: readonly string[];
  noDefaults: boolean;
  /** Auto-detected capabilities, or the `--capabilities` pin. */
  detected: readonly string[];
  /** The base entries given as paths relative to the home (with a `/`) that exist, normalised (`compose.yml`). */
  homeFiles?: ReadonlySet<string>;
}

/**
 * A base entry: a bare name is a file of `dir` (as v1's `compose.yml`); a path with a `/` is relative to the home
 * (`./compose.yml` is the home's own compose.yml, for v1's layout). The schema keeps paths inside the home.
 * @example selectBasePath('./compose.yml', 'services') // 'compose.yml'
 */
export function selectBasePath(entry: string, dir: string): string {
  return entry.includes('/') ? normalize(entry) : join(dir, entry);
}

/**
 * Files come back relative to the home (`etc/stacks/compose.yml`). The base files (`rules.base`) come first,
 * in their order; a missing `compose.yml` is skipped as in v1, any other missing base file is an error.
 * A profile's `options` count as defaults: `--no-defaults` drops them with its services.
 */
export function selectSource(input: SourceInput): ComposeSelection {
  const { rules, names } = input;
  const capabilities = [...new Set([...BUILTIN_CAPABILITIES, ...rules.capabilities])];
  const profileName = input.profile ?? DEFAULT_PROFILE;
  const profile = selectProfile(input.profiles, profileName);
  checkHandles(input.handles, names, capabilities, rules.dir);
  if (!input.noDefaults) checkProfileHandles(profile, profileName, names, capabilities, rules.dir);

  const options = buildComposeOptions({
    defaultCapabilities: rules.defaultCapabilities,
    defaultServices: [...profile.services, ...profile.options],
    noDefaults: input.noDefaults,
    given: input.handles,
    detectedCapabilities: input.detected,
  });
  const present = new Set(names);
  const base = rules.base.filter((file) => {
    if (file.includes('/') ? input.homeFiles?.has(selectBasePath(file, rules.dir)) : present.has(file)) return true;
    if (file === BASE_COMPOSE_FILE) return false;
    throw new DescriptorError(`source.rules.base: ${selectBasePath(file, rules.dir)} does not exist`, {
      hint: `create it, or remove "${file}" from source.rules.base in etc/harbor.yaml (a name is a file of ${rules.dir}/, a path with a / is relative to the home)`,
    });
  });
  // The schema has checked every pattern; undefined keeps v1's rules on their fast path.
  const include = rules.include?.map((p) => parseIncludePattern(p) as IncludePattern);
  const selected = selectComposeFiles({ names, options, capabilities, include }).filter(
    (file) => !base.includes(file) && (file !== BASE_COMPOSE_FILE || rules.base.includes(BASE_COMPOSE_FILE)),
  );
  const split = splitOptions(options, capabilities);
  return {
    files: [...base.map((file) => selectBasePath(file, rules.dir)), ...selected.map((file) => join(rules.dir, file))],
    services: split.services,
    options,
    capabilities: split.capabilities,
  };
}

function selectProfile(profiles: Readonly<Record<string, Profile>>, name: string): Profile {
  const profile = profiles[name];
  if (profile) return profile;
  if (name === DEFAULT_PROFILE) return { services: [], options: [] };
  const known = Object.keys(profiles);
  throw new DescriptorError(`unknown profile "${name}"${didYouMean(name, known)}`, {
    hint: known.length ? `profiles in the descriptor: ${known.join(', ')}` : 'the descriptor defines no profiles (add them under `profiles:` in etc/harbor.yaml)',
  });
}

/** A profile naming a service the directory does not have is a descriptor mistake: say where it comes from. */
function checkProfileHandles(profile: Profile, name: string, names: readonly string[], capabilities: readonly string[], dir: string): void {
  try {
    checkHandles([...profile.services, ...profile.options], names, capabilities, dir);
  } catch (err) {
    if (!(err instanceof DescriptorError)) throw err;
    throw new DescriptorError(`profiles.${name}: ${err.message}`, { hint: err.hint });
  }
}
