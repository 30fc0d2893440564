// The prepare stage's template step: under the home lock, render every template and commit the changes into var/run/.
import type { Deps } from '../shared/deps';
import type { TemplatesDiff } from './core/diff-rendered-tree';
import { planTemplateCommit } from './core/plan-template-commit';
import { serviceConfigHashes } from './core/service-config-hashes';
import type { TemplateManifest } from './core/template-manifest';
import { acquireHomeLock, type HomeLock } from '../lock/home-lock';
import { loadTemplatePlan, type TemplatesInput } from './load-template-plan';
import { recoverTemplateCommit, writeRenderedTree, type WriteTreeOptions } from './write-rendered-tree';

export interface PrepareTemplatesInput extends TemplatesInput {
  /** The home lock when the caller holds it for the whole run; otherwise one is taken for this step. */
  lock?: HomeLock;
  lockTimeoutMs?: number;
  onPhase?: WriteTreeOptions['onPhase'];
  durable?: boolean;
}

export interface PrepareTemplatesResult {
  diff: TemplatesDiff;
  manifest: TemplateManifest;
  /** For each service with rendered files: put into its `harbor.config-hash` label. */
  configHashes: Record<string, string>;
  /** False when var/run/ already matched and nothing was written. */
  written: boolean;
}

/**
 * A template error stops prepare before var/run/ changes; an interrupted earlier commit is finished first.
 * @example await runPrepareTemplates(deps, { templates, interpolation, env: { values, secretNames }, services: ['web'] })
 */
export async function runPrepareTemplates(deps: Pick<Deps, 'home' | 'log'>, input: PrepareTemplatesInput): Promise<PrepareTemplatesResult> {
  const log = deps.log.withTag('templates');
  const lock = input.lock ?? (await acquireHomeLock(deps.home, { log, command: 'harbor prepare', timeoutMs: input.lockTimeoutMs }));
  try {
    const recovered = await recoverTemplateCommit(deps.home);
    if (recovered === 'finished') log.warn('finished the template commit of an interrupted earlier run');
    if (recovered === 'discarded') log.debug('removed the staging files of an interrupted earlier run (it had not committed)');
    const loaded = await loadTemplatePlan(deps.home, input);
    const { diff, commit } = planTemplateCommit(loaded.planned, loaded.current, loaded.previous, loaded.previousText);
    if (commit.needed) await writeRenderedTree(deps.home, commit, { onPhase: input.onPhase, durable: input.durable });
    for (const change of [...diff.added, ...diff.changed]) log.debug(`${diff.added.includes(change) ? 'added' : 'changed'} ${change.path} (from ${change.source})`);
    for (const change of diff.removed) log.debug(`removed ${change.path}`);
    log.info(`${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed, ${diff.unchanged.length} unchanged`);
    return { diff, manifest: commit.manifest, configHashes: serviceConfigHashes(commit.manifest), written: commit.needed };
  } finally {
    if (input.lock === undefined) await lock.release();
  }
}
