// Declares the CLI with cac, normalises cac's quirks once, validates options with valibot, and runs the command.
import { cac, type CAC, type Command } from 'cac';
import * as v from 'valibot';
import { COMMAND_GROUPS, type CommandSpec, type OptionSpec } from '../shared/command-spec';
import type { Deps } from '../shared/deps';
import { didYouMean } from '../shared/core/closest-names';
import { routeArgv } from './core/route-argv';
import { resolveV1Word } from '../completion/core/v1-words';
import { findUnknownOption } from './core/find-unknown-option';
import { UsageError } from '../shared/core/errors';
import { HARBOR_VERSION } from '../shared/version';

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { flags: '--debug', description: 'Debug logs: each external command as spawned (secrets redacted), stack traces' },
  { flags: '--quiet', description: 'Only warnings and errors on stderr' },
  { flags: '--compose-files', description: 'Hand compose the N compose files, not Harbor\'s single merged file (docs/compose-model.md)' },
];

export type CliParse =
  | { kind: 'help'; print: () => void }
  | { kind: 'version' }
  | { kind: 'run'; spec: CommandSpec; args: string[]; rest: string[]; options: Record<string, unknown> };

/** Parses argv into the command to run (or help/version), without running anything. */
export function parseCli(argv: readonly string[], commands: readonly CommandSpec[]): CliParse {
  const cli = cac('harbor');
  const byName = new Map<string, CommandSpec>();
  for (const spec of commands) {
    const command = cli.command(spec.usage, spec.summary, { allowUnknownOptions: spec.allowUnknownOptions ?? false });
    for (const option of spec.options ?? []) addOption(command, option);
    for (const example of spec.examples ?? []) command.example(example);
    byName.set(command.name, spec);
  }
  for (const option of GLOBAL_OPTIONS) cli.option(option.flags, option.description);
  // Declared as plain options (not cli.help()/cli.version()) so that parsing never prints by itself.
  cli.option('-h, --help', 'Show help (for a command: `harbor <command> --help`)');
  cli.option('-v, --version', 'Print the runner version');
  cli.globalCommand.helpCallback = (sections) => groupedHelp(sections, commands, cli.matchedCommand ? byName.get(cli.matchedCommand.name) : undefined);

  // v1's words: an alias is rewritten here; a pointer answers only when argv names no command (below).
  const v1 = resolveV1Word(argv, topLevelWords(byName.keys()));
  const routed = routeArgv(v1?.kind === 'alias' ? v1.argv : argv, [...byName.keys()]);
  if (routed.group !== undefined) return { kind: 'help', print: () => printGroupHelp(routed.group!, commands) };
  const spec = routed.command === undefined ? undefined : byName.get(routed.command);
  const words = camelBooleanFlags(spec?.passThroughAfter === undefined ? routed.argv : protectPassThrough(routed.argv, routed.command!, spec), spec);
  let parsed: ReturnType<CAC['parse']>;
  try {
    parsed = cli.parse(['node', 'harbor', ...words], { run: false });
  } catch (err) {
    throw new UsageError((err as Error).message, { hint: 'run `harbor --help` for the commands and their options' });
  }
  const matched = cli.matchedCommand;
  const ownHelp = matched !== undefined && byName.get(matched.name)?.ownHelp === true && parsed.args.length > 0;
  if (parsed.options.help && !ownHelp) return { kind: 'help', print: () => cli.outputHelp() };
  if (!matched) {
    if (parsed.options.version) return { kind: 'version' };
    const word = parsed.args[0];
    if (word === undefined) return { kind: 'help', print: () => cli.outputHelp() };
    if (v1?.kind === 'pointer') throw new UsageError(v1.message);
    throw new UsageError(`unknown command "${word}"${didYouMean(word, topLevelWords(byName.keys()), 3, true)}`, {
      hint: 'run `harbor --help` for the list of commands',
    });
  }
  try {
    matched.checkUnknownOptions();
    matched.checkOptionValue();
    matched.checkRequiredArgs();
    matched.checkUnusedArgs();
  } catch (err) {
    // cac names an unknown flag camel-cased (--dryRun): report it as typed, with the nearest real one.
    const flags = [...GLOBAL_OPTIONS, ...(byName.get(matched.name)!.options ?? [])].map((o) => o.flags);
    const unknown = /^Unknown option/.test((err as Error).message) ? findUnknownOption(words, [...flags, '-h, --help', '-v, --version']) : undefined;
    const message = unknown
      ? `unknown option ${unknown.flag}${unknown.nearest.length ? ` (did you mean ${unknown.nearest.join(', ')}?)` : ''}`
      : (err as Error).message.replace(/`/g, '');
    throw new UsageError(`${matched.name}: ${message}`, { hint: `run \`harbor ${matched.name} --help\`` });
  }
  return {
    kind: 'run',
    spec: byName.get(matched.name)!,
    args: parsed.args.map(String),
    rest: (parsed.options['--'] as string[] | undefined)?.map(String) ?? [],
    options: normalizeOptions(parsed.options, matched, cli.globalCommand, words),
  };
}

