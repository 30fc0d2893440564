// `harbor secrets rotate FILE`: a new data key, every value re-encrypted, a new MAC; optionally changed recipients.
import * as v from 'valibot';
import { resolveHostPath } from '../../shared/host-path';
import { defineCommand } from '../../shared/command-spec';
import { decryptSopsFile } from '../sops-file';
import { reencrypt } from '../sops-write';
import { writeFileAtomic } from '../../shared/atomic-write';

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');

export const secretsRotateCommand = defineCommand({
  usage: 'secrets rotate <file>',
  group: 'Env & secrets',
  summary: 'Rotate the data key: re-encrypt every value with a new key (after someone with access leaves)',
  options: [
    { flags: '--add-age <recipients>', description: 'Comma-separated age recipients to add (to the first key group)' },
    { flags: '--rm-age <recipients>', description: 'Comma-separated age recipients to remove' },
  ],
  examples: ['harbor secrets rotate etc/secrets.sops.env', 'harbor secrets rotate etc/secrets.sops.env --rm-age age1old…'],
  schema: v.object({ addAge: v.optional(v.string()), rmAge: v.optional(v.string()) }),
  async run({ args, options, deps }) {
    const file = await resolveHostPath(deps, args[0]!, 'write');
    const decrypted = await decryptSopsFile(file, deps.env, { run: deps.run });
    const meta = decrypted.document.metadata;
    const dropped = meta.keyGroups.flatMap((g) => g.others.map((o) => o.key));
    if (dropped.length) deps.log.warn(`${args[0]}: dropping ${[...new Set(dropped)].join(', ')} keys: Harbor can only wrap the new data key for age recipients`);
    const rm = new Set(list(options.rmAge));
    const groups = meta.keyGroups.map((g, i) => [...g.age.map((a) => a.recipient).filter((r) => !rm.has(r)), ...(i === 0 ? list(options.addAge) : [])]);
    await writeFileAtomic(file, await reencrypt(decrypted, decrypted.document.branches, { newKey: true, groups }), { mode: 0o644, keepMode: true, createDir: false });
    deps.log.success(`${args[0]}: new data key; every value re-encrypted for ${groups.flat().length} recipient(s)`);
  },
});
