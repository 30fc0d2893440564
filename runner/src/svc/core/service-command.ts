// A service command as Harbor runs it, from harbor.yaml's `commands:` or a script in cmd/, and a script's header.
import { DescriptorError } from '../../shared/core/errors';
import { COMMAND_PLACES, type CommandPlace, type ServiceCommandConfig } from '../../descriptor/core/service-commands-schema';

export interface ServiceCommand {
  name: string;
  summary: string;
  place: CommandPlace;
  /** The compose service it runs in. */
  service: string;
  /** Where it was declared, relative to the home: `stacks/hello/harbor.yaml` or `stacks/hello/cmd/visits`. */
  source: string;
  body: { kind: 'argv'; argv: string[] } | { kind: 'shell'; line: string } | { kind: 'script'; path: string; text: string; executable: boolean };
}

/** From `commands:` in the folder's harbor.yaml. */
export function buildDeclaredCommand(name: string, config: ServiceCommandConfig, folder: string, source: string): ServiceCommand {
  return {
    name,
    summary: config.summary ?? (typeof config.run === 'string' ? config.run : config.run.join(' ')),
    place: config.in,
    service: config.service ?? folder,
    source,
    body: typeof config.run === 'string' ? { kind: 'shell', line: config.run } : { kind: 'argv', argv: [...config.run] },
  };
}

export interface ScriptHeader {
  summary: string;
  place: CommandPlace;
  service?: string;
}

/**
 * A script says what it is in its first comment lines: `# summary: ...`, `# in: container|one-off|runner`
 * (default runner: the script has docker and compose at hand), `# service: NAME`; without `summary:`, the first
 * other comment line is the summary.
 * @example parseScriptHeader('#!/bin/sh\n# in: container\n# Show the visit counter\ncat /data/visits\n')
 *   // { summary: 'Show the visit counter', place: 'container' }
 */
export function parseScriptHeader(text: string, where: string): ScriptHeader {
  const header: ScriptHeader = { summary: '', place: 'runner' };
  let firstComment = '';
  for (const line of text.split('\n').slice(0, 20)) {
    if (line.startsWith('#!')) continue;
    if (!line.startsWith('#')) break;
    const body = line.replace(/^#+\s?/, '').trim();
    const field = /^(summary|in|service):\s*(.*)$/.exec(body);
    if (!field) {
      if (!firstComment && body) firstComment = body;
      continue;
    }
    const [, key, value] = field as unknown as [string, string, string];
    if (key === 'summary') header.summary = value;
    else if (key === 'service') header.service = value;
    else if ((COMMAND_PLACES as readonly string[]).includes(value)) header.place = value as CommandPlace;
    else throw new DescriptorError(`${where}: "# in: ${value}" must be container, one-off or runner`, { hint: 'write `# in: container` (the running container), `# in: one-off` or `# in: runner`' });
  }
  if (!header.summary) header.summary = firstComment;
  return header;
}

/**
 * `harbor svc hello --help`: the service's commands, aligned, with where each runs.
 * @example renderCommandList('hello', [cmd]) // 'Commands of hello (harbor svc hello <command> [args]):\n  visits  Show ... [container]\n'
 */
export function renderCommandList(folder: string, commands: readonly ServiceCommand[]): string {
  if (commands.length === 0) return `${folder} has no commands (add commands: to stacks/${folder}/harbor.yaml, or scripts to stacks/${folder}/cmd/)\n`;
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}${c.summary ? ' ' : ''}[${c.place}${c.service === folder ? '' : `: ${c.service}`}]`);
  return `Commands of ${folder} (harbor svc ${folder} <command> [args]):\n${lines.join('\n')}\n`;
}
