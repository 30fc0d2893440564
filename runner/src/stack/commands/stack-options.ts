// The options every stack command shares (profile, --no-defaults, capabilities pin, stack), declared once.
import * as v from 'valibot';
import type { OptionSpec } from '../../shared/command-spec';
import type { SourceOptions } from '../resolve-source';

export const STACK_OPTIONS: readonly OptionSpec[] = [
  { flags: '--profile <name>', description: 'Default services from profiles.<name> of the descriptor (default: "default")' },
  { flags: '--no-defaults', description: "Leave out the profile's default services: only the handles given" },
  { flags: '--capabilities <list>', description: 'Use these capabilities instead of detecting them: nvidia,mdc ("" for none)' },
  { flags: '--stack <name>', description: 'Merge stacks/<name>/harbor.yaml over etc/harbor.yaml' },
  { flags: '--site <name>', description: 'Use etc/sites/<name>.env as the site layer (default: $HARBOR_SITE, else etc/site.env)' },
];

/** Valibot entries for STACK_OPTIONS, to spread into a command's v.object schema. */
export const stackOptionEntries = {
  profile: v.optional(v.pipe(v.string(), v.minLength(1, 'needs a profile name'))),
  defaults: v.optional(v.boolean(), true),
  capabilities: v.optional(v.string()),
  stack: v.optional(v.pipe(v.string(), v.minLength(1, 'needs a stack name'))),
  site: v.optional(v.pipe(v.string(), v.minLength(1, 'needs a site name'))),
};

export interface StackOptionValues {
  profile?: string | undefined;
  defaults: boolean;
  capabilities?: string | undefined;
  stack?: string | undefined;
  site?: string | undefined;
}

/** The normalised options plus the handles given → what resolveSource needs. */
export function sourceOptionsOf(options: StackOptionValues, handles: readonly string[]): SourceOptions {
  return {
    handles,
    noDefaults: !options.defaults,
    profile: options.profile,
    stack: options.stack,
    capabilities: options.capabilities,
    site: options.site,
  };
}
