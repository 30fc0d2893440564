// The brief's descriptor forms: source.rules.include, env sources as dir + pattern, and what this release lacks.
import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateDescriptor } from '../../../src/descriptor/core/validate-descriptor';
import { parseYamlSource } from '../../../src/descriptor/core/yaml-source';
import { DescriptorError } from '../../../src/shared/core/errors';
import { FAKE_ACTIONS } from './fake-actions';

const validate = (text: string) => validateDescriptor({ system: parseYamlSource(text, 'etc/harbor.yaml') }, FAKE_ACTIONS);
function errorOf(text: string): string {
  try {
    validate(text);
  } catch (err) {
    if (err instanceof DescriptorError) return err.message;
    throw err;
  }
  throw new Error('expected a DescriptorError');
}

describe('env sources given as dir + pattern', () => {
  const cases: Array<{ name: string; source: string; file: string }> = [
    { name: 'service: one layer per service folder', source: '{ type: service, dir: harbor2/stacks, pattern: service.env }', file: 'harbor2/stacks/${service}/service.env' },
    { name: 'a trailing / on dir', source: '{ type: service, dir: "stacks/", pattern: "*.env" }', file: 'stacks/${service}/*.env' },
    { name: 'other types: the pattern inside dir', source: '{ type: sops, dir: etc, pattern: "*.sops.env" }', file: 'etc/*.sops.env' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = validate(`version: 1\nprepare:\n  env:\n    sources:\n      - ${c.source}\n`);
      deepStrictEqual(d.prepare.env.sources.map((s) => s.file), [c.file]);
    });
  }

  const bad: Array<{ name: string; source: string; error: string }> = [
    { name: 'file and dir', source: '{ type: sys, file: etc/sys.env, dir: etc, pattern: sys.env }', error: 'etc/harbor.yaml:5:9: prepare.env.sources[0]: give either file, or dir with pattern, not both' },
    { name: 'dir alone', source: '{ type: service, dir: stacks }', error: 'etc/harbor.yaml:5:9: prepare.env.sources[0]: dir needs pattern (the file name inside it)' },
    { name: 'pattern alone', source: '{ type: service, pattern: service.env }', error: 'etc/harbor.yaml:5:9: prepare.env.sources[0]: pattern needs dir (the folder it is in)' },
    { name: 'dir outside the home', source: '{ type: service, dir: ../other, pattern: service.env }', error: 'etc/harbor.yaml:5:31: prepare.env.sources[0].dir: must be a path inside the Harbor home (relative, no ..)' },
    { name: 'a pattern with a folder climb', source: '{ type: sys, dir: etc, pattern: ../x.env }', error: 'etc/harbor.yaml:5:41: prepare.env.sources[0].pattern: must be a relative name inside dir (no leading /, no ..)' },
  ];
  for (const c of bad) it(`refused: ${c.name}`, () => deepStrictEqual(errorOf(`version: 1\nprepare:\n  env:\n    sources:\n      - ${c.source}\n`), c.error));
});

describe('source.rules.include', () => {
  it('patterns are kept as written', () => {
    deepStrictEqual(validate('version: 1\nsource:\n  rules:\n    include: ["compose.${service}.yml", "compose.x.${service}.${option}.yml"]\n').source.rules.include, [
      'compose.${service}.yml',
      'compose.x.${service}.${option}.yml',
    ]);
  });
  it('absent: v1\'s rules (no include key)', () => deepStrictEqual(validate('version: 1\n').source.rules.include, undefined));
  it('a bad pattern is an error at its line, with the fix', () => {
    deepStrictEqual(
      errorOf('version: 1\nsource:\n  rules:\n    include:\n      - "compose.${service}.yml"\n      - "compose.${servce}.yml"\n'),
      'etc/harbor.yaml:6:9: source.rules.include[1]: "compose.${servce}.yml": unknown variable ${servce} (did you mean service?) (patterns know ${service}, ${capability} and ${option})',
    );
  });
});

describe('what this release lacks', () => {
  it('an engine the brief names says what to use instead; an unknown one lists the engines', () => {
    deepStrictEqual(
      errorOf('version: 1\nprepare:\n  interpolation: { engine: eta }\n'),
      'etc/harbor.yaml:3:28: prepare.interpolation.engine: engine "eta" is not in this release: use "liquid" ({{ name }}, {% if %}, {% for %}) or "envsubst" (${NAME})',
    );
    deepStrictEqual(errorOf('version: 1\nprepare:\n  interpolation: { engine: jinja }\n'), 'etc/harbor.yaml:3:28: prepare.interpolation.engine: expected "envsubst" or "liquid", got "jinja"');
  });
  it('an action the brief names says what to use instead; a typo still gets "did you mean"', () => {
    deepStrictEqual(errorOf('version: 1\ndeploy:\n  steps:\n    - { action: svc.cmd }\n'), 'etc/harbor.yaml:4:17: deploy.steps[0].action: action "svc.cmd" is not in this release: use compose.exec (a command in a running service) or compose.run (a one-off container)');
    throws(() => validate('version: 1\ndeploy:\n  steps:\n    - { action: log.infoo }\n'), /unknown action "log.infoo" \(did you mean log.info\?\)/);
  });
});
