import { deepStrictEqual, equal } from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { renderDescriptorJsonSchema } from '../../../src/descriptor/commands/descriptor-schema';

const root = new URL('../../../../', import.meta.url);

describe('etc/harbor.schema.json', () => {
  it('the shipped file is the one generated from the valibot schema and the action registry (else: npm run schema)', async () => {
    const shipped = await readFile(new URL('etc/harbor.schema.json', root), 'utf8');
    equal(shipped, renderDescriptorJsonSchema(), 'etc/harbor.schema.json is stale: run `npm run schema` and commit it');
  });

  it('the example descriptor references it for editors', async () => {
    const example = await readFile(new URL('etc/harbor.yaml', root), 'utf8');
    equal(example.split('\n')[0], '# yaml-language-server: $schema=./harbor.schema.json');
  });
});

describe('the JSON Schema judges descriptors as the runner does (checked with ajv, as editors would)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(renderDescriptorJsonSchema()));
  const accepts = (yaml: string) => validate(parse(yaml));

  it('accepts the example etc/harbor.yaml', async () => {
    const example = await readFile(new URL('etc/harbor.yaml', root), 'utf8');
    deepStrictEqual([accepts(example), validate.errors ?? null], [true, null]);
  });

  const cases: Array<{ name: string; yaml: string; valid: boolean }> = [
    { name: 'minimal', yaml: 'version: 1\n', valid: true },
    { name: 'x- anchors', yaml: 'version: 1\nx-up: &up { action: compose.up }\ndeploy: { steps: [*up] }\n', valid: true },
    { name: 'a step with its own keys and params', yaml: 'version: 1\ndeploy: { steps: [{ action: compose.up, services: [a], when: "${X}", continueOnError: true, name: n }] }\n', valid: true },
    { name: 'custom stage', yaml: 'version: 1\nstages: { backup: { steps: [{ action: log.info, message: hi }] } }\n', valid: true },
    { name: 'wrong version', yaml: 'version: 2\n', valid: false },
    { name: 'missing version', yaml: 'project: demo\n', valid: false },
    { name: 'unknown top-level key', yaml: 'version: 1\ndeplyo: {}\n', valid: false },
    { name: 'unknown action', yaml: 'version: 1\ndeploy: { steps: [{ action: compose.upp }] }\n', valid: false },
    { name: 'unknown param', yaml: 'version: 1\ndeploy: { steps: [{ action: compose.up, service: [a] }] }\n', valid: false },
    { name: 'bad param type', yaml: 'version: 1\ndeploy: { steps: [{ action: compose.down, volumes: "yes" }] }\n', valid: false },
    { name: 'missing required param', yaml: 'version: 1\ndeploy: { steps: [{ action: log.info }] }\n', valid: false },
    { name: 'bad profile name', yaml: 'version: 1\nprofiles: { GPU: {} }\n', valid: false },
    { name: 'bad project', yaml: 'version: 1\nproject: My App\n', valid: false },
    { name: 'unknown rules key', yaml: 'version: 1\nsource: { rules: { exclude: [] } }\n', valid: false },
  ];
  for (const c of cases) it(`${c.valid ? 'accepts' : 'rejects'}: ${c.name}`, () => equal(accepts(c.yaml), c.valid));
});
