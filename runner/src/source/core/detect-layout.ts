// Which layout a Harbor home has: a descriptor, v1's (services/ + compose.yml + .env at the root), or v2's defaults; and the v1 descriptor.
import { DEFAULT_ENV_SOURCES } from '../../descriptor/core/env-config-schema';

/** What the home holds, as far as the layout goes (gathered by read-home-layout.ts). */
export interface HomeFacts {
  descriptor: boolean;
  /** etc/stacks exists (v2's default compose directory). */
  stacksDir: boolean;
  /** How many compose.<something>.yml files services/ holds. */
  servicesComposeFiles: number;
  rootCompose: boolean;
  rootEnv: boolean;
}

export interface HomeLayout {
  kind: 'descriptor' | 'v1' | 'v2';
  /** Why, in one sentence (harbor doctor prints it). */
  reason: string;
}

/** v1's folder of compose files and the root files beside it. */
export const V1_COMPOSE_DIR = 'services';
export const V1_ENV_FILE = '.env';

/**
 * A home with no etc/harbor.yaml and no etc/stacks that has compose files in services/ and a compose.yml at the
 * root is a Harbor v1 checkout: its .env is the sys layer (v1 copies profiles/default.env there).
 * @example detectLayout({ descriptor: false, stacksDir: false, servicesComposeFiles: 652, rootCompose: true, rootEnv: true }).kind // 'v1'
 */
export function detectLayout(f: HomeFacts): HomeLayout {
  if (f.descriptor) return { kind: 'descriptor', reason: 'etc/harbor.yaml describes it' };
  const v1Parts = `services/ has ${f.servicesComposeFiles} compose.*.yml file${f.servicesComposeFiles === 1 ? '' : 's'}, ${f.rootCompose ? 'compose.yml is' : 'no compose.yml'} at the root, ${f.rootEnv ? '.env is' : 'no .env'} at the root`;
  if (!f.stacksDir && f.servicesComposeFiles > 0 && f.rootCompose) {
    return { kind: 'v1', reason: `no etc/harbor.yaml, no etc/stacks/; ${v1Parts}: Harbor v1's layout` };
  }
  const why = f.servicesComposeFiles > 0 ? (f.stacksDir ? ` (services/ is not used: etc/stacks/ exists)` : ` (not v1's: ${v1Parts})`) : '';
  return { kind: 'v2', reason: `no etc/harbor.yaml: the default layout, compose files in etc/stacks/${why}` };
}

/** The .env keys v1 read its defaults from (`harbor defaults`, `harbor config get capabilities.default`). */
export interface V1Settings {
  HARBOR_SERVICES_DEFAULT?: string | undefined;
  HARBOR_CAPABILITIES_DEFAULT?: string | undefined;
  HARBOR_CAPABILITIES_AUTODETECT?: string | undefined;
}

/**
 * The raw descriptor (validated like etc/harbor.yaml) that gives v1's behaviour: base compose.yml from the root,
 * candidates from services/, .env as the sys layer, default services and capabilities `;`-separated as v1 read
 * them. v1 counted its default capabilities as capabilities (`*` never stands in for them), so they are declared.
 */
export function buildV1Descriptor(settings: V1Settings): Record<string, unknown> {
  const capabilities = splitV1List(settings.HARBOR_CAPABILITIES_DEFAULT);
  // v1 detected only when the value is exactly "true"; a .env older than the key detected always.
  const auto = settings.HARBOR_CAPABILITIES_AUTODETECT === undefined || settings.HARBOR_CAPABILITIES_AUTODETECT === 'true';
  return {
    version: 1,
    profiles: { default: { services: splitV1List(settings.HARBOR_SERVICES_DEFAULT) } },
    source: { rules: { dir: V1_COMPOSE_DIR, base: ['./compose.yml'], autoCapabilities: auto, capabilities, defaultCapabilities: capabilities } },
    prepare: { env: { sources: DEFAULT_ENV_SOURCES.map((s) => (s.type === 'sys' ? { ...s, file: V1_ENV_FILE } : { ...s })) } },
  };
}

/** v1's lists: `;`-separated, blanks around names and empty entries ignored ("ollama;webui"). */
export function splitV1List(value: string | undefined): string[] {
  return (value ?? '').split(';').map((s) => s.trim()).filter((s) => s !== '');
}
