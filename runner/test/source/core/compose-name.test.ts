import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseComposeName } from '../../../src/source/core/compose-name';

describe('parseComposeName', () => {
  const cases = [
    { input: 'compose.webui.yml', expected: { name: 'compose.webui.yml', dots: 2, inner: 'webui', cross: false, tokens: [] } },
    { input: 'compose.searxng.morphic.yml', expected: { name: 'compose.searxng.morphic.yml', dots: 3, inner: 'searxng.morphic', cross: false, tokens: [] } },
    { input: 'compose.x.webui.ollama.yml', expected: { name: 'compose.x.webui.ollama.yml', dots: 4, inner: 'x.webui.ollama', cross: true, tokens: ['webui', 'ollama'] } },
    { input: 'compose.x.llamacpp.nvidia.build.yml', expected: { name: 'compose.x.llamacpp.nvidia.build.yml', dots: 5, inner: 'x.llamacpp.nvidia.build', cross: true, tokens: ['llamacpp', 'nvidia', 'build'] } },
    { input: 'compose.x.yml', expected: { name: 'compose.x.yml', dots: 2, inner: 'x', cross: true, tokens: ['yml'] } },
    { input: 'compose.foo.x.bar.yml', expected: { name: 'compose.foo.x.bar.yml', dots: 4, inner: 'foo.x.bar', cross: true, tokens: ['compose', 'foo', 'x', 'bar'] } },
    { input: 'compose.x..yml', expected: { name: 'compose.x..yml', dots: 3, inner: 'x.', cross: true, tokens: [''] } },
    { input: 'compose...yml', expected: { name: 'compose...yml', dots: 3, inner: '.', cross: false, tokens: [] } },
    { input: 'compose.xx.yml', expected: { name: 'compose.xx.yml', dots: 2, inner: 'xx', cross: false, tokens: [] } },
    { input: 'compose.yml', expected: undefined },
    { input: 'compose..yml', expected: undefined },
    { input: 'compose.yaml', expected: undefined },
    { input: 'compose.webui.yaml', expected: undefined },
    { input: 'docker-compose.yml', expected: undefined },
    { input: 'Compose.webui.yml', expected: undefined },
    { input: 'compose.webui.yml~', expected: undefined },
    { input: 'compose.webui.YML', expected: undefined },
  ];
  for (const c of cases) {
    it(c.input, () => deepStrictEqual(parseComposeName(c.input), c.expected));
  }
});
