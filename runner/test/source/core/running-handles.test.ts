import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectRunningHandles } from '../../../src/source/core/running-handles';

const names = ['compose.yml', 'compose.hello.yml', 'compose.langfuse.yml', 'compose.x.webui.ollama.yml', 'compose.searxng.morphic.yml'];

const cases: Array<{ name: string; services: string[]; expected: string[] }> = [
  { name: 'a service with its own file', services: ['hello'], expected: ['hello'] },
  { name: 'a dash child brings its parent', services: ['langfuse-worker'], expected: ['langfuse'] },
  { name: 'a deeper dash child brings every known prefix', services: ['langfuse-db-init'], expected: ['langfuse'] },
  { name: 'cross-file tokens and multi-token names are known', services: ['ollama', 'searxng'], expected: ['ollama', 'searxng'] },
  { name: 'unknown services are left out', services: ['orphan', 'x-y'], expected: [] },
  { name: 'duplicates collapse, first order kept', services: ['hello', 'langfuse', 'langfuse-worker', 'hello'], expected: ['hello', 'langfuse'] },
  { name: 'nothing running', services: [], expected: [] },
];

for (const c of cases) {
  test(`selectRunningHandles: ${c.name}`, () => {
    assert.deepStrictEqual(selectRunningHandles(c.services, names, ['nvidia']), c.expected);
  });
}
