import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v from 'valibot';
import { RulesSchema, type Profile } from '../../../src/descriptor/core/descriptor-schema';
import { selectSource, type SourceInput } from '../../../src/source/core/select-source';
import { DescriptorError } from '../../../src/shared/core/errors';

const names = [
  'compose.yml',
  'compose.hello.yml',
  'compose.greeter.yml',
  'compose.x.hello.greeter.yml',
  'compose.litellm.yml',
  'compose.webui.yml',
  'compose.x.webui.litellm.yml',
  'compose.x.hello.nvidia.yml',
  'compose.common.yml',
  'README.md',
];
const rules = v.parse(RulesSchema, {});
const profiles: Record<string, Profile> = {
  default: { services: ['hello', 'greeter'], options: [] },
  llm: { services: ['litellm', 'webui'], options: [] },
  all: { services: [], options: ['*'] },
};
const base: SourceInput = { rules, profiles, profile: undefined, names, handles: [], noDefaults: false, detected: [] };
const d = (file: string) => `etc/stacks/${file}`;

const cases: Array<{ name: string; input: Partial<SourceInput>; expected: ReturnType<typeof selectSource> }> = [
  {
    name: 'default profile: base, services, their cross file',
    input: {},
    expected: {
      files: [d('compose.yml'), d('compose.greeter.yml'), d('compose.hello.yml'), d('compose.x.hello.greeter.yml')],
      services: ['hello', 'greeter'],
      options: ['hello', 'greeter'],
      capabilities: [],
    },
  },
  {
    name: 'a handle adds to the defaults; a detected capability brings its cross file',
    input: { handles: ['webui'], detected: ['nvidia', 'mdc'] },
    expected: {
      files: [d('compose.yml'), d('compose.greeter.yml'), d('compose.hello.yml'), d('compose.webui.yml'), d('compose.x.hello.greeter.yml'), d('compose.x.hello.nvidia.yml')],
      services: ['hello', 'greeter', 'webui'],
      options: ['hello', 'greeter', 'webui', 'nvidia', 'mdc'],
      capabilities: ['nvidia', 'mdc'],
    },
  },
  {
    name: '--no-defaults keeps only the handles',
    input: { noDefaults: true, handles: ['litellm', 'webui'] },
    expected: {
      files: [d('compose.yml'), d('compose.litellm.yml'), d('compose.webui.yml'), d('compose.x.webui.litellm.yml')],
      services: ['litellm', 'webui'],
      options: ['litellm', 'webui'],
      capabilities: [],
    },
  },
  {
    name: '--profile picks another profile',
    input: { profile: 'llm' },
    expected: {
      files: [d('compose.yml'), d('compose.litellm.yml'), d('compose.webui.yml'), d('compose.x.webui.litellm.yml')],
      services: ['litellm', 'webui'],
      options: ['litellm', 'webui'],
      capabilities: [],
    },
  },
  {
    name: 'a profile option "*" selects every file without a capability token',
    input: { profile: 'all' },
    expected: {
      files: [
        d('compose.yml'),
        d('compose.common.yml'),
        d('compose.greeter.yml'),
        d('compose.hello.yml'),
        d('compose.litellm.yml'),
        d('compose.webui.yml'),
        d('compose.x.hello.greeter.yml'),
        d('compose.x.webui.litellm.yml'),
      ],
      services: [],
      options: ['*'],
      capabilities: [],
    },
  },
  {
    name: 'no profiles at all (the default descriptor): only the base file',
    input: { profiles: {} },
    expected: { files: [d('compose.yml')], services: [], options: [], capabilities: [] },
  },
  {
    name: '--profile default with no profiles declared is not an error',
    input: { profiles: {}, profile: 'default', handles: ['hello'] },
    expected: { files: [d('compose.yml'), d('compose.hello.yml')], services: ['hello'], options: ['hello'], capabilities: [] },
  },
  {
    name: 'another directory prefixes the files',
    input: { rules: { ...rules, dir: 'stacks/compose' }, noDefaults: true, handles: ['hello'] },
    expected: { files: ['stacks/compose/compose.yml', 'stacks/compose/compose.hello.yml'], services: ['hello'], options: ['hello'], capabilities: [] },
  },
  {
    name: 'extra base files come first, in their order, and are not repeated',
    input: { rules: { ...rules, base: ['compose.yml', 'compose.common.yml'] }, noDefaults: true, handles: ['common', 'hello'] },
    expected: { files: [d('compose.yml'), d('compose.common.yml'), d('compose.hello.yml')], services: ['common', 'hello'], options: ['common', 'hello'], capabilities: [] },
  },
  {
    name: 'a base without compose.yml leaves compose.yml out',
    input: { rules: { ...rules, base: ['compose.common.yml'] }, noDefaults: true, handles: ['hello'] },
    expected: { files: [d('compose.common.yml'), d('compose.hello.yml')], services: ['hello'], options: ['hello'], capabilities: [] },
  },
  {
    name: 'a missing compose.yml is skipped (v1)',
    input: { names: ['compose.hello.yml'], profiles: {}, handles: ['hello'] },
    expected: { files: [d('compose.hello.yml')], services: ['hello'], options: ['hello'], capabilities: [] },
  },
  {
    name: 'a declared default capability stays under --no-defaults; a declared capability is no service',
    input: { rules: { ...rules, capabilities: ['tpu'], defaultCapabilities: ['tpu'] }, noDefaults: true, handles: ['hello'] },
    expected: { files: [d('compose.yml'), d('compose.hello.yml')], services: ['hello'], options: ['tpu', 'hello'], capabilities: ['tpu'] },
  },
];

