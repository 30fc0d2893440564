// Builds the completion cache: plain tab-separated lines that bash, zsh and fish read with their own `read` builtin (no jq, no runner).
/** What the cache needs of a command spec (shared/command-spec.ts's CommandSpec fits): its usage and flags. */
interface CommandSpec {
  usage: string;
  options?: readonly OptionSpec[] | undefined;
}
interface OptionSpec {
  flags: string;
}

/** The stack's names the shells complete, as the runner found them in the home. */
export interface CompletionFacts {
  services: readonly string[];
  stages: readonly string[];
  profiles: readonly string[];
}

/** The first line: names the format and its version (the scripts look records up by kind, so they skip it). */
export const CACHE_HEADER = 'harbor-completion\t1';
/** The key of the top level (before any command word): the shells' `read` would merge empty tab-separated fields. */
export const TOP = '-';

/**
 * Commands whose positional argument the usage's name alone does not say: `run NAME` is a stage, or a service (v1).
 * Other arguments are read from the usage: a service or handle → the stack's services; a file or dir → paths;
 * `<a|b>` → those words.
 */
const ARGUMENT_KINDS: Readonly<Record<string, string>> = { run: '@stages,@services', completion: 'bash,zsh,fish' };

/** Subcommands the shim answers itself (harbor.sh: `runner build|load|image`); the runner has only `runner save`. */
const SHIM_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = { runner: ['build', 'load', 'image'] };

/** Value options whose values the cache knows. */
const OPTION_VALUES: Readonly<Record<string, string>> = { '--profile': '@profiles' };

/**
 * One record per line, fields separated by a tab, the records of one kind together (in the order below):
 * - `list  <services|stages|profiles>  <names>`, and `optarg  <flag>  <kinds>` for a value option's values.
 * - `alias  <v1 word>  <command>`: a v1 word the CLI accepts for a command (`start` → `up`).
 * - `sub  <command|->  <words>`: the command words that may follow (the top level is `-`).
 * - `val  <command|->  <flags>`: the flags that take a value (the next word is that value, not an argument).
 * - `arg  <command>  <position>=<kinds> …`: what each positional argument is; `2+=` means the second and later.
 *   Kinds, comma-separated: `@services`, `@stages`, `@profiles`, `@files`, or a literal word.
 * - `opt  <command|->  <flags>`: every flag, Harbor's global ones and --help included.
 * Words are separated by single spaces; no field holds a tab or a newline (handles and stage names cannot).
 * @example buildCompletionCache([upCommand], [], {}, { services: ['hello'], stages: ['deploy'], profiles: [] })
 */
export function buildCompletionCache(
  commands: readonly CommandSpec[],
  globalOptions: readonly OptionSpec[],
  aliases: Readonly<Record<string, string>>,
  facts: CompletionFacts,
): string {
  const names = commands.map(commandName);
  const tops = unique(names.map((n) => n.split(' ')[0]!));
  const globalFlags = [...globalOptions, { flags: '-h, --help' }, { flags: '-v, --version' }];
  // Grouped by kind, in this order, so a lookup stops at the end of its kind's block (SHELL_CORE): the short, most
  // used records first.
  const byKind: Record<'list' | 'optarg' | 'alias' | 'sub' | 'val' | 'arg' | 'opt', string[]> = { list: [], optarg: [], alias: [], sub: [], val: [], arg: [], opt: [] };
  byKind.list.push(`list\tservices\t${safeWords(facts.services).join(' ')}`, `list\tstages\t${safeWords(facts.stages).join(' ')}`, `list\tprofiles\t${safeWords(facts.profiles).join(' ')}`);
  for (const [flag, kinds] of Object.entries(OPTION_VALUES)) byKind.optarg.push(`optarg\t${flag}\t${kinds}`);
  for (const [word, target] of Object.entries(aliases).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (names.includes(target)) byKind.alias.push(`alias\t${word}\t${target}`);
  }
  byKind.sub.push(`sub\t${TOP}\t${tops.join(' ')}`);
  byKind.opt.push(`opt\t${TOP}\t${flagsOf(globalFlags).join(' ')}`);
  byKind.val.push(`val\t${TOP}\t${valueFlagsOf(globalFlags).join(' ')}`);
  for (const top of tops) {
    const subs = unique([...names.filter((n) => n.startsWith(`${top} `)).map((n) => n.slice(top.length + 1)), ...(SHIM_SUBCOMMANDS[top] ?? [])]);
    if (subs.length) byKind.sub.push(`sub\t${top}\t${subs.join(' ')}`);
  }
  for (const spec of commands) {
    const name = commandName(spec);
    const options = [...(spec.options ?? []), ...globalOptions, { flags: '-h, --help' }];
    byKind.opt.push(`opt\t${name}\t${flagsOf(options).join(' ')}`);
    const valued = valueFlagsOf(options);
    if (valued.length) byKind.val.push(`val\t${name}\t${valued.join(' ')}`);
    const args = argumentKinds(spec);
    if (args.length) byKind.arg.push(`arg\t${name}\t${args.join(' ')}`);
  }
  const lines = [CACHE_HEADER, ...Object.values(byKind).flat()];
  return `${lines.join('\n')}\n`;
}

/** 'secrets decrypt <file>' → 'secrets decrypt'. */
function commandName(spec: CommandSpec): string {
  return spec.usage.replace(/\s*[<[].*$/, '');
}

/** `1=@services 2+=@files`, from the usage's `<service>`, `[...handles]`, `<file>`, `<up|down>`. */
function argumentKinds(spec: CommandSpec): string[] {
  const name = commandName(spec);
  if (Object.hasOwn(ARGUMENT_KINDS, name)) return [`1=${ARGUMENT_KINDS[name]}`];
  const args = spec.usage.slice(name.length).match(/[<[][^>\]]*[>\]]/g) ?? [];
  const out: string[] = [];
  args.forEach((arg, i) => {
    const inner = arg.slice(1, -1);
    const variadic = inner.startsWith('...');
    const word = inner.replace(/^\.\.\./, '');
    const kinds = word.includes('|') ? word.split('|').join(',')
      : /^(service|services|handle|handles)$/.test(word) ? '@services'
        : /^(file|files|dir|dirs)$/.test(word) ? '@files'
          : undefined;
    if (kinds) out.push(`${i + 1}${variadic ? '+' : ''}=${kinds}`);
  });
  return out;
}

/** Every flag of the options, long and short: '-n, --tail <lines>' → ['-n', '--tail']. */
function flagsOf(options: ReadonlyArray<{ flags: string }>): string[] {
  return unique(options.flatMap((o) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-'))));
}

function valueFlagsOf(options: ReadonlyArray<{ flags: string }>): string[] {
  return flagsOf(options.filter((o) => /[<[]/.test(o.flags)));
}

/** Names a shell word can hold as is: a compose handle or stage name with a space or a quote would break the line format. */
function safeWords(words: readonly string[]): string[] {
  return unique(words.filter((w) => /^[A-Za-z0-9_.@+:=-]+$/.test(w))).sort();
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}
