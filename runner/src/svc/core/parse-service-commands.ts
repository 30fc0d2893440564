// Validates `commands:` of a stack folder's harbor.yaml; every mistake is named with file:line:col and its path.
import * as v from 'valibot';
import { ServiceCommandsSchema } from '../../descriptor/core/service-commands-schema';
import { describeIssue } from '../../descriptor/core/describe-issue';
import { selectUsefulIssues } from '../../descriptor/core/select-useful-issues';
import { renderPath } from '../../descriptor/core/render-path';
import type { YamlSource } from '../../descriptor/core/yaml-source';
import { DescriptorError } from '../../shared/core/errors';
import { buildDeclaredCommand, type ServiceCommand } from './service-command';

/**
 * The file's other keys belong to the descriptor override (`--stack`); only `commands:` is read here.
 * @example parseServiceCommands(parseYamlSource('commands:\n  ls: { run: [ls] }\n', 'stacks/a/harbor.yaml'), 'a')[0].name // 'ls'
 */
export function parseServiceCommands(source: YamlSource, folder: string): ServiceCommand[] {
  const value = source.value;
  const commands = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).commands : undefined;
  if (commands === undefined || commands === null) return [];
  const result = v.safeParse(ServiceCommandsSchema, commands, { abortEarly: false });
  if (!result.success) {
    const issues = selectUsefulIssues(result.issues.map((issue) => describeIssue(ServiceCommandsSchema, issue)));
    const lines = issues.map((described) => {
      const path = ['commands', ...described.path];
      const { position } = source.locate(path, described.atKey);
      return `${source.file}:${position.line}:${position.col}: ${renderPath(path)}: ${described.message}`;
    });
    throw new DescriptorError([...new Set(lines)].join('\n'), { hint: 'docs/Harbor-Service-Commands.md lists the keys of a command (summary, run, in, service)' });
  }
  return Object.entries(result.output).map(([name, config]) => buildDeclaredCommand(name, config, folder, source.file));
}
