// buildLintFindings: each kind of finding, and declared fixtures accepted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildLintFindings, type LintFacts } from '../../../src/secrets/core/secrets-lint';

// Assembled at run time so this source file holds no key-shaped literal for scanners to flag.
const KEY = ['AGE-SECRET-KEY-1', 'MVAHQ5TLA5YGSQ600M78XMXTZFMDTJ03DT0MCZDE5NEDNPE5YRVQZKDKJC'].join('');
const base: LintFacts = { files: [], keyFiles: [], ignoresVarRun: true, ignoresEnvLocal: true };
const file = (path: string, text: string, declaredFixture = false) => ({ path, text, mode: 0o644, declaredFixture });

test('lint findings', () => {
  const cases: Array<{ name: string; facts: LintFacts; expected: string[] }> = [
    { name: 'clean', facts: base, expected: [] },
    { name: 'key in a tracked file', facts: { ...base, files: [file('etc/notes.txt', `x\n${KEY}\n`)] }, expected: ['private-key etc/notes.txt'] },
    { name: 'declared fixture key', facts: { ...base, files: [file('runner/test/fixtures/sops/keys.txt', KEY, true)] }, expected: [] },
    { name: 'unencrypted sops file', facts: { ...base, files: [file('etc/app.sops.env', 'A=1\n'), file('etc/ok.sops.env', 'A=ENC[…]\nsops_mac=ENC[…]\n')] }, expected: ['not-encrypted etc/app.sops.env'] },
    { name: 'readable key file', facts: { ...base, keyFiles: [{ path: '/h/.config/sops/age/keys.txt', mode: 0o644 }, { path: '/h/ok.txt', mode: 0o600 }] }, expected: ['key-permissions /h/.config/sops/age/keys.txt'] },
    { name: 'gitignore gaps', facts: { ...base, ignoresVarRun: false, ignoresEnvLocal: false }, expected: ['gitignore .gitignore', 'gitignore .gitignore'] },
  ];
  for (const c of cases) assert.deepStrictEqual(buildLintFindings(c.facts).map((f) => `${f.kind} ${f.path}`), c.expected, c.name);
  assert.equal(
    buildLintFindings({ ...base, files: [file('a.txt', KEY)] })[0]!.message,
    'a.txt:1: an age private key (AGE-SECRET-KEY-1…) is in the home; move it to ~/.config/sops/age/keys.txt, rotate the files it opens, and remove it from git history',
  );
});
