// This repository must pass its own `harbor secrets lint`: no private keys outside declared fixtures.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { runHarbor } from '../support/run-harbor';

test('./harbor.sh secrets lint finds nothing in this repository', async (t) => {
  if (!requireDocker(t)) return;
  const r = await runHarbor(['secrets', 'lint']);
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
});
