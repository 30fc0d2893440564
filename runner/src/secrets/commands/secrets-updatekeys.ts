// `harbor secrets updatekeys FILE`: re-wraps the existing data key for the recipients .sops.yaml now lists.
import * as v from 'valibot';
import { resolveHostPath } from '../../shared/host-path';
import { defineCommand } from '../../shared/command-spec';
import { parseSopsDocument, renderSopsDocument } from '../core/sops-document';
import { selectSopsFormat } from '../core/sops-format';
import { selectRecipients } from '../core/sops-metadata';
import { wrapDataKey } from '../age-wrap';
import { openFileDataKey, readStoreText } from '../sops-file';
import { resolveRecipients } from '../sops-write';
import { writeFileAtomic } from '../../shared/atomic-write';

export const secretsUpdatekeysCommand = defineCommand({
  usage: 'secrets updatekeys <file>',
  group: 'Env & secrets',
  summary: 'Re-wrap the data key for the recipients of the matching .sops.yaml rule (values and MAC untouched)',
  options: [{ flags: '--dry-run', description: 'Show the recipients that would be added and removed, change nothing' }],
  examples: ['harbor secrets updatekeys etc/secrets.sops.env', 'for f in $(git ls-files "*.sops.*"); do harbor secrets updatekeys "$f"; done'],
  schema: v.object({ dryRun: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const file = await resolveHostPath(deps, args[0]!, options.dryRun ? 'read' : 'write');
    const format = selectSopsFormat(file);
    const doc = parseSopsDocument(await readStoreText(file, format), format, file);
    const plan = await resolveRecipients(file, deps.cwd, { ...deps.env, SOPS_AGE_RECIPIENTS: undefined });
    const before = new Set(selectRecipients(doc.metadata));
    const after = new Set(plan.groups.flat());
    const added = [...after].filter((r) => !before.has(r));
    const removed = [...before].filter((r) => !after.has(r));
    for (const r of added) deps.out(`+ ${r}\n`);
    for (const r of removed) deps.out(`- ${r}\n`);
    const sameGroups = doc.metadata.keyGroups.length === plan.groups.length;
    if (added.length === 0 && removed.length === 0 && sameGroups) {
      deps.log.info(`${args[0]}: already encrypted to the rule's recipients`);
      return;
    }
    if (options.dryRun) return;
    const dataKey = await openFileDataKey(file, doc, deps.env, deps.run);
    const keyGroups = await wrapDataKey(dataKey, plan.groups, plan.threshold);
    // Values, MAC and lastmodified stay as they are: only who can open the data key changes.
    const text = renderSopsDocument({ branches: doc.branches, metadata: { ...doc.metadata, keyGroups, shamirThreshold: plan.groups.length > 1 ? plan.threshold : 0 } }, format);
    await writeFileAtomic(file, text, { mode: 0o644, keepMode: true, createDir: false });
    deps.log.success(`${args[0]}: data key re-wrapped (${added.length} added, ${removed.length} removed)`);
  },
});
