import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EnvError, SecretError } from '../../../src/shared/core/errors';
import { renderEnvsubst } from '../../../src/templates/core/render-envsubst';

const values = {
  values: new Map([
    ['HOST', 'db.local'],
    ['EMPTY', ''],
    ['PORT', '5432'],
    ['lower_name', 'x'],
    ['DOLLARS', '$1 $$ ${HOST}'],
    ['TOKEN', 's3cr3t-value'],
  ]),
  secretNames: new Set(['TOKEN']),
};
const ctx = { file: 'stacks/web/templates/app.conf.tmpl', entry: 'prepare.templates[0]', values, allowSecrets: false };

describe('renderEnvsubst', () => {
  const cases: Array<{ name: string; input: string; expected: string }> = [
    { name: 'braced', input: 'host=${HOST}:${PORT}', expected: 'host=db.local:5432' },
    { name: 'unbraced, ends at a non-name character', input: '$HOST.$PORT/x', expected: 'db.local.5432/x' },
    { name: 'lower-case names', input: '${lower_name}$lower_name', expected: 'xx' },
    { name: '$$ is a literal $', input: 'cost: $$5, $${HOST}, $$$$', expected: 'cost: $5, ${HOST}, $$' },
    { name: ':- uses the default when unset', input: '${NOPE:-fallback}', expected: 'fallback' },
    { name: ':- uses the default when empty', input: '${EMPTY:-fallback}', expected: 'fallback' },
    { name: '- uses the default only when unset', input: '[${EMPTY-fallback}][${NOPE-fallback}]', expected: '[][fallback]' },
    { name: ':- keeps a set value', input: '${HOST:-fallback}', expected: 'db.local' },
    { name: 'nested default', input: '${NOPE:-${ALSO_NOPE:-${PORT}}}', expected: '5432' },
    { name: 'default with spaces and colons', input: '${NOPE:-a b:c}', expected: 'a b:c' },
    { name: 'empty default', input: '[${NOPE:-}]', expected: '[]' },
    { name: ':+ alternative when set and non-empty', input: '[${HOST:+yes}][${EMPTY:+yes}][${NOPE:+yes}]', expected: '[yes][][]' },
    { name: '+ alternative when set', input: '[${HOST+yes}][${EMPTY+yes}][${NOPE+yes}]', expected: '[yes][yes][]' },
    { name: 'alternative nests', input: '${HOST:+${PORT}}', expected: '5432' },
    { name: ':? and ? pass with a value', input: '${HOST:?needed}${EMPTY?needed}', expected: 'db.local' },
    { name: 'values are not expanded again', input: '${DOLLARS}', expected: '$1 $$ ${HOST}' },
    { name: 'the default of a set variable is not evaluated', input: '${HOST:-${NOPE}}', expected: 'db.local' },
    { name: 'a $ that starts no substitution stays (as Compose)', input: 'echo $1 $ $-x cost$', expected: 'echo $1 $ $-x cost$' },
    { name: 'no substitutions: text unchanged, CRLF and unicode kept', input: 'a\r\nb ✓ {{x}}\r\n', expected: 'a\r\nb ✓ {{x}}\r\n' },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(renderEnvsubst(c.input, ctx), { text: c.expected, usedSecrets: false }));

  it('renders a secret only when the entry allows it, and says so', () => {
    deepStrictEqual(renderEnvsubst('t=${TOKEN}', { ...ctx, allowSecrets: true }), { text: 't=s3cr3t-value', usedSecrets: true });
  });

  const bad: Array<{ name: string; input: string; error: unknown }> = [
    {
      name: 'undefined braced variable',
      input: 'a\nport=${PORT}\nhost=${DB_HOST}\n',
      error: new EnvError('stacks/web/templates/app.conf.tmpl:3:6: undefined variable DB_HOST', { hint: 'set DB_HOST in an env layer or in prepare.interpolation.values.extra, or give it a default: ${DB_HOST:-value}' }),
    },
    { name: 'undefined unbraced variable', input: 'x $NOPE', error: { message: 'stacks/web/templates/app.conf.tmpl:1:3: undefined variable NOPE' } },
    { name: 'undefined inside a used default', input: '${EMPTY:-${NOPE}}', error: { message: 'stacks/web/templates/app.conf.tmpl:1:10: undefined variable NOPE' } },
    {
      name: 'an unclosed brace',
      input: 'x=${HOST\ny',
      error: new EnvError('stacks/web/templates/app.conf.tmpl:1:3: invalid substitution "${HOST"', { hint: 'write $$ for a literal $; substitutions are $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME:+alternative}' }),
    },
    { name: 'an empty name', input: '${}', error: { message: 'stacks/web/templates/app.conf.tmpl:1:1: invalid substitution "${}"' } },
    { name: 'a bad operator', input: '${HOST:x}', error: { message: 'stacks/web/templates/app.conf.tmpl:1:1: invalid substitution "${HOST:x}"' } },
    { name: 'a name starting with a digit', input: '${1A}', error: { message: 'stacks/web/templates/app.conf.tmpl:1:1: invalid substitution "${1A}"' } },
    {
      name: ':? with an empty value (message shown as written)',
      input: '${EMPTY:?set EMPTY to ${HOST}}',
      error: new EnvError('stacks/web/templates/app.conf.tmpl:1:1: required variable EMPTY is missing a value: set EMPTY to ${HOST}', { hint: 'set EMPTY in an env layer or in prepare.interpolation.values.extra' }),
    },
    { name: '? with an unset value', input: '\n  ${NOPE?is required}', error: { message: 'stacks/web/templates/app.conf.tmpl:2:3: required variable NOPE is missing a value: is required' } },
    {
      name: 'a secret in a template that does not allow secrets',
      input: 'user=x\npassword=${TOKEN}\n',
      error: new SecretError('stacks/web/templates/app.conf.tmpl:2:10: TOKEN is a secret and prepare.templates[0] does not allow secrets', { hint: 'add `secrets: true` to prepare.templates[0] to render it (the file is then written with mode 0600)' }),
    },
    { name: 'a secret behind :+', input: '${TOKEN:+set}', error: { message: 'stacks/web/templates/app.conf.tmpl:1:1: TOKEN is a secret and prepare.templates[0] does not allow secrets' } },
  ];
  for (const c of bad) {
    it(`fails on ${c.name}`, () => {
      throws(() => renderEnvsubst(c.input, ctx), (err: Error) => {
        if (c.error instanceof Error) {
          deepStrictEqual([err.constructor, err.message, (err as EnvError).hint], [c.error.constructor, c.error.message, (c.error as EnvError).hint]);
        } else deepStrictEqual({ message: err.message }, c.error);
        deepStrictEqual(err.message.includes('s3cr3t'), false);
        return true;
      });
    });
  }
});
