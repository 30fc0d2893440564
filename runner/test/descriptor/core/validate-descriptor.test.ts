import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_ENV_SOURCES } from '../../../src/descriptor/core/env-config-schema';
import { DescriptorError } from '../../../src/shared/core/errors';
import { validateDescriptor } from '../../../src/descriptor/core/validate-descriptor';
import { parseYamlSource } from '../../../src/descriptor/core/yaml-source';
import { FAKE_ACTIONS } from './fake-actions';

const SYS = 'etc/harbor.yaml';
const STACK = 'stacks/web/harbor.yaml';

function validate(system: string | undefined, override?: string) {
  return validateDescriptor(
    {
      system: system === undefined ? undefined : parseYamlSource(system, SYS),
      override: override === undefined ? undefined : parseYamlSource(override, STACK),
    },
    FAKE_ACTIONS,
  );
}

function errorOf(system: string | undefined, override?: string): string {
  try {
    validate(system, override);
  } catch (err) {
    if (err instanceof DescriptorError) return err.message;
    throw err;
  }
  throw new Error('expected a DescriptorError');
}

const DEFAULT_RULES = { dir: 'etc/stacks', base: ['compose.yml'], autoCapabilities: true, capabilities: [], defaultCapabilities: [] };
const DEFAULT_HOOKS = { autodiscover: false, timeout: 300 };
const DEFAULT_PREPARE = {
  env: { sources: DEFAULT_ENV_SOURCES.map((source) => ({ ...source })), persist: false, keepOnDestroy: false },
  templates: [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }],
  interpolation: { engine: 'envsubst', values: { fromEnv: true, extra: {} } },
  cleanOnDestroy: false,
};

describe('validateDescriptor: valid descriptors get their defaults', () => {
  const cases: Array<{ name: string; yaml: string; expected: unknown }> = [
    {
      name: 'minimal',
      yaml: 'version: 1\n',
      expected: { version: 1, profiles: {}, source: { rules: DEFAULT_RULES }, prepare: DEFAULT_PREPARE, tunnels: { timeout: 60 }, hooks: DEFAULT_HOOKS, stages: {} },
    },
    {
      name: 'a project name',
      yaml: 'version: 1\nproject: demo\n',
      expected: { version: 1, project: 'demo', profiles: {}, source: { rules: DEFAULT_RULES }, prepare: DEFAULT_PREPARE, tunnels: { timeout: 60 }, hooks: DEFAULT_HOOKS, stages: {} },
    },
    {
      name: 'profiles, rules, stages and params with action defaults left to the action',
      yaml: [
        'version: 1',
        'profiles:',
        '  default: { services: [hello] }',
        '  gpu: { options: [nvidia] }',
        'source: { rules: { dir: stacks-dir, defaultCapabilities: [build] } }',
        'deploy:',
        '  steps:',
        '    - { action: compose.up, services: [hello], when: "${UP}", name: start }',
        'destroy:',
        '  steps: [{ action: compose.down, continueOnError: true }]',
        'stages:',
        '  backup: { steps: [{ action: log.info, message: hi, when: false }] }',
        '',
      ].join('\n'),
      expected: {
        version: 1,
        profiles: { default: { services: ['hello'], options: [] }, gpu: { services: [], options: ['nvidia'] } },
        source: { rules: { ...DEFAULT_RULES, dir: 'stacks-dir', defaultCapabilities: ['build'] } },
        prepare: DEFAULT_PREPARE,
        tunnels: { timeout: 60 },
        deploy: { steps: [{ action: 'compose.up', services: ['hello'], when: '${UP}', name: 'start' }] },
        destroy: { steps: [{ action: 'compose.down', continueOnError: true }] },
        hooks: DEFAULT_HOOKS,
        stages: { backup: { steps: [{ action: 'log.info', message: 'hi', when: false }] } },
      },
    },
    {
      name: 'top-level x- keys hold anchors and are ignored',
      yaml: 'version: 1\nx-up: &up { action: compose.up }\ndeploy: { steps: [*up] }\n',
      expected: { version: 1, profiles: {}, source: { rules: DEFAULT_RULES }, prepare: DEFAULT_PREPARE, tunnels: { timeout: 60 }, deploy: { steps: [{ action: 'compose.up' }] }, hooks: DEFAULT_HOOKS, stages: {} },
    },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(validate(c.yaml), c.expected));
});