for (const c of cases) {
  test(`selectSource: ${c.name}`, () => {
    assert.deepStrictEqual(selectSource({ ...base, ...c.input }), c.expected);
  });
}

const errors: Array<{ name: string; input: Partial<SourceInput>; message: string; hint: string }> = [
  {
    name: 'unknown handle, with the closest names',
    input: { handles: ['helo'] },
    message: 'unknown service "helo" (did you mean hello?)',
    hint: 'known services are the compose.<name>.yml files in etc/stacks',
  },
  {
    name: 'unknown profile, with the closest names',
    input: { profile: 'lm' },
    message: 'unknown profile "lm" (did you mean llm, all?)',
    hint: 'profiles in the descriptor: default, llm, all',
  },
  {
    name: 'unknown profile when none is declared',
    input: { profiles: {}, profile: 'llm' },
    message: 'unknown profile "llm"',
    hint: 'the descriptor defines no profiles (add them under `profiles:` in etc/harbor.yaml)',
  },
  {
    name: 'a profile naming an unknown service says which profile',
    input: { profiles: { default: { services: ['greetr'], options: [] } } },
    message: 'profiles.default: unknown service "greetr" (did you mean greeter?)',
    hint: 'known services are the compose.<name>.yml files in etc/stacks',
  },
  {
    name: 'a missing extra base file',
    input: { rules: { ...rules, base: ['compose.yml', 'compose.base2.yml'] } },
    message: 'source.rules.base: etc/stacks/compose.base2.yml does not exist',
    hint: 'create it, or remove "compose.base2.yml" from source.rules.base in etc/harbor.yaml (a name is a file of etc/stacks/, a path with a / is relative to the home)',
  },
];

for (const c of errors) {
  test(`selectSource error: ${c.name}`, () => {
    assert.throws(() => selectSource({ ...base, ...c.input }), (err: unknown) => {
      assert.ok(err instanceof DescriptorError);
      assert.deepStrictEqual({ message: err.message, hint: err.hint }, { message: c.message, hint: c.hint });
      return true;
    });
  });
}

test('selectSource: a bad profile is not checked under --no-defaults', () => {
  const input = { ...base, profiles: { default: { services: ['greetr'], options: [] } }, noDefaults: true, handles: ['hello'] };
  assert.deepStrictEqual(selectSource(input).files, [d('compose.yml'), d('compose.hello.yml')]);
});