/** Parses, validates and runs argv; returns the exit code. */
export async function runCli(argv: readonly string[], commands: readonly CommandSpec[], deps: Deps): Promise<number> {
  const parsed = parseCli(argv, commands);
  if (parsed.kind === 'help') {
    parsed.print();
    return 0;
  }
  if (parsed.kind === 'version') {
    deps.out(`harbor ${HARBOR_VERSION}\n`);
    return 0;
  }
  const options = validateOptions(parsed.spec, parsed.options);
  const code = await parsed.spec.run({ args: parsed.args, rest: parsed.rest, options, deps });
  return code ?? 0;
}

export function validateOptions(spec: CommandSpec, options: Record<string, unknown>): unknown {
  const result = v.safeParse(spec.schema, options);
  if (result.success) return result.output;
  const name = spec.usage.replace(/\s*[<[].*$/, '');
  const issue = result.issues[0];
  const key = issue.path?.map((p) => String(p.key)).join('.');
  throw new UsageError(`${name}: ${key ? `--${kebab(key)}: ` : ''}${issue.message}`, { hint: `run \`harbor ${name} --help\`` });
}

/**
 * cac's quirks, handled once: a repeated flag becomes an array (keep the last); number-looking values
 * are cast before any transform runs (`-n 010` → 10), so value options are read back from argv as typed;
 * aliases and `--` leak into the options object (keep only each option's primary name).
 */
export function normalizeOptions(raw: Record<string, unknown>, command: Command, global: Command, argv: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const option of [...global.options, ...command.options]) {
    const value = raw[option.name];
    if (value === undefined) continue;
    const typed = option.isBoolean ? undefined : lastRawValue(argv, option.names);
    out[option.name] = typed ?? (Array.isArray(value) ? value[value.length - 1] : value);
  }
  if (command.config.allowUnknownOptions) {
    const known = new Set([...global.options, ...command.options].flatMap((o) => o.names));
    for (const [key, value] of Object.entries(raw)) if (key !== '--' && !known.has(key)) out[key] = value;
  }
  return out;
}

/**
 * Puts `--` where a pass-through command's own words begin, so cac does not read `ls -la` as Harbor's flags.
 * Flags before that point are Harbor's (a value-taking flag also consumes the next word).
 */
