// The env layers reach compose (interpolation) through the process environment, and secrets never show in output or logs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { makeExampleHome, projectTraces, removeExampleHome, runRunner } from '../support/compose-home';

const example = makeExampleHome();
after(() => removeExampleHome(example));
const greeting = `from-sys-env-${randomBytes(4).toString('hex')}`;
const secret = `sk-${randomBytes(12).toString('hex')}`;
writeFileSync(join(example.home, 'etc/sys.env'), `HARBOR_GREETING=${greeting}\n`);
writeFileSync(join(example.home, 'override.secrets.env'), `LITELLM_MASTER_KEY=${secret}\n`);

test('a value from etc/sys.env is interpolated into the compose model', async (t) => {
  if (!requireDocker(t)) return;
  const r = await runRunner(example.home, ['config', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const model = JSON.parse(r.stdout) as { services: Record<string, { environment: Record<string, string> }> };
  assert.equal(model.services.greeter?.environment.GREETING, greeting);
});

test('a secret from override.secrets.env reaches compose but is redacted from config output, argv and debug logs', async (t) => {
  if (!requireDocker(t)) return;
  const r = await runRunner(example.home, ['config', '--profile', 'llm', '--json', '--debug']);
  assert.equal(r.code, 0, r.stderr);
  const model = JSON.parse(r.stdout) as { services: Record<string, { environment: Record<string, string> }> };
  // Compose had the value (the required `${LITELLM_MASTER_KEY:?}` passed); Harbor printed it redacted.
  assert.deepStrictEqual(
    { litellm: model.services.litellm?.environment.LITELLM_MASTER_KEY, webui: model.services.webui?.environment.OPENAI_API_KEY },
    { litellm: '[redacted]', webui: '[redacted]' },
  );
  // Harbor's compose model printed it (docs/compose-model.md): no compose call.
  assert.doesNotMatch(r.stderr, /\$ docker compose -p .* config/, 'the model answered, compose was not asked');
  assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), 'the secret appears nowhere');
  // --compare asks compose too: the same model, the argv in the debug log, the secret nowhere.
  const compared = await runRunner(example.home, ['config', '--profile', 'llm', '--compare', '--debug']);
  assert.equal(compared.code, 0, compared.stderr);
  assert.match(compared.stdout, /^same model \(4 file\(s\)/);
  assert.match(compared.stderr, /\$ docker compose -p /, 'debug shows the argv');
  assert.ok(!compared.stdout.includes(secret) && !compared.stderr.includes(secret), 'the secret appears nowhere');
  assert.deepStrictEqual(projectTraces(example.project), { containers: [], networks: [], volumes: [] });
});
