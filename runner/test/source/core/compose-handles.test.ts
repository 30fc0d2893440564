import { deepStrictEqual, ok, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescriptorError, EXIT } from '../../../src/shared/core/errors';
import { checkHandles, knownHandles } from '../../../src/source/core/compose-handles';
import { parseComposeName } from '../../../src/source/core/compose-name';
import { readV1ComposeNames } from '../../support/v1-compose-names';

const CAPABILITIES = ['nvidia', 'cdi', 'rocm', 'mdc', 'build'];
const V1 = readV1ComposeNames();
const HINT = 'known services are the compose.<name>.yml files in /home/u/harbor/etc/stacks';

describe('knownHandles', () => {
  const cases = [
    { name: 'compose.s.yml gives s', names: ['compose.webui.yml'], capabilities: [], expected: ['webui'] },
    { name: 'compose.s.*.yml gives s (and the whole inner part)', names: ['compose.searxng.morphic.yml'], capabilities: [], expected: ['searxng.morphic', 'searxng'] },
    { name: 'every part before a dot', names: ['compose.a.b.c.yml'], capabilities: [], expected: ['a.b.c', 'a', 'a.b'] },
    { name: 'every token of a cross file', names: ['compose.x.webui.searxng.ollama.yml'], capabilities: [], expected: ['webui', 'searxng', 'ollama'] },
    { name: 'capability names, also as cross tokens', names: ['compose.x.llamacpp.nvidia.yml'], capabilities: ['nvidia', 'tunnel'], expected: ['llamacpp', 'nvidia', 'tunnel'] },
    {
      name: 'compose.yml and non-candidates give nothing',
      names: ['compose.yml', 'compose.yaml', 'docker-compose.yml', 'compose.webui.yaml', 'compose..yml', 'README.md'],
      capabilities: [],
      expected: [],
    },
    { name: 'no empty handle from compose...yml or compose.x..yml', names: ['compose...yml', 'compose.x..yml'], capabilities: [], expected: ['.'] },
  ];
  for (const c of cases) {
    it(c.name, () => deepStrictEqual(knownHandles(c.names, c.capabilities), new Set(c.expected)));
  }

  it('v1 catalogue: every compose.s.yml and every cross-file token is known', () => {
    const known = knownHandles(V1, CAPABILITIES);
    const parsed = V1.map((n) => parseComposeName(n)!);
    const expected = new Set([
      ...parsed.filter((p) => !p.cross && p.dots === 2).map((p) => p.inner),
      ...parsed.flatMap((p) => p.tokens),
    ]);
    deepStrictEqual([...expected].filter((h) => !known.has(h)), []);
    ok(known.has('searxng'), 'searxng has only compose.searxng.morphic.yml and cross files');
  });
});

describe('checkHandles accepts', () => {
  const cases = [
    { name: 'a service with its own file', handles: ['ollama', 'webui'] },
    { name: '* and the capability names', handles: ['*', 'nvidia', 'cdi', 'rocm', 'mdc', 'build'] },
    { name: 'a service known only from compose.s.*.yml and cross files', handles: ['searxng'] },
    { name: 'a service known only as a cross-file token', handles: ['harbor', 'mcp-server-time'] },
    { name: 'a dash-prefix child of a file', handles: ['langfuse-worker', 'webui-extra-thing'] },
    { name: 'flags and empty strings are not handles', handles: ['--no-defaults', '-d', ''] },
    { name: 'nothing', handles: [] },
  ];
  for (const c of cases) {
    it(c.name, () => checkHandles(c.handles, V1, CAPABILITIES, '/home/u/harbor/etc/stacks'));
  }

  it('a declared capability', () => checkHandles(['tunnel'], V1, [...CAPABILITIES, 'tunnel'], 'd'));
  it('the dash-prefix parent may be any dash prefix', () => {
    checkHandles(['a-b-c'], ['compose.a.yml'], [], 'd');
    checkHandles(['a-b-c'], ['compose.a-b.yml'], [], 'd');
  });
});

describe('checkHandles rejects', () => {
  const cases = [
    { name: 'a typo, nearest first (1, 2, 3 edits)', names: V1, handles: ['olama'], message: 'unknown service "olama" (did you mean ollama, hollama, ol1?)' },
    { name: 'a transposition', names: V1, handles: ['webiu'], message: 'unknown service "webiu" (did you mean webui, webtop?)' },
    { name: 'a capability is suggested too', names: V1, handles: ['nvida'], message: 'unknown service "nvida" (did you mean nvidia, nexa?)' },
    { name: 'nothing within 3 edits: no suggestion', names: V1, handles: ['qqqqqqqq'], message: 'unknown service "qqqqqqqq"' },
    { name: 'the first unknown of several', names: V1, handles: ['webui', 'olama', 'webiu'], message: 'unknown service "olama" (did you mean ollama, hollama, ol1?)' },
    { name: 'case-sensitive', names: ['compose.ollama.yml'], handles: ['Ollama'], message: 'unknown service "Ollama" (did you mean ollama?)' },
    { name: 'a part of a token', names: ['compose.mcp-server-time.yml'], handles: ['mcp-server'], message: 'unknown service "mcp-server"' },
    { name: 'the last part of a multi-token file is not a handle', names: ['compose.searxng.morphic.yml'], handles: ['morphic'], message: 'unknown service "morphic"' },
    { name: 'a dash suffix is no parent', names: ['compose.langfuse.yml'], handles: ['worker-langfuse'], message: 'unknown service "worker-langfuse"' },
    { name: 'the parent needs its own file, not a cross token', names: ['compose.x.webui.langfuse.yml'], handles: ['langfuse-worker'], message: 'unknown service "langfuse-worker"' },
    { name: 'the parent needs compose.<parent>.yml, not compose.<parent>.*.yml', names: ['compose.langfuse.db.yml'], handles: ['langfuse-worker'], message: 'unknown service "langfuse-worker"' },
    { name: 'an empty directory', names: [], handles: ['webui'], message: 'unknown service "webui"' },
    { name: '"x" is no service of cross files', names: ['compose.x.a.b.yml'], handles: ['x'], message: 'unknown service "x" (did you mean a, b, cdi?)' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const names = [...c.names];
      throws(
        () => checkHandles(c.handles, names, CAPABILITIES, '/home/u/harbor/etc/stacks'),
        (error: unknown) => {
          ok(error instanceof DescriptorError);
          deepStrictEqual(
            { message: error.message, hint: error.hint, code: error.code, exitCode: error.exitCode },
            { message: c.message, hint: HINT, code: 'DESCRIPTOR', exitCode: EXIT.descriptor },
          );
          return true;
        },
      );
      deepStrictEqual(names, c.names, 'the name list is left as it was');
    });
  }
});
