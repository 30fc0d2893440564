// `harbor secrets set FILE PATH`: sets one value (read from stdin or a file, never argv) and re-encrypts.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { parseJsonStore } from '../core/stores/json-parse';
import { parseSopsPath, setAtPath } from '../core/sops-path';
import type { SopsValue } from '../core/sops-tree';
import { decryptSopsFile } from '../sops-file';
import { reencrypt } from '../sops-write';
import { writeFileAtomic } from '../../shared/atomic-write';
import { resolveHostPath } from '../../shared/host-path';
import { readSecretInput } from '../read-secret-input';

export const secretsSetCommand = defineCommand({
  usage: 'secrets set <file> <path>',
  group: 'Env & secrets',
  summary: 'Set one value in an encrypted file (value from stdin, so it never shows in argv or shell history)',
  options: [
    { flags: '--value-file <path>', description: 'Read the value from this file instead of stdin' },
    { flags: '--json', description: 'The value is JSON (a number, object, list…); by default it is a string' },
    { flags: '--keep-newline', description: 'Keep a trailing newline of the input (removed by default)' },
  ],
  examples: [
    "printf %s \"$NEW_PASSWORD\" | harbor secrets set etc/secrets.sops.env DB_PASSWORD",
    "echo '[\"a\",\"b\"]' | harbor secrets set secrets.sops.yaml '[\"app\"][\"hosts\"]' --json",
  ],
  schema: v.object({
    valueFile: v.optional(v.string()),
    json: v.optional(v.boolean(), false),
    keepNewline: v.optional(v.boolean(), false),
  }),
  async run({ args, options, deps }) {
    const file = await resolveHostPath(deps, args[0]!, 'write');
    const valueFile = options.valueFile === undefined ? undefined : await resolveHostPath(deps, options.valueFile, 'read');
    const path = parseSopsPath(args[1]!);
    let input = await readSecretInput(valueFile);
    if (!options.keepNewline) input = input.replace(/\r?\n$/, '');
    const value: SopsValue = options.json ? parseJsonValue(input, args[1]!) : { type: 'str', value: input };
    const decrypted = await decryptSopsFile(file, deps.env, { run: deps.run });
    const [first, ...rest] = decrypted.document.branches;
    const updated = setAtPath(first ?? { type: 'map', items: [] }, path, value);
    await writeFileAtomic(file, await reencrypt(decrypted, [updated, ...rest]), { mode: 0o644, keepMode: true, createDir: false });
    deps.log.success(`set ${args[1]} in ${args[0]}`);
  },
});

function parseJsonValue(text: string, where: string): SopsValue {
  const wrapped = parseJsonStore(`{"v": ${text}}`, `value for ${where}`);
  return (wrapped.items[0] as { value: SopsValue }).value;
}
