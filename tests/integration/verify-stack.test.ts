// `harbor verify` and `deploy --verify` on the deployed example stack (real engine): the shipped check, the
// threshold, a failing service, env without secrets unless asked, and nothing left behind.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { requireDocker } from '../support/docker-available';
import { makeExampleHome, projectTraces, removeExampleHome, runRunner } from '../support/compose-home';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const example = makeExampleHome();
after(() => removeExampleHome(example));

test('verify the deployed example stack', async (t) => {
  if (!requireDocker(t)) return;
  const { home, project } = example;
  cpSync(join(REPO, 'stacks'), join(home, 'stacks'), { recursive: true });

  const deploy = await runRunner(home, ['deploy', '--verify']);
  assert.equal(deploy.code, 0, deploy.stderr);
  assert.match(deploy.stderr, /✔ verify hello \(hello\): reward=1\.0$/m);
  assert.match(deploy.stderr, /✔ verify\[0\] verify\.run \(.*\): 1 check passed \(reward >= 1\)/);
  assert.match(readFileSync(join(home, 'var/run/verify/hello/test-stdout.txt'), 'utf8'), /^greeter: answers "Greetings from the greeter service"$/m);

  // A stopped greeter halves the reward: below the default threshold 1, verify fails and says where to look.
  assert.equal((await runRunner(home, ['down', 'greeter'])).code, 0);
  const failing = await runRunner(home, ['verify']);
  assert.equal(failing.code, 1, failing.stderr);
  assert.match(failing.stderr, /✖ verify hello \(hello\): reward=0\.5; output in var\/run\/verify\/hello\/$/m);
  assert.match(failing.stderr, /✖ verify: hello below the threshold \(reward >= 1\)\n {2}read var\/run\/verify\/hello\/test-stdout\.txt/);

  // The descriptor sets the threshold; an extra check sees the stack env, secrets only with `secrets: true`.
  mkdirSync(join(home, 'checks/env'), { recursive: true });
  writeFileSync(join(home, 'checks/env/test.sh'), '#!/bin/sh\necho "site=$SITE_WORD token=${VERIFY_TOKEN:-none}"\nif [ "$SITE_WORD" = harbor ] && [ -z "$VERIFY_TOKEN" ]; then echo 1; else echo 0; fi > /logs/verifier/reward.txt\n');
  chmodSync(join(home, 'checks/env/test.sh'), 0o755);
  writeFileSync(join(home, '.env.local'), 'SITE_WORD=harbor\n');
  writeFileSync(join(home, 'override.secrets.env'), 'VERIFY_TOKEN=s3cret-value\n');
  const descriptor = readFileSync(join(home, 'etc/harbor.yaml'), 'utf8');
  writeFileSync(join(home, 'etc/harbor.yaml'), `${descriptor}\nstages:\n  verify:\n    steps:\n      - { action: verify.run, minReward: 0.5, checks: [{ path: checks/env, service: hello, name: env }] }\n`);
  const lowered = await runRunner(home, ['verify']);
  assert.equal(lowered.code, 0, lowered.stderr);
  assert.match(lowered.stderr, /✔ verify hello \(hello\): reward=0\.5$/m);
  assert.match(lowered.stderr, /✔ verify env \(hello\): reward=1\.0$/m);
  assert.equal(readFileSync(join(home, 'var/run/verify/env/test-stdout.txt'), 'utf8'), 'site=harbor token=none\n');
  assert.doesNotMatch(lowered.stdout + lowered.stderr, /s3cret-value/);

  writeFileSync(join(home, 'etc/harbor.yaml'), `${descriptor}\nstages:\n  verify:\n    steps:\n      - { action: verify.run, services: [], secrets: true, checks: [{ path: checks/env, service: hello, name: env }] }\n`);
  const withSecrets = await runRunner(home, ['verify', '--json']);
  assert.equal(withSecrets.code, 1);
  const report = JSON.parse(withSecrets.stdout) as { ok: boolean; steps: Array<{ status: string; error: { message: string } }> };
  assert.deepEqual([report.ok, report.steps[0]!.status, report.steps[0]!.error.message], [false, 'failed', 'verify: env below the threshold (reward >= 1)']);
  assert.equal(readFileSync(join(home, 'var/run/verify/env/test-stdout.txt'), 'utf8'), 'site=harbor token=s3cret-value\n');
  assert.doesNotMatch(withSecrets.stdout + withSecrets.stderr, /s3cret-value/);

  assert.equal((await runRunner(home, ['destroy', '--volumes'])).code, 0);
  assert.deepEqual(projectTraces(project), { containers: [], networks: [], volumes: [] });
  assert.ok(existsSync(join(home, 'stacks/hello/verify/test.sh')));
});
