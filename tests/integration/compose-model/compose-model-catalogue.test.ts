// Harbor's compose model equals `docker compose config --format json` on the example stack, a generated v1-shaped catalogue and seeded random selections of it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireDocker } from '../../support/docker-available';
import { compareWithCompose, compareYamlWithCompose, type DifferentialResult } from '../../support/compose-differential';
import { randomV1Selection, V1_ENV, writeV1Catalogue } from '../../support/v1-catalogue';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// HARBOR_MODEL_SEED=<n> replays one failing selection; HARBOR_MODEL_SELECTIONS widens the search.
const FIRST_SEED = Number(process.env.HARBOR_MODEL_SEED ?? 1);
const SELECTIONS = Number(process.env.HARBOR_MODEL_SEED ? 1 : (process.env.HARBOR_MODEL_SELECTIONS ?? 8));

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'harbor-model-catalogue-'));
  writeV1Catalogue(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Equal models, or compose failed and the model declined too (it then falls back to compose, which reports). */
function assertAgrees(result: DifferentialResult, label: string): void {
  if (result.composeError !== undefined) {
    assert.ok(result.unsupported, `${label}: compose failed (${result.composeError}) but the model gave a result`);
    return;
  }
  assert.equal(result.unsupported, undefined, `${label}: the model declined: ${result.unsupported}`);
  assert.equal(result.difference, undefined, `${label}: first difference: ${result.difference}`);
}

test('compose model: the example stack (etc/stacks, every file)', (t) => {
  if (!requireDocker(t)) return;
  const files = readdirSync(join(ROOT, 'etc/stacks')).filter((f) => f.endsWith('.yml')).sort().map((f) => `etc/stacks/${f}`);
  assertAgrees(compareWithCompose(ROOT, files, { LITELLM_MASTER_KEY: 'sk-example' }), 'example stack');
  assert.deepStrictEqual(compareYamlWithCompose(ROOT, files, { LITELLM_MASTER_KEY: 'sk-example' }), {}, 'harbor config (YAML) prints what compose prints');
});

test('compose model: v1-shaped catalogue, 40 handles and every capability (about 190 files)', (t) => {
  if (!requireDocker(t)) return;
  const selection = randomV1Selection(13, 40);
  assert.ok(selection.files.length > 150, `only ${selection.files.length} files`);
  const result = compareWithCompose(dir, selection.files, V1_ENV);
  assertAgrees(result, `seed 13, ${selection.files.length} files`);
  assert.ok(result.sameBytes, 'the JSON text differs from compose\'s (the data is equal)');
  assert.deepStrictEqual(compareYamlWithCompose(dir, selection.files, V1_ENV), {}, 'harbor config (YAML) prints what compose prints');
});

test(`compose model: ${SELECTIONS} seeded random selections of the v1-shaped catalogue`, (t) => {
  if (!requireDocker(t)) return;
  for (let seed = FIRST_SEED; seed < FIRST_SEED + SELECTIONS; seed++) {
    const selection = randomV1Selection(seed, 2 + ((seed * 7) % 14));
    const label = `HARBOR_MODEL_SEED=${seed} (${selection.options.join(' ')})`;
    const result = compareWithCompose(dir, selection.files, V1_ENV);
    assertAgrees(result, label);
    if (result.composeError === undefined) assert.deepStrictEqual(compareYamlWithCompose(dir, selection.files, V1_ENV), {}, `${label}: YAML`);
  }
});
