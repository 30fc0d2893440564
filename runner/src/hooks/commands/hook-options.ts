// The `--allow-host-hooks` flag the commands that run hooks (deploy, destroy, run) share.
import * as v from 'valibot';

export const HOOK_OPTIONS = [
  { flags: '--allow-host-hooks', description: 'Let hooks marked host: true run on this machine (as you, via ./harbor.sh); without it they stop the command before anything runs' },
];

export const hookOptionEntries = { allowHostHooks: v.optional(v.boolean(), false) };
