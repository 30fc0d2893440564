// Harbor's compose model equals `docker compose config --format json` (and its YAML `docker compose config`) on a corpus of small cases: one per merge rule and short syntax.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireDocker } from '../../support/docker-available';
import { compareWithCompose, compareYamlWithCompose } from '../../support/compose-differential';

const CASES = fileURLToPath(new URL('../../fixtures/compose-model/cases/', import.meta.url));

interface CaseSpec {
  env?: Record<string, string>;
  /** `fallback`: the model must decline (compose then answers); default `same`. */
  expect?: 'same' | 'fallback';
  /** `fallback`: the YAML printer must decline (compose prints the YAML); default `same`. */
  yaml?: 'same' | 'fallback';
}

for (const name of readdirSync(CASES).sort()) {
  const dir = join(CASES, name);
  const files = readdirSync(dir).filter((f) => /^\d+\.yml$/.test(f)).sort();
  const spec: CaseSpec = existsSync(join(dir, 'case.json')) ? JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) : {};
  test(`compose model: ${name}`, (t) => {
    if (!requireDocker(t)) return;
    const result = compareWithCompose(dir, files, spec.env);
    if (spec.expect === 'fallback') {
      assert.ok(result.unsupported, `expected the model to decline, got ${result.difference ?? 'the same model'}`);
      return;
    }
    assert.equal(result.composeError, undefined, `compose failed: ${result.composeError}`);
    assert.equal(result.unsupported, undefined, `the model declined: ${result.unsupported}`);
    assert.equal(result.difference, undefined, `first difference: ${result.difference}`);
    assert.ok(result.sameBytes, 'the JSON text differs from compose\'s (the data is equal: key order?)');
    // `harbor config` (YAML) prints the model as compose would: the same bytes, or it leaves the YAML to compose.
    const yaml = compareYamlWithCompose(dir, files, spec.env);
    if (spec.yaml === 'fallback') assert.ok(yaml.unsupported, `expected the YAML printer to decline, got ${yaml.difference ?? 'the same text'}`);
    else {
      assert.equal(yaml.unsupported, undefined, `the YAML printer declined: ${yaml.unsupported}`);
      assert.equal(yaml.difference, undefined, `YAML ${yaml.difference}`);
    }
  });
}
