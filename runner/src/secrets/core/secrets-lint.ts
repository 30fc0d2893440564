// Decides `harbor secrets lint` findings from facts about the home's files (gathered by an adapter).

export interface LintFile {
  /** Path relative to the home, with `/`. */
  path: string;
  text: string;
  /** Permission bits. */
  mode: number;
  /** Listed in .harbor-lint-ignore (declared test fixtures): private keys there are allowed. */
  declaredFixture: boolean;
}

export interface LintFacts {
  files: LintFile[];
  /** Identity files outside the scan (SOPS_AGE_KEY_FILE, default keys.txt) with their modes. */
  keyFiles: Array<{ path: string; mode: number }>;
  ignoresVarRun: boolean;
  ignoresEnvLocal: boolean;
}

export interface LintFinding {
  kind: 'private-key' | 'not-encrypted' | 'key-permissions' | 'gitignore';
  path: string;
  message: string;
}

const PRIVATE_KEY = /AGE-SECRET-KEY-1[0-9A-Z]{20,}/;
const SOPS_NAMED = /(^|\/)[^/]*\.sops\.(env|ya?ml|json|ini)$|(^|\/)[^/]*\.sops$/;

/** Whether a secrets file carries sops metadata in any store. */
export function looksEncrypted(text: string): boolean {
  return /^sops_mac=/m.test(text) || /"sops"\s*:/.test(text) || /^sops:\s*$/m.test(text) || /^\[sops\]\s*$/m.test(text);
}

export function buildLintFindings(facts: LintFacts): LintFinding[] {
  const out: LintFinding[] = [];
  for (const f of facts.files) {
    const keyLine = f.text.split('\n').findIndex((l) => PRIVATE_KEY.test(l));
    // Declared fixtures (.harbor-lint-ignore) hold public test keys on purpose.
    if (keyLine !== -1 && !f.declaredFixture) {
      out.push({ kind: 'private-key', path: f.path, message: `${f.path}:${keyLine + 1}: an age private key (AGE-SECRET-KEY-1…) is in the home; move it to ~/.config/sops/age/keys.txt, rotate the files it opens, and remove it from git history` });
    }
    if (SOPS_NAMED.test(f.path) && !f.declaredFixture && !looksEncrypted(f.text)) {
      out.push({ kind: 'not-encrypted', path: f.path, message: `${f.path}: named as a sops file but not encrypted; run \`harbor secrets encrypt --in-place ${f.path}\`` });
    }
  }
  for (const k of facts.keyFiles) {
    if ((k.mode & 0o077) !== 0) out.push({ kind: 'key-permissions', path: k.path, message: `${k.path}: age identity file readable by group/others (mode ${(k.mode & 0o777).toString(8)}); run chmod 600 ${k.path}` });
  }
  if (!facts.ignoresVarRun) out.push({ kind: 'gitignore', path: '.gitignore', message: '.gitignore does not ignore var/run/ (generated state, may hold .env.run); add the line `var/run/`' });
  if (!facts.ignoresEnvLocal) out.push({ kind: 'gitignore', path: '.gitignore', message: '.gitignore does not ignore .env.local (developer overrides); add the line `.env.local`' });
  return out;
}
