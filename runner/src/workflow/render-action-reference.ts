// Renders the list of actions and their params as Markdown, from the registry: docs/Harbor-Descriptor.md embeds it.
import { toJsonSchema } from '@valibot/to-json-schema';
import type { ActionDefinition } from './action';

interface ParamSchema {
  type?: string;
  enum?: unknown[];
  items?: ParamSchema;
  anyOf?: ParamSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
}

/**
 * One row per action: its name, summary and params (type, required or default), in registry order.
 * @example renderActionReference([logInfoAction]) // '| `log.info` | Print a message to the log | `message` (string, required) |\n'
 */
export function renderActionReference(actions: readonly ActionDefinition[]): string {
  const rows = actions.map((action) => {
    const schema = toJsonSchema(action.params, { typeMode: 'input', errorMode: 'ignore' }) as { properties?: Record<string, ParamSchema>; required?: string[] };
    const required = new Set(schema.required ?? []);
    const params = Object.entries(schema.properties ?? {}).map(([name, p]) => {
      const notes = [renderType(p), required.has(name) ? 'required' : p.default !== undefined ? `default ${JSON.stringify(p.default)}` : ''].filter(Boolean);
      return `\`${name}\` (${notes.join(', ')})`;
    });
    return `| \`${action.name}\` | ${action.summary.replace(/\|/g, '\\|')} | ${params.length ? params.join('<br>') : '—'} |`;
  });
  return ['| action | what it does | parameters |', '|---|---|---|', ...rows].join('\n') + '\n';
}

function renderType(p: ParamSchema): string {
  if (p.enum) return p.enum.map((e) => String(e)).join(' \\| ');
  if (p.anyOf) return p.anyOf.map(renderType).join(' or ');
  if (p.type === 'array') return `list of ${p.items?.type && !p.items.enum ? `${p.items.type}s` : p.items ? renderType(p.items) : 'values'}`;
  if (p.type === 'integer') return p.minimum !== undefined ? `integer ≥ ${p.minimum}` : 'integer';
  return p.type ?? 'value';
}
