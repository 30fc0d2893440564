// Refreshes the home's completion cache (var/cache/completion.tsv) from the command list and the stack's names; cheap, atomic, best effort.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandSpec, OptionSpec } from '../shared/command-spec';
import { writeFileAtomic } from '../shared/atomic-write';
import { loadHomeDescriptor } from '../source/load-home-descriptor';
import { readComposeDir } from '../source/compose-dir';
import { BUILTIN_CAPABILITIES } from '../source/core/capabilities';
import { knownHandles } from '../source/core/compose-handles';
import { selectStageNames } from '../descriptor/core/select-stage';
import { ACTIONS } from '../workflow/action-registry';
import { V1_WORDS } from './core/v1-words';
import { buildCompletionCache, type CompletionFacts } from './core/build-completion-cache';

/** Relative to the home; the printed scripts read it there. */
export const COMPLETION_CACHE = 'var/cache/completion.tsv';

/** v1 words the CLI accepts for a command (`start` → `up`), for the cache's alias lines. */
const V1_ALIASES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(V1_WORDS).flatMap(([word, entry]) => (entry.kind === 'alias' && !entry.to[0]!.startsWith('-') ? [[word, entry.to.join(' ')]] : [])),
);

/**
 * The services, stages and profiles of the home, as far as they can be read: a broken descriptor still gives the
 * built-in stages and no services, so completion keeps the commands and options.
 */
export async function readCompletionFacts(home: string): Promise<CompletionFacts> {
  try {
    const { descriptor } = await loadHomeDescriptor(home, { actions: ACTIONS });
    const rules = descriptor.source.rules;
    const capabilities = [...BUILTIN_CAPABILITIES, ...rules.capabilities];
    const names = await readComposeDir(home, rules.dir).catch(() => []);
    const services = [...knownHandles(names, capabilities)].filter((h) => !capabilities.includes(h) && !h.includes('.'));
    return { services, stages: ['source', 'prepare', ...selectStageNames(descriptor)], profiles: Object.keys(descriptor.profiles) };
  } catch {
    return { services: [], stages: ['source', 'prepare', 'deploy', 'post_deploy', 'destroy'], profiles: [] };
  }
}

/**
 * Writes the cache when its text changed (a reader sees the old file or the new one, whole). Returns whether it wrote.
 * With `onlyIfPresent` (the refresh after each command), a home whose cache `harbor completion` never wrote is left
 * alone: without completion installed, read-only commands (`plan`, `ls`) still write nothing.
 * @example await writeCompletionCache(deps.home, ALL_COMMANDS, GLOBAL_OPTIONS)
 */
export async function writeCompletionCache(
  home: string,
  commands: readonly CommandSpec[],
  globalOptions: readonly OptionSpec[],
  options: { onlyIfPresent?: boolean } = {},
): Promise<boolean> {
  const path = join(home, COMPLETION_CACHE);
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === undefined && options.onlyIfPresent) return false;
  const text = buildCompletionCache(commands, globalOptions, V1_ALIASES, await readCompletionFacts(home));
  if (current === text) return false;
  await writeFileAtomic(path, text);
  return true;
}
