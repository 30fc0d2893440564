// The source stage: loads the descriptor and the compose directory, gathers host facts, and selects the compose files.
import { loadHomeDescriptor } from '../source/load-home-descriptor';
import { findHomeFiles } from '../source/read-home-layout';
import { readComposeDir } from '../source/compose-dir';
import { readDockerFacts } from '../source/docker-facts';
import { BUILTIN_CAPABILITIES, detectCapabilities, parseCapabilityPin } from '../source/core/capabilities';
import type { ComposeProject } from '../compose/core/compose-argv';
import type { ComposeSelection } from '../source/core/compose-files';
import type { Descriptor } from '../descriptor/core/descriptor-schema';
import { parseHostFacts } from '../source/core/host-facts';
import { selectProjectName } from '../source/core/project-name';
import { selectBasePath, selectSource } from '../source/core/select-source';
import type { Deps } from '../shared/deps';
import { ACTIONS } from '../workflow/action-registry';

export interface SourceOptions {
  /** Service handles (and capability names, `*`) the user gave. */
  handles?: readonly string[];
  /** Leave out the profile's default services and options. */
  noDefaults?: boolean;
  /** `--profile NAME` (default: `default`). */
  profile?: string;
  /** `--stack NAME`: merge stacks/NAME/harbor.yaml over etc/harbor.yaml. */
  stack?: string;
  /** `--capabilities a,b`: use these instead of detecting capabilities ('' pins none). */
  capabilities?: string;
  /** `--site NAME`: the site env layer (etc/sites/NAME.env); default: HARBOR_SITE. */
  site?: string | undefined;
}

export interface ResolvedSource {
  descriptor: Descriptor;
  /** The descriptor files that were read, relative to the home (empty: built-in default descriptor). */
  descriptorFiles: string[];
  project: ComposeProject;
  /** Every file name in the compose directory (`harbor ls` lists the handles they make known). */
  names: string[];
  /** Built-in and declared capability names. */
  knownCapabilities: string[];
  selection: ComposeSelection;
  /** The `--site` given, for the env layers. */
  site?: string | undefined;
}

/**
 * Docker is asked for the compose version and the runtimes only when auto-detection is on and no pin is
 * given, and once per call. Host facts come from HARBOR_HOST_FACTS (set by harbor.sh).
 */
export async function resolveSource(deps: Deps, options: SourceOptions = {}): Promise<ResolvedSource> {
  const loaded = await loadHomeDescriptor(deps.home, { stack: options.stack, actions: ACTIONS });
  const { descriptor } = loaded;
  const rules = descriptor.source.rules;
  const names = await readComposeDir(deps.home, rules.dir);
  const detected = await detect(deps, rules.autoCapabilities, options.capabilities);
  const homeFiles = await findHomeFiles(deps.home, rules.base.filter((b) => b.includes('/')).map((b) => selectBasePath(b, rules.dir)));
  const selection = selectSource({
    homeFiles,
    rules,
    profiles: descriptor.profiles,
    profile: options.profile,
    names,
    handles: options.handles ?? [],
    noDefaults: options.noDefaults ?? false,
    detected,
  });
  deps.log.debug(`source: ${selection.files.length} compose files, services ${selection.services.join(' ') || '(none)'}`);
  return {
    descriptor,
    descriptorFiles: loaded.files,
    project: { name: selectProjectName(descriptor.project, deps.home), directory: deps.home },
    names,
    knownCapabilities: [...new Set([...BUILTIN_CAPABILITIES, ...rules.capabilities])],
    selection,
    site: options.site,
  };
}

async function detect(deps: Deps, auto: boolean, pin: string | undefined): Promise<string[]> {
  if (pin !== undefined) return parseCapabilityPin(pin);
  if (!auto) return [];
  const facts = parseHostFacts(deps.env.HARBOR_HOST_FACTS);
  for (const warning of facts.warnings) deps.log.warn(warning);
  const docker = await readDockerFacts(deps);
  for (const warning of docker.warnings) deps.log.debug(warning);
  const found = detectCapabilities(facts, docker.composeVersion, docker.runtimes);
  deps.log.debug(`capabilities detected: ${found.join(' ') || '(none)'}`);
  return found;
}