describe('validateDescriptor: every error names file:line:col and the dotted path', () => {
  const cases: Array<{ name: string; yaml: string | undefined; override?: string; expected: string }> = [
    { name: 'wrong version', yaml: 'version: 2\n', expected: `${SYS}:1:10: version: must be 1 (the only descriptor version this Harbor reads)` },
    { name: 'version as a string', yaml: 'version: "1"\n', expected: `${SYS}:1:10: version: must be 1 (the only descriptor version this Harbor reads)` },
    { name: 'missing version (empty file)', yaml: '', expected: `${SYS}:1:1: version: is required` },
    {
      name: 'unknown top-level key with a suggestion',
      yaml: 'version: 1\ndeplyo: {steps: []}\n',
      expected: `${SYS}:2:1: deplyo: unknown key "deplyo" (did you mean deploy?)`,
    },
    {
      name: 'unknown key without a close match',
      yaml: 'version: 1\nsource:\n  rules:\n    selection: []\n',
      expected: `${SYS}:4:5: source.rules.selection: unknown key "selection"`,
    },
    { name: 'unknown key in a profile', yaml: 'version: 1\nprofiles:\n  a:\n    service: []\n', expected: `${SYS}:4:5: profiles.a.service: unknown key "service" (did you mean services?)` },
    { name: 'unknown key in a stage', yaml: 'version: 1\ndeploy:\n  step: []\n', expected: `${SYS}:3:3: deploy.step: unknown key "step" (did you mean steps?)` },
    { name: 'unknown key in prepare', yaml: 'version: 1\nprepare:\n  template: []\n', expected: `${SYS}:3:3: prepare.template: unknown key "template" (did you mean templates?)` },
    { name: 'bad type: string for a list', yaml: 'version: 1\nprofiles:\n  a: { services: hello }\n', expected: `${SYS}:3:18: profiles.a.services: expected a list, got "hello"` },
    { name: 'bad type: string for a boolean', yaml: 'version: 1\nsource: { rules: { autoCapabilities: "yes" } }\n', expected: `${SYS}:2:38: source.rules.autoCapabilities: expected true or false, got "yes"` },
    { name: 'bad type: list for a map', yaml: 'version: 1\ndeploy: [compose.up]\n', expected: `${SYS}:2:9: deploy: expected a map, got a list` },
    { name: 'bad type: empty list for a map', yaml: 'version: 1\nsource: []\n', expected: `${SYS}:2:9: source: expected a map, got a list` },
    { name: 'bad type: list for a record', yaml: 'version: 1\nstages: [x]\n', expected: `${SYS}:2:9: stages: expected a map, got a list` },
    { name: 'mistyped key: no extra "is required" for the key it suggests', yaml: 'verison: 1\n', expected: `${SYS}:1:1: verison: unknown key "verison" (did you mean version?)` },
    { name: 'bad type: when is a number', yaml: 'version: 1\ndeploy: { steps: [{ action: log.info, message: m, when: 3 }] }\n', expected: `${SYS}:2:57: deploy.steps[0].when: expected a string or true/false, got 3` },
    { name: 'bad project name', yaml: 'version: 1\nproject: My App\n', expected: `${SYS}:2:10: project: compose project names use a-z, 0-9, "_" and "-", starting with a letter or digit` },
    { name: 'bad profile name', yaml: 'version: 1\nprofiles:\n  GPU: {}\n', expected: `${SYS}:3:3: profiles.GPU: profile names use a-z, 0-9, "_" and "-", starting with a letter` },
    { name: 'bad capability name', yaml: 'version: 1\nsource: { rules: { capabilities: [Big] } }\n', expected: `${SYS}:2:35: source.rules.capabilities[0]: capability names use a-z, 0-9 and "-"` },
    { name: 'custom stage named like a built-in', yaml: 'version: 1\nstages:\n  deploy: { steps: [] }\n', expected: `${SYS}:3:3: stages.deploy: "deploy" is a built-in stage: put it at the top level, not under stages` },
    { name: 'a step without action', yaml: 'version: 1\ndeploy:\n  steps:\n    - name: x\n', expected: `${SYS}:4:7: deploy.steps[0].action: is required` },
    {
      name: 'unknown action with a suggestion',
      yaml: 'version: 1\ndeploy:\n  steps:\n    - action: compose.up\n    - action: compose.upp\n',
      expected: `${SYS}:5:15: deploy.steps[1].action: unknown action "compose.upp" (did you mean compose.up?)`,
    },
    { name: 'unknown action far from any', yaml: 'version: 1\ndestroy: { steps: [{ action: nuke }] }\n', expected: `${SYS}:2:30: destroy.steps[0].action: unknown action "nuke"` },
    {
      name: 'unknown param with a suggestion from the params and the step keys',
      yaml: 'version: 1\ndeploy:\n  steps:\n    - action: compose.up\n      service: [a]\n    - action: compose.down\n      continueOnErorr: true\n',
      expected: [
        `${SYS}:5:7: deploy.steps[0].service: unknown key "service" for compose.up (did you mean services?)`,
        `${SYS}:7:7: deploy.steps[1].continueOnErorr: unknown key "continueOnErorr" for compose.down (did you mean continueOnError?)`,
      ].join('\n'),
    },
    { name: 'a missing required param', yaml: 'version: 1\npost_deploy: { steps: [{ action: log.info }] }\n', expected: `${SYS}:2:24: post_deploy.steps[0].message: is required for log.info` },
    { name: 'a param of the wrong type', yaml: 'version: 1\nstages:\n  b: { steps: [{ action: compose.down, volumes: "yes" }] }\n', expected: `${SYS}:3:49: stages.b.steps[0].volumes: expected true or false, got "yes"` },
    {
      name: 'several problems are all reported, in line order',
      yaml: 'version: 3\nprofiles: [a]\nverbose: true\n',
      expected: [
        `${SYS}:1:10: version: must be 1 (the only descriptor version this Harbor reads)`,
        `${SYS}:2:11: profiles: expected a map, got a list`,
        `${SYS}:3:1: verbose: unknown key "verbose"`,
      ].join('\n'),
    },
    { name: 'top level is a list', yaml: '- version: 1\n', expected: `${SYS}:1:1: the descriptor must be a map of keys (version: 1, deploy: ...), got a list` },
    { name: 'top level is a scalar', yaml: 'hello\n', expected: `${SYS}:1:1: the descriptor must be a map of keys (version: 1, deploy: ...), got "hello"` },
    // Overrides: the error points into the file the wrong value came from.
    {
      name: 'override: a bad value is reported in the override',
      yaml: 'version: 1\nproject: demo\n',
      override: 'project: Demo\n',
      expected: `${STACK}:1:10: project: compose project names use a-z, 0-9, "_" and "-", starting with a letter or digit`,
    },
    {
      name: 'override: a bad value left in the system file is reported there',
      yaml: 'version: 1\ndeploy:\n  steps: [{ action: compose.upp }]\n',
      override: 'project: demo\n',
      expected: `${SYS}:3:21: deploy.steps[0].action: unknown action "compose.upp" (did you mean compose.up?)`,
    },
    {
      name: 'override: replaced steps are checked in the override',
      yaml: 'version: 1\ndeploy:\n  steps: [{ action: compose.up }]\n',
      override: 'deploy:\n  steps:\n    - action: log.info\n',
      expected: `${STACK}:3:7: deploy.steps[0].message: is required for log.info`,
    },
    { name: 'override: version must match', yaml: 'version: 1\n', override: 'version: 2\n', expected: `${STACK}:1:10: version: 2 does not match etc/harbor.yaml's version 1` },
    { name: 'override without a system file: version must match the default', yaml: undefined, override: 'version: 2\n', expected: `${STACK}:1:10: version: 2 does not match the default descriptor version 1` },
    { name: 'override: unknown key', yaml: 'version: 1\n', override: 'profile: {}\n', expected: `${STACK}:1:1: profile: unknown key "profile" (did you mean profiles?)` },
    { name: 'override is a list', yaml: 'version: 1\n', override: '- a\n', expected: `${STACK}:1:1: the descriptor must be a map of keys (version: 1, deploy: ...), got a list` },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(errorOf(c.yaml, c.override), c.expected));

  it('carries the descriptor exit code and a hint', () => {
    throws(() => validate('version: 2\n'), (err: DescriptorError) => err.exitCode === 3 && err.hint!.includes('harbor descriptor check'));
  });
});

