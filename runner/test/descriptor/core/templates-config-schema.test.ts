import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { InterpolationConfigSchema, TemplatesConfigSchema } from '../../../src/descriptor/core/templates-config-schema';

function firstIssue(schema: v.GenericSchema, input: unknown): { path: string; message: string } | 'ok' {
  const result = v.safeParse(schema, input);
  if (result.success) return 'ok';
  const issue = result.issues[0];
  return { path: issue.path?.map((p) => String(p.key)).join('.') ?? '', message: issue.message };
}

describe('TemplatesConfigSchema', () => {
  const cases: Array<{ name: string; input: unknown; expected: unknown }> = [
    { name: 'absent: one entry per service template folder', input: undefined, expected: [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }] },
    { name: 'to and secrets defaulted', input: [{ from: 'x/**' }], expected: [{ from: 'x/**', to: 'var/run/${service}/config/', secrets: false }] },
    { name: 'everything given', input: [{ from: 'a/*.liquid', to: 'var/run/a/', engine: 'liquid', secrets: true }], expected: [{ from: 'a/*.liquid', to: 'var/run/a/', engine: 'liquid', secrets: true }] },
    { name: 'empty list stays empty (no templates at all)', input: [], expected: [] },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(v.parse(TemplatesConfigSchema, c.input), c.expected));

  const bad: Array<{ name: string; input: unknown; expected: unknown }> = [
    { name: 'unknown engine', input: [{ from: 'a', engine: 'jinja' }], expected: { path: '0.engine', message: 'Invalid type: Expected ("envsubst" | "liquid") but received "jinja"' } },
    { name: 'an engine of the brief this release lacks', input: [{ from: 'a', engine: 'handlebars' }], expected: { path: '0.engine', message: 'engine "handlebars" is not in this release: use "liquid": {{ name }} prints a value as in Handlebars, and {% if %} / {% for %} stand in for {{#if}} / {{#each}}' } },
    { name: 'unknown key', input: [{ from: 'a', form: 'b' }], expected: { path: '0.form', message: 'Invalid key: Expected never but received "form"' } },
    { name: 'missing from', input: [{ to: 'var/run/x/' }], expected: { path: '0.from', message: 'Invalid key: Expected "from" but received undefined' } },
    { name: 'empty from', input: [{ from: '' }], expected: { path: '0.from', message: 'must not be empty' } },
    { name: 'secrets not a boolean', input: [{ from: 'a', secrets: 'yes' }], expected: { path: '0.secrets', message: 'Invalid type: Expected boolean but received "yes"' } },
  ];
  for (const c of bad) it(`rejects ${c.name}`, () => deepStrictEqual(firstIssue(TemplatesConfigSchema, c.input), c.expected));
});

describe('InterpolationConfigSchema', () => {
  const cases: Array<{ name: string; input: unknown; expected: unknown }> = [
    { name: 'absent', input: undefined, expected: { engine: 'envsubst', values: { fromEnv: true, extra: {} } } },
    { name: 'extra scalars kept as given', input: { values: { extra: { TLS: true, PORT: 8080, NAME: 'x' } } }, expected: { engine: 'envsubst', values: { fromEnv: true, extra: { TLS: true, PORT: 8080, NAME: 'x' } } } },
    { name: 'env hidden', input: { engine: 'liquid', values: { fromEnv: false } }, expected: { engine: 'liquid', values: { fromEnv: false, extra: {} } } },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(v.parse(InterpolationConfigSchema, c.input), c.expected));

  const bad: Array<{ name: string; input: unknown; expected: unknown }> = [
    { name: 'a bad variable name', input: { values: { extra: { '1X': 'a' } } }, expected: { path: 'values.extra.1X', message: 'must be a variable name: letters, digits and _, not starting with a digit' } },
    { name: 'a nested value', input: { values: { extra: { X: { a: 1 } } } }, expected: { path: 'values.extra.X', message: 'must be a string, a number or a boolean' } },
    { name: 'handlebars: what to use instead', input: { engine: 'handlebars' }, expected: { path: 'engine', message: 'engine "handlebars" is not in this release: use "liquid": {{ name }} prints a value as in Handlebars, and {% if %} / {% for %} stand in for {{#if}} / {{#each}}' } },
    { name: 'an unknown engine', input: { engine: 'jinja' }, expected: { path: 'engine', message: 'Invalid type: Expected ("envsubst" | "liquid") but received "jinja"' } },
  ];
  for (const c of bad) it(`rejects ${c.name}`, () => deepStrictEqual(firstIssue(InterpolationConfigSchema, c.input), c.expected));
});
