// The Stack a command run works on: readStack (planned for dry runs) and prepareStack; readStack after a prepare,
// tolerant and --site are in runner/test/prepare/run-prepare.test.ts.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resolveSource } from '../../src/stack/resolve-source';
import { buildActionContext } from '../../src/stack/action-context';
import { prepareStack, readStack } from '../../src/stack/stack';
import { createFakeDeps } from '../support/fake-deps';
import { fakeCompose, FILES, OVERLAY, PREPARE_HOME, SECRET } from '../support/prepare-home';
import { makeTempHome } from '../support/temp-home';

async function setup() {
  const home = await makeTempHome(PREPARE_HOME);
  const deps = { ...createFakeDeps(fakeCompose, home), env: {} };
  return { home, deps, source: await resolveSource(deps, { capabilities: '' }) };
}

describe('the Stack', () => {
  it('readStack planned: the overlay follows the selection (as a deploy would leave it), and nothing is written', async () => {
    const { home, deps, source } = await setup();
    const stack = await readStack(deps, source, { planned: true });
    assert.deepStrictEqual([stack.files, stack.selection.files, stack.project, stack.composeEnv.API_TOKEN], [[...FILES, OVERLAY], FILES, source.project, SECRET]);
    assert.equal(existsSync(join(home, 'var')), false);
  });

  it('prepareStack: `then` gets the source, the env and the -f list with the overlay, while the home lock is held', async () => {
    const { home, deps, source } = await setup();
    const seen = await prepareStack(deps, source, { command: 'harbor test' }, async (stack) => ({
      files: stack.files,
      descriptor: stack.descriptor === source.descriptor,
      secret: stack.composeEnv.API_TOKEN,
      redacted: stack.secretValues.includes(SECRET),
      locked: existsSync(join(home, 'var/run/.harbor/lock')),
    }));
    assert.deepStrictEqual(seen, { files: [...FILES, OVERLAY], descriptor: true, secret: SECRET, redacted: true, locked: true });
    assert.equal(existsSync(join(home, 'var/run/.harbor/lock')), false);
  });

  it('buildActionContext: actions see the stack\'s -f list as the selection\'s files, and its env', async () => {
    const { deps, source } = await setup();
    const stack = await readStack(deps, source, { planned: true });
    const ctx = buildActionContext(deps, stack, true);
    assert.deepStrictEqual([ctx.selection.files, ctx.selection.services, ctx.composeEnv, ctx.dryRun], [[...FILES, OVERLAY], source.selection.services, stack.composeEnv, true]);
  });
});
