// Renders `harbor completion SHELL`: a bash, zsh or fish script around the shared sh core, with the home it was printed for.
import { SHELL_CORE } from './completion-shell-core';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof SHELLS)[number];

/** The names the scripts complete: the shim, its usual symlink, and the shim by path (`./harbor.sh` is `harbor.sh` to every shell). */
export const COMMAND_NAMES = ['harbor', 'harbor.sh'] as const;

/** Where each shell loads a completion file from, for the help and the script's own header. */
export const INSTALL_LINES: Readonly<Record<CompletionShell, readonly string[]>> = {
  bash: [
    './harbor.sh completion bash > ~/.local/share/bash-completion/completions/harbor',
    'ln -sf harbor ~/.local/share/bash-completion/completions/harbor.sh   # bash-completion loads by command name',
    'without bash-completion: echo "source <(~/harbor/harbor.sh completion bash)" >> ~/.bashrc',
  ],
  zsh: [
    'mkdir -p ~/.zfunc && ./harbor.sh completion zsh > ~/.zfunc/_harbor',
    'fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit   # in ~/.zshrc (the fpath line before any compinit)',
  ],
  fish: ['./harbor.sh completion fish > ~/.config/fish/completions/harbor.fish', 'ln -sf harbor.fish ~/.config/fish/completions/harbor.sh.fish'],
};

/**
 * The script for SHELL. HOME is embedded (absolute): a symlinked `harbor` on the PATH finds its home through it;
 * HARBOR_HOME, or a command typed as a path to another home, takes precedence (SHELL_CORE).
 * @example renderCompletionScript('bash', '/home/ada/harbor') // '# harbor completion for bash …complete -F _harbor harbor harbor.sh\n'
 */
export function renderCompletionScript(shell: CompletionShell, home: string): string {
  const header = [
    `# Harbor completion for ${shell}, printed by \`harbor completion ${shell}\` for the Harbor home ${home}.`,
    '# It reads var/cache/completion.tsv in the home, which Harbor refreshes after each command (and `harbor completion --refresh`).',
    '# Install:',
    ...INSTALL_LINES[shell].map((line) => `#   ${line}`),
  ];
  if (shell === 'bash') return `${[...header, bashScript(home)].join('\n')}\n`;
  if (shell === 'zsh') return `${['#compdef harbor harbor.sh', ...header, zshScript(home)].join('\n')}\n`;
  return `${[...header, fishScript(home)].join('\n')}\n`;
}

function bashScript(home: string): string {
  return `__harbor_home_default=${shQuote(home)}
${SHELL_CORE}_harbor() {
  local cur=\${COMP_WORDS[COMP_CWORD]} word
  __harbor_complete "$__harbor_home_default" "$COMP_CWORD" "\${COMP_WORDS[@]}"
  COMPREPLY=()
  # No candidates of Harbor's own for a path: readline's filename completion.
  [ "$__harbor_mode" = files ] && compopt -o default 2>/dev/null
  for word in $__harbor_words; do
    case $word in "$cur"*) COMPREPLY+=("$word") ;; esac
  done
}
complete -F _harbor ${COMMAND_NAMES.join(' ')}`;
}

function zshScript(home: string): string {
  return `__harbor_home_default=${shQuote(home)}
# The shared core runs with sh's rules (word splitting), whatever the user's zsh options are.
emulate sh -c '${SHELL_CORE}'
_harbor() {
  __harbor_complete "$__harbor_home_default" $((CURRENT - 1)) "\${words[@]}"
  [ "$__harbor_mode" = files ] && _files
  compadd -- \${=__harbor_words}
}
# Autoloaded from fpath (#compdef), or sourced.
if [ "$funcstack[1]" = _harbor ]; then _harbor "$@"; else compdef _harbor ${COMMAND_NAMES.join(' ')}; fi`;
}

function fishScript(home: string): string {
  // fish cannot run the sh core itself: one short-lived sh per completion (not the runner) runs it.
  const program = `${SHELL_CORE}__harbor_complete "$@"
printf "%s\\n" "$__harbor_mode"
for word in $__harbor_words; do printf "%s\\n" "$word"; done`;
  return `set -g __harbor_home_default ${fishQuote(home)}
function __harbor_complete_fish
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l out (sh -c ${fishQuote(program)} harbor-complete $__harbor_home_default (count $tokens) $tokens $cur)
    if test "$out[1]" = files
        __fish_complete_path $cur
    end
    if test (count $out) -gt 1
        printf '%s\\n' $out[2..-1]
    end
end
${COMMAND_NAMES.map((name) => `complete -c ${name} -f -a '(__harbor_complete_fish)'`).join('\n')}`;
}

/** A word for sh, bash and zsh: single quotes, with ' written as '\\''. */
export function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A word for fish: single quotes, where only \\ and ' are escaped. */
export function fishQuote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
