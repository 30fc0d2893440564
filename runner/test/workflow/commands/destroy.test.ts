import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withVolumes } from '../../../src/workflow/commands/destroy';
import { DEFAULT_STAGE_STEPS } from '../../../src/descriptor/core/select-stage';
import type { Step } from '../../../src/descriptor/core/descriptor-schema';

const cases: Array<{ name: string; steps: Step[]; expected: Step[] }> = [
  { name: 'the default stage', steps: [...DEFAULT_STAGE_STEPS.destroy], expected: [{ action: 'compose.down', removeOrphans: true, volumes: true }] },
  {
    name: 'only compose.down steps change; their other keys stay',
    steps: [{ action: 'log.info', message: 'bye' }, { action: 'compose.down', name: 'stop', timeout: 5, volumes: false }],
    expected: [{ action: 'log.info', message: 'bye' }, { action: 'compose.down', name: 'stop', timeout: 5, volumes: true }],
  },
  { name: 'a stage without compose.down', steps: [{ action: 'log.info', message: 'x' }], expected: [{ action: 'log.info', message: 'x' }] },
];

for (const c of cases) {
  test(`withVolumes: ${c.name}`, () => {
    const before = structuredClone(c.steps);
    assert.deepStrictEqual(withVolumes(c.steps), c.expected);
    assert.deepStrictEqual(c.steps, before, 'the descriptor steps are not modified');
  });
}
