// `harbor secrets edit FILE`: opens $EDITOR on a decrypted copy kept in RAM, then re-encrypts (unchanged values keep their ciphertext).
import { basename } from 'node:path';
import * as v from 'valibot';
import { resolveHostPath } from '../../shared/host-path';
import { defineCommand } from '../../shared/command-spec';
import { parsePlainDocument, renderPlainDocument, stringEncodingFor } from '../core/sops-document';
import { selectSopsFormat } from '../core/sops-format';
import type { SopsBranches } from '../core/sops-tree';
import { CommandError, HarborError, SecretError } from '../../shared/core/errors';
import { splitCommandLine } from '../age-identities';
import { createPlaintextScratch } from '../plaintext-scratch';
import { decryptSopsFile } from '../sops-file';
import { encryptBranches, reencrypt, resolveRecipients } from '../sops-write';
import { writeFileAtomic } from '../../shared/atomic-write';
import { pathExists } from '../../shared/path-exists';

const ATTEMPTS = 3;

export const secretsEditCommand = defineCommand({
  usage: 'secrets edit <file>',
  group: 'Env & secrets',
  summary: 'Edit an encrypted file in $EDITOR (plaintext only in RAM, removed after); creates the file when missing',
  options: [{ flags: '--age <recipients>', description: 'Recipients for a new file (default: the .sops.yaml rule)' }],
  examples: ['EDITOR=nano harbor secrets edit etc/secrets.sops.env', 'harbor secrets edit stacks/db/secrets.sops.yaml'],
  schema: v.object({ age: v.optional(v.string()) }),
  async run({ args, options, deps }) {
    const file = await resolveHostPath(deps, args[0]!, 'write');
    const format = selectSopsFormat(file);
    const exists = await pathExists(file);
    const decrypted = exists ? await decryptSopsFile(file, deps.env, { run: deps.run }) : undefined;
    const original = decrypted ? renderPlainDocument(decrypted.document.branches, format) : '';
    // HARBOR_EDITOR first: the host's EDITOR may name a program the runner image does not have.
    const editor = splitCommandLine(deps.env.HARBOR_EDITOR || deps.env.SOPS_EDITOR || deps.env.EDITOR || 'vi');
    const scratch = await createPlaintextScratch();
    if (!scratch.inMemory) deps.log.warn('no /dev/shm here: the plaintext copy is in the temp folder (mode 0600) until the editor closes');
    const name = basename(file).replace(/\.sops(?=\.)/, '');
    let branches: SopsBranches | undefined;
    let edited = original;
    try {
      const copy = await scratch.write(name, original, stringEncodingFor(format));
      for (let attempt = 1; attempt <= ATTEMPTS && !branches; attempt++) {
        // HOME is the host's (for compose) and does not exist in the runner: the editor keeps its history (viminfo) in the scratch folder, gone with it.
        const result = await deps.run([...editor, copy], { stdio: 'inherit', env: { HOME: scratch.dir } }).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== 'ENOENT') throw err;
          throw new CommandError(`the editor "${editor[0]}" is not installed in the runner; ${args[0]} is unchanged`, {
            exitCode: 127,
            hint: 'set HARBOR_EDITOR to an editor the runner has (the default image has vi and nano)',
          });
        });
        if (result.code !== 0) throw new CommandError(`the editor (${editor[0]}) exited with ${result.code}; ${args[0]} is unchanged`, { exitCode: 1 });
        edited = await scratch.read(name, stringEncodingFor(format));
        if (edited === original) break;
        try {
          branches = parsePlainDocument(edited, format, basename(file));
        } catch (err) {
          if (!(err instanceof HarborError) || attempt === ATTEMPTS) throw err;
          deps.log.error(`${err.message}: reopening the editor (${ATTEMPTS - attempt} more tries)`);
        }
      }
    } finally {
      await scratch.remove();
    }
    if (!branches) {
      deps.log.info(`${args[0]}: no change`);
      return;
    }
    if (branches.some((b) => b.items.some((i) => i.type === 'entry' && (i.key === 'sops' || (format === 'dotenv' && i.key.startsWith('sops_')))))) {
      throw new SecretError(`${args[0]}: the edited text has a top-level "sops" key, which is reserved for metadata`, { hint: 'rename that key' });
    }
    const text = decrypted
      ? await reencrypt(decrypted, branches)
      : await encryptBranches(branches, format, await resolveRecipients(file, deps.cwd, deps.env, options.age));
    await writeFileAtomic(file, text, { mode: 0o644, keepMode: true, createDir: false });
    deps.log.success(`${args[0]}: saved and encrypted`);
  },
});
