// `harbor secrets lint`: finds private keys, unencrypted secrets files, readable key files and a weak .gitignore; exit 1 on findings.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { buildLintFindings } from '../core/secrets-lint';
import { readLintFacts } from '../lint-facts';

export const secretsLintCommand = defineCommand({
  usage: 'secrets lint',
  group: 'Env & secrets',
  summary: 'Check the home for age private keys, unencrypted *.sops.* files, readable key files and .gitignore gaps',
  options: [{ flags: '--json', description: 'Print findings as JSON: [{kind, path, message}]' }],
  examples: ['harbor secrets lint', 'harbor secrets lint --json | jq ".[].path"', 'echo "tests/fixtures/**" >> .harbor-lint-ignore   # declare test keys'],
  schema: v.object({ json: v.optional(v.boolean(), false) }),
  async run({ options, deps }) {
    const findings = buildLintFindings(await readLintFacts(deps));
    if (options.json) deps.out(`${JSON.stringify(findings, null, 2)}\n`);
    else for (const f of findings) deps.out(`✖ ${f.message}\n`);
    if (!findings.length && !options.json) deps.log.success('secrets lint: no findings');
    return findings.length ? 1 : 0;
  },
});
