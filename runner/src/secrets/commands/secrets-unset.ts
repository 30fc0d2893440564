// `harbor secrets unset FILE PATH`: removes one key or list element and re-encrypts.
import * as v from 'valibot';
import { resolveHostPath } from '../../shared/host-path';
import { defineCommand } from '../../shared/command-spec';
import { parseSopsPath, unsetAtPath } from '../core/sops-path';
import { decryptSopsFile } from '../sops-file';
import { reencrypt } from '../sops-write';
import { writeFileAtomic } from '../../shared/atomic-write';

export const secretsUnsetCommand = defineCommand({
  usage: 'secrets unset <file> <path>',
  group: 'Env & secrets',
  summary: 'Remove one key (or list element) from an encrypted file',
  examples: ['harbor secrets unset etc/secrets.sops.env OLD_TOKEN', "harbor secrets unset secrets.sops.yaml '[\"app\"][\"hosts\"][0]'"],
  schema: v.object({}),
  async run({ args, deps }) {
    const file = await resolveHostPath(deps, args[0]!, 'write');
    const decrypted = await decryptSopsFile(file, deps.env, { run: deps.run });
    const [first, ...rest] = decrypted.document.branches;
    const updated = unsetAtPath(first ?? { type: 'map', items: [] }, parseSopsPath(args[1]!));
    await writeFileAtomic(file, await reencrypt(decrypted, [updated, ...rest]), { mode: 0o644, keepMode: true, createDir: false });
    deps.log.success(`removed ${args[1]} from ${args[0]}`);
  },
});