export function protectPassThrough(argv: readonly string[], command: string, spec: CommandSpec): string[] {
  const start = argv.indexOf(command) + 1;
  const valued = new Set(
    [...GLOBAL_OPTIONS, ...(spec.options ?? [])]
      .filter((o) => /[<[]/.test(o.flags))
      .flatMap((o) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-'))),
  );
  let positionals = 0;
  for (let i = start; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return [...argv];
    if (positionals >= spec.passThroughAfter!) return [...argv.slice(0, i), '--', ...argv.slice(i)];
    if (word.startsWith('-')) {
      if (valued.has(word)) i++;
      continue;
    }
    positionals++;
  }
  return [...argv];
}

/**
 * cac tells mri its boolean flags by their camel-cased names, so mri reads `--dry-run webui` as `--dry-run=webui`
 * (and `--compose-files ps` swallows the command). Written camel-cased (`--dryRun`), mri knows them as booleans.
 * Only the global flags and the command's own, only before `--` (after protectPassThrough, so a pass-through
 * command's words are never touched).
 */
export function camelBooleanFlags(argv: readonly string[], spec: CommandSpec | undefined): string[] {
  const booleans = new Set(
    [...GLOBAL_OPTIONS, ...(spec?.options ?? [])]
      .filter((o) => !/[<[]/.test(o.flags))
      .flatMap((o) => o.flags.split(/[ ,]+/).filter((f) => /^--[a-z0-9]+(-[a-z0-9]+)+$/.test(f) && !f.startsWith('--no-'))),
  );
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  return argv.map((word, i) => (i < end && booleans.has(word) ? `--${word.slice(2).replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}` : word));
}

/** The last value given on argv for any of an option's names (`--tail 5`, `--tail=5`, `-n 5`). */
function lastRawValue(argv: readonly string[], names: readonly string[]): string | undefined {
  const flags = new Set(names.map((n) => (n.length === 1 ? `-${n}` : `--${kebab(n)}`)));
  let found: string | undefined;
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  for (let i = 0; i < end; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    if (eq > 0 && flags.has(arg.slice(0, eq))) found = arg.slice(eq + 1);
    else if (flags.has(arg) && i + 1 < end) found = argv[++i];
  }
  return found;
}

function addOption(command: Command, option: OptionSpec): void {
  const takesValue = /[<[]/.test(option.flags);
  const config: { default?: unknown; type?: unknown[] } = {};
  if (option.default !== undefined) config.default = option.default;
  if (takesValue) config.type = [String];
  command.option(option.flags, option.description, config);
}

function groupedHelp(sections: Array<{ title?: string; body: string }>, commands: readonly CommandSpec[], current: CommandSpec | undefined) {
  // cac gives every `--no-x` flag a default of true and prints it: noise, since the flag means "false".
  for (const section of sections) {
    if (section.title === 'Examples') section.body = section.body.replace(/^(?!  )/gm, '  ');
    if (section.title === 'Options') section.body = section.body.replace(/^(\s*--no-.*?)\s*\(default: true\)\s*$/gm, '$1').replace(/[ \t]+$/gm, '');
  }
  if (!sections.some((s) => s.title === 'Commands')) {
    // A command's help: lead with what it does, not cac's name/version banner.
    if (current) sections[0] = { body: `harbor ${current.usage.replace(/\s*[<[].*$/, '')}: ${current.summary}` };
    return sections;
  }
  const width = Math.max(...commands.map((c) => c.usage.length));
  const groups = COMMAND_GROUPS.map((group) => {
    const lines = commands.filter((c) => c.group === group).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
    return lines.length ? { title: group, body: lines.join('\n') } : undefined;
  }).filter((s) => s !== undefined);
  return [
    { body: `harbor ${HARBOR_VERSION}: deploy Docker Compose stacks on one host from a descriptor` },
    { title: 'Usage', body: '  $ ./harbor.sh <command> [options]      (inside the runner: harbor <command>)' },
    ...groups,
    { title: 'Options', body: sections.find((s) => s.title === 'Options')?.body ?? '' },
    { body: 'Run `harbor <command> --help` for a command\'s options and examples. Docs: docs/ in the Harbor home.' },
  ];
}

function printGroupHelp(group: string, commands: readonly CommandSpec[]): void {
  const members = commands.filter((c) => c.usage.startsWith(`${group} `));
  const width = Math.max(...members.map((c) => c.usage.length));
  const lines = members.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  console.info(`Usage: harbor ${group} <command>\n\nCommands:\n${lines.join('\n')}\n\nRun \`harbor ${group} <command> --help\` for details.`);
}

function topLevelWords(names: Iterable<string>): string[] {
  return [...new Set([...names].map((n) => n.split(' ')[0]!))];
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
