// The single file Harbor hands compose gives compose the same model as the N files, and holds no secret value.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSingleComposeFile } from '../../../runner/src/compose/model/core/build-single-compose-file';
import { ComposeModelUnsupported } from '../../../runner/src/compose/model/core/model-tree';
import { firstModelDifference } from '../../../runner/src/compose/model/core/first-difference';
import { composeModelInputOf } from '../../../runner/src/compose/model/load-compose-model';
import { requireDocker } from '../../support/docker-available';
import { composeConfig, PROBE_PROJECT, probeEnv } from '../../support/compose-differential';
import { randomV1Selection, V1_ENV, writeV1Catalogue } from '../../support/v1-catalogue';

const CASES = fileURLToPath(new URL('../../fixtures/compose-model/cases/', import.meta.url));
let scratch = '';
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'harbor-single-file-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

/** Builds the single file for `files`, writes it, and checks compose reads it as it reads the N files. */
function checkSingleFile(dir: string, files: readonly string[], env: Record<string, string>, secrets: Record<string, string>, label: string): void {
  const fullEnv = probeEnv({ ...env, ...secrets });
  const path = join(scratch, `${label.replace(/[^a-z0-9]+/gi, '-')}.json`);
  const input = composeModelInputOf({ project: { name: PROBE_PROJECT, directory: dir }, files, env: fullEnv });
  const { text } = buildSingleComposeFile({ ...input, secretNames: Object.keys(secrets), secretValues: Object.values(secrets), path });
  writeFileSync(path, text, { mode: 0o600 });
  for (const value of Object.values(secrets)) assert.ok(!text.includes(value), `${label}: a secret value is in the file`);
  for (const name of Object.keys(secrets)) if (files.length > 0 && text.includes(name)) assert.match(text, new RegExp(`\\$\\{${name}\\}`));
  const fromFiles = composeConfig(dir, files, fullEnv);
  const fromSingle = composeConfig(dir, [path], fullEnv);
  assert.equal(firstModelDifference(fromFiles, fromSingle), undefined, `${label}: compose reads the single file differently`);
}

test('single compose file: every corpus case compose reads the same from one file as from its N files', (t) => {
  if (!requireDocker(t)) return;
  const declined: string[] = [];
  for (const name of readdirSync(CASES).sort()) {
    const dir = join(CASES, name);
    const spec = existsSync(join(dir, 'case.json')) ? JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) : {};
    if (spec.expect === 'fallback') continue;
    const files = readdirSync(dir).filter((f) => /^\d+\.yml$/.test(f)).sort();
    try {
      checkSingleFile(dir, files, spec.env ?? {}, {}, name);
    } catch (err) {
      if (!(err instanceof ComposeModelUnsupported)) throw err;
      declined.push(name);
    }
  }
  // compose prints a repeated extra_hosts entry there, which its schema refuses in a file: Harbor keeps the N files.
  assert.deepStrictEqual(declined, ['merge-extra-hosts-dns']);
});

test('single compose file: secrets stay ${NAME} references (the example stack, and env given as secret)', (t) => {
  if (!requireDocker(t)) return;
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const files = readdirSync(join(root, 'etc/stacks')).filter((f) => f.endsWith('.yml')).sort().map((f) => `etc/stacks/${f}`);
  checkSingleFile(root, files, {}, { LITELLM_MASTER_KEY: 'sk-secret-master-key', WEBUI_SECRET_KEY: 'webui-$ecret' }, 'example stack');
  const dir = join(CASES, 'interpolation');
  checkSingleFile(dir, ['1.yml'], { P2: '' }, { TAG: 'v-secret-tag' }, 'secret in an image tag and a label');
});

test('single compose file: seeded selections of the v1-shaped catalogue, with secret database passwords', (t) => {
  if (!requireDocker(t)) return;
  const dir = join(scratch, 'catalogue');
  writeV1Catalogue(dir);
  for (const seed of [21, 22, 23]) {
    const selection = randomV1Selection(seed, 6 + seed % 5);
    const secrets: Record<string, string> = { HF_TOKEN: 'hf-secret-from-env' };
    for (const file of selection.files) {
      const m = /^compose\.([a-z0-9-]+)\.yml$/.exec(file);
      if (m) secrets[`HARBOR_${m[1]!.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_DB_PASSWORD`] = `pw-${m[1]}-secret`;
    }
    checkSingleFile(dir, selection.files, { ...V1_ENV }, secrets, `seed ${seed}`);
  }
});
