// `harbor completion bash|zsh|fish`: prints a completion script for this home; `--refresh` rewrites the cache the scripts read.
import * as v from 'valibot';
import { defineCommand, type CommandSpec, type OptionSpec } from '../../shared/command-spec';
import { HarborError, UsageError } from '../../shared/core/errors';
import { INSTALL_LINES, renderCompletionScript, SHELLS, type CompletionShell } from '../core/render-completion-script';
import { COMPLETION_CACHE, writeCompletionCache } from '../write-completion-cache';

/** The command list and Harbor's global options, given by cli/all-commands.ts (a lower layer may not import it). */
export type CommandList = () => { commands: readonly CommandSpec[]; globalOptions: readonly OptionSpec[] };

export const createCompletionCommand = (list: CommandList) => defineCommand({
  usage: 'completion [shell]',
  group: 'Runner',
  summary: 'Print the shell completion script for bash, zsh or fish (commands, options, services, stages)',
  options: [{ flags: '--refresh', description: `Only rewrite the cache the scripts read (${COMPLETION_CACHE}); once it exists, every command refreshes it` }],
  examples: [
    ...INSTALL_LINES.bash.slice(0, 2),
    ...INSTALL_LINES.zsh,
    ...INSTALL_LINES.fish,
    './harbor.sh completion --refresh        # after adding a compose file, before the next command',
  ],
  schema: v.object({ refresh: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    const shell = args[0];
    if (shell === undefined && !options.refresh) {
      throw new UsageError('completion: name a shell: bash, zsh or fish', { hint: 'e.g. ./harbor.sh completion bash > ~/.local/share/bash-completion/completions/harbor (harbor completion --help)' });
    }
    if (shell !== undefined && !(SHELLS as readonly string[]).includes(shell)) {
      throw new UsageError(`completion: unknown shell "${shell}": bash, zsh or fish`, { hint: 'run `harbor completion --help` for how to install each' });
    }
    const { commands, globalOptions } = list();
    let wrote: boolean;
    try {
      wrote = await writeCompletionCache(deps.home, commands, globalOptions);
    } catch (err) {
      const failure = new HarborError(`completion: cannot write ${COMPLETION_CACHE} in ${deps.home}: ${(err as Error).message}`, {
        hint: 'the home (its var/ folder) must be writable by you; the scripts complete nothing until the cache exists',
        cause: err,
      });
      if (shell === undefined) throw failure;
      deps.log.warn(`${failure.message} (${failure.hint})`);
      wrote = false;
    }
    if (shell !== undefined) deps.out(renderCompletionScript(shell as CompletionShell, deps.home));
    else deps.log.info(`${COMPLETION_CACHE} ${wrote ? 'refreshed' : 'already up to date'}`);
  },
});
