// Decides whether a value is encrypted: sops's six crypt rules, evaluated against the key path and active comments.
import { RE2JS } from 're2js';

export const CRYPT_RULE_NAMES = [
  'unencrypted_suffix',
  'encrypted_suffix',
  'unencrypted_regex',
  'encrypted_regex',
  'unencrypted_comment_regex',
  'encrypted_comment_regex',
] as const;
export type CryptRuleName = (typeof CRYPT_RULE_NAMES)[number];

/** At most one rule is active; a file with none behaves as `unencrypted_suffix: _unencrypted`. */
export interface CryptRule {
  name: CryptRuleName;
  value: string;
}

/** Compiled once per rule: regexes are Go RE2 (re2js), searched unanchored like regexp.Match. */
export type EncryptionTest = (path: readonly string[], comments: readonly (readonly string[])[], isComment: boolean) => boolean;

/** A loop rather than path.some(): this runs for every value of a file. */
function someEndsWith(path: readonly string[], suffix: string): boolean {
  for (const part of path) if (part.endsWith(suffix)) return true;
  return false;
}

export function buildEncryptionTest(rule: CryptRule | undefined): EncryptionTest {
  if (!rule) return () => true;
  const { name, value } = rule;
  const re = name.endsWith('_regex') ? RE2JS.compile(value) : undefined;
  const matches = (text: string) => (re ? re.matcher(text).find() : false);
  switch (name) {
    case 'unencrypted_suffix':
      return (path) => !someEndsWith(path, value);
    case 'encrypted_suffix':
      return (path) => someEndsWith(path, value);
    case 'unencrypted_regex':
      return (path) => !path.some(matches);
    case 'encrypted_regex':
      return (path) => path.some(matches);
    case 'unencrypted_comment_regex':
      return (_path, comments) => !comments.some((level) => level.some(matches));
    case 'encrypted_comment_regex':
      // The comment line that matches is itself left clear: skip the newest comment when testing a comment.
      return (_path, comments, isComment) =>
        comments.some((level, i) =>
          level.some((c, j) => !(isComment && i === comments.length - 1 && j === level.length - 1) && matches(c)),
        );
  }
}
