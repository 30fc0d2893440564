// `harbor secrets audit`: who can decrypt each encrypted file, and which files still name recipients .sops.yaml dropped.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { selectCreationRule } from '../core/sops-config';
import { parseSopsDocument } from '../core/sops-document';
import { selectSopsFormat } from '../core/sops-format';
import { selectRecipients } from '../core/sops-metadata';
import { looksEncrypted } from '../core/secrets-lint';
import { readHomeTexts } from '../read-home-texts';
import { configRelativePath, loadSopsConfig } from '../sops-config-file';

interface AuditRow {
  file: string;
  recipients: string[];
  otherKeyTypes: string[];
  /** In the file but no longer in the matching rule: these people can still decrypt it. */
  stale: string[];
  /** In the rule but not in the file: run updatekeys. */
  missing: string[];
}

export const secretsAuditCommand = defineCommand({
  usage: 'secrets audit',
  group: 'Env & secrets',
  summary: 'List who can decrypt each encrypted file, and the files still encrypted to recipients .sops.yaml dropped (exit 1)',
  options: [{ flags: '--json', description: 'Print [{file, recipients, otherKeyTypes, stale, missing}]' }],
  examples: ['harbor secrets audit', 'harbor secrets audit --json | jq ".[] | select(.stale != [])"'],
  schema: v.object({ json: v.optional(v.boolean(), false) }),
  async run({ options, deps }) {
    const config = await loadSopsConfig(deps.home, deps.env);
    const rows: AuditRow[] = [];
    for (const { file: rel, path: full, text } of await readHomeTexts(deps.home)) {
      if (!looksEncrypted(text)) continue;
      let doc;
      try {
        doc = parseSopsDocument(text, selectSopsFormat(full), rel);
      } catch {
        continue;
      }
      const recipients = selectRecipients(doc.metadata);
      const rule = config ? selectCreationRule(config, configRelativePath(config, full)) : undefined;
      const wanted = new Set(rule?.ageGroups.flat() ?? recipients);
      rows.push({
        file: rel,
        recipients,
        otherKeyTypes: [...new Set(doc.metadata.keyGroups.flatMap((g) => g.others.map((o) => o.key)))],
        stale: rule ? recipients.filter((r) => !wanted.has(r)) : [],
        missing: rule ? [...wanted].filter((r) => !recipients.includes(r)) : [],
      });
    }
    if (options.json) deps.out(`${JSON.stringify(rows, null, 2)}\n`);
    else {
      for (const r of rows) {
        deps.out(`${r.file}\n${r.recipients.map((x) => `    ${x}${r.stale.includes(x) ? '   ✖ no longer in .sops.yaml: run `harbor secrets updatekeys` then `rotate`' : ''}`).join('\n')}\n`);
        if (r.otherKeyTypes.length) deps.out(`    (+ ${r.otherKeyTypes.join(', ')} keys)\n`);
        for (const m of r.missing) deps.out(`    + ${m}   (in .sops.yaml, not yet in the file: run \`harbor secrets updatekeys ${r.file}\`)\n`);
      }
      if (!rows.length) deps.log.info('no sops-encrypted files found');
    }
    return rows.some((r) => r.stale.length > 0) ? 1 : 0;
  },
});
