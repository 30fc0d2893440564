import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvError, SecretError } from '../../../src/shared/core/errors';
import { buildLiquidRenderer } from '../../../src/templates/core/render-liquid';

const values = {
  values: new Map([
    ['HOST', 'db.local'],
    ['NAME', 'Harbor'],
    ['LIST', 'a,b,c'],
    ['TOKEN', 's3cr3t-value'],
  ]),
  secretNames: new Set(['TOKEN']),
};
const folder = 'stacks/web/templates';
const texts = new Map([
  ['app.conf.liquid', 'host={{ HOST }}\n{% include "_common.liquid" %}'],
  ['_common.liquid', 'name={{ NAME | upper }}\n'],
  ['_broken.liquid', 'ok\n{{ NOPE }}\n'],
  ['sub/inner.liquid', '{% include "../_common.liquid" %}'],
  ['uses-broken.liquid', 'x\n{% include "_broken.liquid" %}'],
  ['escape.liquid', '{% include "../../../etc/passwd" %}'],
]);
const ctx = (file: string, allowSecrets = false) => ({ file: `${folder}/${file}`, entry: 'prepare.templates[1]', values, allowSecrets });

describe('buildLiquidRenderer', () => {
  const render = buildLiquidRenderer({ folder, texts });
  const cases: Array<{ name: string; template: string; expected: string }> = [
    { name: 'values and an include from the same folder', template: 'app.conf.liquid', expected: 'host=db.local\nname=HARBOR\n' },
    { name: 'a relative include inside the folder', template: 'sub/inner.liquid', expected: 'name=HARBOR\n' },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(render(c.template, ctx(c.template)), { text: c.expected, usedSecrets: false }));

  const helpers: Array<{ name: string; source: string; expected: string }> = [
    { name: 'upper and lower', source: '{{ NAME | upper }} {{ NAME | lower }}', expected: 'HARBOR harbor' },
    { name: 'default for an undefined value', source: '{{ NOPE | default: "d" }}|{{ HOST | default: "d" }}', expected: 'd|db.local' },
    { name: 'join (after split)', source: '{{ LIST | split: "," | join: " + " }}', expected: 'a + b + c' },
    { name: 'if on an undefined value is false', source: '{% if NOPE %}y{% else %}n{% endif %}', expected: 'n' },
    { name: 'date of a fixed time, in UTC', source: '{{ "2024-01-02T23:30:00Z" | date: "%Y-%m-%d %H:%M" }}', expected: '2024-01-02 23:30' },
  ];
  for (const c of helpers) {
    it(c.name, () => {
      const one = buildLiquidRenderer({ folder, texts: new Map([['t.liquid', c.source]]) });
      deepStrictEqual(one('t.liquid', ctx('t.liquid')).text, c.expected);
    });
  }

  it('renders a secret when allowed and reports it', () => {
    const one = buildLiquidRenderer({ folder, texts: new Map([['t.liquid', 'p={{ TOKEN }}']]) });
    deepStrictEqual(one('t.liquid', ctx('t.liquid', true)), { text: 'p=s3cr3t-value', usedSecrets: true });
  });

  const bad: Array<{ name: string; template: string; source?: string; error: Error }> = [
    {
      name: 'an undefined variable',
      template: 't.liquid',
      source: 'a\n  {{ DB_HOST }}',
      error: new EnvError('stacks/web/templates/t.liquid:2:6: undefined variable DB_HOST', { hint: 'set DB_HOST in an env layer or in prepare.interpolation.values.extra, or give it a default: {{ DB_HOST | default: "value" }}' }),
    },
    {
      name: 'an undefined variable in an include: the include is named',
      template: 'uses-broken.liquid',
      error: new EnvError('stacks/web/templates/_broken.liquid:2:4: undefined variable NOPE', { hint: 'set NOPE in an env layer or in prepare.interpolation.values.extra, or give it a default: {{ NOPE | default: "value" }}' }),
    },
    {
      name: 'a secret without secrets: true',
      template: 't.liquid',
      source: '{% if HOST %}\npassword={{ TOKEN }}{% endif %}',
      error: new SecretError('stacks/web/templates/t.liquid:2:13: TOKEN is a secret and prepare.templates[1] does not allow secrets', { hint: 'add `secrets: true` to prepare.templates[1] to render it (the file is then written with mode 0600)' }),
    },
    {
      name: 'invalid syntax (an unclosed tag)',
      template: 't.liquid',
      source: 'a\n{% if HOST %}\nb',
      error: new EnvError('stacks/web/templates/t.liquid:2:1: invalid liquid: tag {% if HOST %} not closed', { hint: 'see https://liquidjs.com/tags/overview.html; Harbor adds the filters upper and lower, and allows includes only from the same template folder' }),
    },
    { name: 'an unknown filter', template: 't.liquid', source: '{{ HOST | upcasee }}', error: new EnvError('stacks/web/templates/t.liquid:1:1: invalid liquid: undefined filter: upcasee') },
    { name: 'an include outside the folder', template: 'escape.liquid', error: new EnvError('stacks/web/templates/escape.liquid:1:1: liquid render error: ENOENT: Failed to lookup "../../../etc/passwd" in "."') },
    { name: 'the clock', template: 't.liquid', source: '{{ "now" | date: "%Y" }}', error: new EnvError('stacks/web/templates/t.liquid:1:1: liquid render error: date: "now" is not available: templates render the same output for the same inputs') },
  ];
  for (const c of bad) {
    it(`fails on ${c.name}`, () => {
      const one = c.source === undefined ? render : buildLiquidRenderer({ folder, texts: new Map([[c.template, c.source]]) });
      throws(() => one(c.template, ctx(c.template)), (err: Error) => {
        deepStrictEqual([err.constructor, err.message], [c.error.constructor, c.error.message]);
        if ((c.error as EnvError).hint !== undefined && c.error.message.includes('variable')) deepStrictEqual((err as EnvError).hint, (c.error as EnvError).hint);
        deepStrictEqual(err.message.includes('s3cr3t'), false);
        return true;
      });
    });
  }
});