describe('validateDescriptor: a stack override merges over the system descriptor', () => {
  const system = [
    'version: 1',
    'project: demo',
    'profiles:',
    '  default: { services: [hello, greeter], options: [build] }',
    'source: { rules: { dir: etc/stacks, capabilities: [tpu] } }',
    'deploy:',
    '  steps: [{ action: compose.up }, { action: log.info, message: up }]',
    'destroy: { steps: [{ action: compose.down }] }',
    '',
  ].join('\n');
  const cases: Array<{ name: string; override: string; pick: (d: ReturnType<typeof validate>) => unknown; expected: unknown }> = [
    { name: 'scalars replace', override: 'project: other\n', pick: (d) => d.project, expected: 'other' },
    { name: 'maps merge deeply, lists replace', override: 'profiles: { default: { services: [hello] } }\n', pick: (d) => d.profiles, expected: { default: { services: ['hello'], options: ['build'] } } },
    { name: 'a new profile is added', override: 'profiles: { gpu: { options: [nvidia] } }\n', pick: (d) => Object.keys(d.profiles), expected: ['default', 'gpu'] },
    { name: 'nested rules merge key by key', override: 'source: { rules: { autoCapabilities: false } }\n', pick: (d) => d.source.rules, expected: { ...DEFAULT_RULES, autoCapabilities: false, capabilities: ['tpu'] } },
    { name: "a stage's steps replace as a whole", override: 'deploy: { steps: [{ action: log.info, message: only }] }\n', pick: (d) => d.deploy, expected: { steps: [{ action: 'log.info', message: 'only' }] } },
    { name: 'other stages are kept', override: 'deploy: { steps: [] }\n', pick: (d) => d.destroy, expected: { steps: [{ action: 'compose.down' }] } },
    { name: 'null removes a key', override: 'destroy: null\n', pick: (d) => d.destroy, expected: undefined },
    { name: 'the same version may be repeated', override: 'version: 1\nproject: x\n', pick: (d) => d.project, expected: 'x' },
    { name: 'an empty override changes nothing', override: '', pick: (d) => d.project, expected: 'demo' },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(c.pick(validate(system, c.override)), c.expected));
});
