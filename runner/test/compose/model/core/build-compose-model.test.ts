import { deepStrictEqual, match, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComposeModel, type ComposeModelInput } from '../../../../src/compose/model/core/build-compose-model';
import { ComposeModelUnsupported } from '../../../../src/compose/model/core/model-tree';
import { printComposeJson } from '../../../../src/compose/model/core/print-compose-json';

function build(files: Record<string, string>, extra: Partial<ComposeModelInput> = {}) {
  return buildComposeModel({
    files: Object.keys(files).filter((f) => f.endsWith('.yml')),
    projectName: 'demo',
    projectDir: '/srv/h',
    env: {},
    home: '/home/u',
    profiles: [],
    readFile: (path) => files[path],
    ...extra,
  });
}

describe('buildComposeModel (pure: files come from readFile)', () => {
  it('renders a service as compose prints it', () => {
    const model = build({ '/srv/h/compose.yml': 'services:\n  app:\n    image: x:${TAG:-1}\n    volumes: [./d:/d]\n' });
    deepStrictEqual(model, {
      name: 'demo',
      networks: { default: { name: 'demo_default', ipam: {} } },
      services: {
        app: {
          command: null,
          entrypoint: null,
          image: 'x:1',
          networks: { default: null },
          volumes: [{ type: 'bind', source: '/srv/h/d', target: '/d', bind: { create_host_path: true } }],
        },
      },
    });
  });

  it('folds env_file values into environment, the service environment winning', () => {
    const model = build({ '/srv/h/compose.yml': 'services:\n  app:\n    image: x\n    env_file: a.env\n    environment: {B: own}\n', '/srv/h/a.env': 'A=1\nB=file\n' });
    deepStrictEqual((model.services as any).app.environment, { A: '1', B: 'own' });
  });

  it('prints `$` doubled, as compose does', () => {
    const model = build({ '/srv/h/compose.yml': 'services:\n  app:\n    image: x\n    environment: {A: "$$HOME"}\n' });
    match(printComposeJson(model), /"A": "\$\$HOME"/);
  });

  const declined: Array<[string, Record<string, string>]> = [
    ['an unknown service field', { '/srv/h/compose.yml': 'services:\n  app:\n    image: x\n    blkio_config: {weight: 10}\n' }],
    ['an include whose file does not exist', { '/srv/h/compose.yml': 'include: [other.yml]\nservices:\n  app: {image: x}\n' }],
    ['a missing required variable', { '/srv/h/compose.yml': 'services:\n  app:\n    image: ${X:?need X}\n' }],
    ['a missing compose file', { '/srv/h/compose.yml': 'services:\n  app:\n    image: x\n', '/srv/h/gone.yml': undefined as unknown as string }],
    ['a required env_file that does not exist', { '/srv/h/compose.yml': 'services:\n  app:\n    image: x\n    env_file: nope.env\n' }],
    ['a depends_on on an undefined service', { '/srv/h/compose.yml': 'services:\n  app:\n    image: x\n    depends_on: [db]\n' }],
    ['an undeclared named volume', { '/srv/h/compose.yml': 'services:\n  app:\n    image: x\n    volumes: [data:/d]\n' }],
    ['a YAML syntax error', { '/srv/h/compose.yml': 'services:\n  app: [\n' }],
    ['a custom YAML tag', { '/srv/h/compose.yml': 'services:\n  app:\n    image: !custom x\n' }],
    ['a service name compose\'s schema refuses', { '/srv/h/compose.yml': 'services:\n  "bad name!":\n    image: x\n' }],
    ['an ulimit mapping without hard (compose\'s schema requires soft and hard)', { '/srv/h/compose.yml': 'services:\n  app:\n    image: x\n    ulimits:\n      nofile: {soft: 1}\n' }],
  ];
  for (const [name, files] of declined) {
    it(`declines (compose then answers): ${name}`, () => {
      const readFile = (path: string) => files[path];
      const list = Object.keys(files).filter((f) => f.endsWith('.yml'));
      throws(() => build(files, { files: list, readFile }), ComposeModelUnsupported);
    });
  }
});
