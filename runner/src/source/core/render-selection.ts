// Renders a source selection for people: the compose files in `-f` order, then services, options, capabilities.
import type { ComposeSelection } from './compose-files';

/**
 * @example renderSelection({ files: ['etc/stacks/compose.yml'], services: [], options: [], capabilities: ['mdc'] }, 'demo')
 * // 'source: project demo, 1 compose file\n  -f etc/stacks/compose.yml\nservices: (none)\noptions: (none)\ncapabilities: mdc\n'
 */
export function renderSelection(selection: ComposeSelection, project: string): string {
  const count = selection.files.length;
  const list = (values: readonly string[]) => values.join(' ') || '(none)';
  return [
    `source: project ${project}, ${count} compose file${count === 1 ? '' : 's'}`,
    ...selection.files.map((f) => `  -f ${f}`),
    `services: ${list(selection.services)}`,
    `options: ${list(selection.options)}`,
    `capabilities: ${list(selection.capabilities)}`,
    '',
  ].join('\n');
}
