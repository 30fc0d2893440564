// Proves the envsubst template engine substitutes as the installed `docker compose` interpolates, case by case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { renderEnvsubst } from '../../runner/src/templates/core/render-envsubst';
import { requireDocker } from '../support/docker-available';

const VALUES: Record<string, string> = { A: 'alpha', E: '', N: '42', LOWER_b: 'bee', TRICKY: 'x$y ${A} }' };
// Every case is defined for both: Harbor's only deliberate difference (an undefined variable is an error
// instead of ""; see render-envsubst.ts) is tested in the unit tests, not here.
const VALID = [
  '${A}', '$A', 'pre-$A.post', '${A}${A}$A', '${LOWER_b}', '$$', '$$A', '$${A}', 'a $$ b $$$$ c',
  '${A:-d}', '${U:-d}', '${E:-d}', '${E-d}', '${U-d}', '${U:-}', '${U:-a b: c}', '${U:-${A}}', '${U:-${U2:-deep}}',
  '${U:-x${A}y}', '${A:?needed}', '${E?needed}', '${N:-0}', '${TRICKY}', '{{ A }} {% raw %}', '100%', 'a:b;c}d{e',
  '${A:+alt}', '${E:+alt}', '${E+alt}', '${U+alt}', '${U:+alt}', 'echo $1', 'a $', '$-', '$ x', 'cost: 5$',
];
// Both refuse these (Compose: "invalid interpolation format" / "required variable ... is missing a value").
const INVALID = ['${', '${A', '${}', '${1A}', '${A:x}', '${U:?must be set}', '${U?must be set}', '${E:?must not be empty}'];

function composeInterpolate(templates: string[]): { code: number; stderr: string; values: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-envsubst-'));
  try {
    const labels = Object.fromEntries(templates.map((t, i) => [`t${i}`, t]));
    writeFileSync(join(dir, 'probe.yml'), stringify({ services: { probe: { image: 'harbor-ci/debian:bookworm', labels } } }));
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...VALUES };
    if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
    const r = spawnSync('docker', ['compose', '-p', 'harbor-envsubst-probe', '-f', 'probe.yml', 'config', '--format', 'json'], { cwd: dir, env, encoding: 'utf8' });
    if (r.status !== 0) return { code: r.status ?? 1, stderr: r.stderr, values: [] };
    const out = JSON.parse(r.stdout) as { services: { probe: { labels: Record<string, string> } } };
    // `compose config` writes a literal $ as $$ so that its output reads back the same: undo that.
    return { code: 0, stderr: r.stderr, values: templates.map((_, i) => out.services.probe.labels[`t${i}`]!.replaceAll('$$', '$')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ctx = { file: 't', entry: 'prepare.templates[0]', values: { values: new Map(Object.entries(VALUES)), secretNames: new Set<string>() }, allowSecrets: false };

test('envsubst templates: the same values as docker compose for every form', (t) => {
  if (!requireDocker(t)) return;
  const compose = composeInterpolate(VALID);
  assert.equal(compose.code, 0, compose.stderr);
  assert.deepStrictEqual(VALID.map((template) => renderEnvsubst(template, ctx).text), compose.values);
});

test('envsubst templates: what docker compose refuses, Harbor refuses too', (t) => {
  if (!requireDocker(t)) return;
  for (const template of INVALID) {
    const compose = composeInterpolate([template]);
    assert.notEqual(compose.code, 0, `compose accepted ${JSON.stringify(template)}`);
    assert.throws(() => renderEnvsubst(template, ctx), /invalid substitution|required variable/, `Harbor accepted ${JSON.stringify(template)}`);
  }
});
