import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectComposeFiles } from '../../../src/source/core/compose-files';
import { parseIncludePattern, type IncludePattern } from '../../../src/descriptor/core/include-pattern';

const CAPABILITIES = ['nvidia', 'cdi', 'rocm', 'mdc', 'build'];

describe('parseIncludePattern: what is not a pattern, and why', () => {
  const cases: Array<{ pattern: string; error: string }> = [
    { pattern: 'compose.yml', error: '"compose.yml" is the base file: list it in source.rules.base, not include' },
    { pattern: 'docker-compose.${service}.yml', error: '"docker-compose.${service}.yml" must be a compose file name pattern: compose.<tokens>.yml (e.g. compose.${service}.yml)' },
    { pattern: 'compose.${service}.yaml', error: '"compose.${service}.yaml" must be a compose file name pattern: compose.<tokens>.yml (e.g. compose.${service}.yml)' },
    { pattern: 'compose.${servce}.yml', error: '"compose.${servce}.yml": unknown variable ${servce} (did you mean service?) (patterns know ${service}, ${capability} and ${option})' },
    { pattern: 'compose.${site}.yml', error: '"compose.${site}.yml": unknown variable ${site} (patterns know ${service}, ${capability} and ${option})' },
    { pattern: 'compose.my-${service}.yml', error: '"compose.my-${service}.yml": "my-${service}" mixes text with a variable or *: a token (between dots) is literal text, *, **, or one ${...} on its own' },
    { pattern: 'compose.web*.yml', error: '"compose.web*.yml": "web*" mixes text with a variable or *: a token (between dots) is literal text, *, **, or one ${...} on its own' },
  ];
  for (const c of cases) it(c.pattern, () => strictEqual(parseIncludePattern(c.pattern), c.error));

  it('a cross pattern keeps its tokens after compose.x.', () => {
    deepStrictEqual(parseIncludePattern('compose.x.${service}.${option}+.yml'), {
      source: 'compose.x.${service}.${option}+.yml',
      cross: true,
      tokens: [{ kind: 'variable', name: 'service', repeat: false }, { kind: 'variable', name: 'option', repeat: true }],
    });
  });
});

describe('include patterns select files (the order stays the rules\' order)', () => {
  const NAMES = [
    'compose.yml',
    'compose.webui.yml',
    'compose.ollama.yml',
    'compose.litellm.yml',
    'compose.searxng.morphic.yml',
    'compose.ollama.nvidia.yml',
    'compose.x.webui.ollama.yml',
    'compose.x.webui.litellm.yml',
    'compose.x.ollama.nvidia.yml',
    'compose.x.webui.ollama.nvidia.yml',
  ];
  const select = (include: string[], options: string[]) =>
    selectComposeFiles({ names: NAMES, options, capabilities: CAPABILITIES, include: include.map((p) => parseIncludePattern(p) as IncludePattern) });
  const BRIEF = ['compose.${service}.yml', 'compose.*.${option}.yml', 'compose.x.${service}.${option}.yml'];
  const cases: Array<{ name: string; include: string[]; options: string[]; expected: string[] }> = [
    { name: 'single-service files only', include: ['compose.${service}.yml'], options: ['webui', 'ollama', 'nvidia'], expected: ['compose.yml', 'compose.ollama.yml', 'compose.webui.yml'] },
    {
      name: "the brief's three patterns, webui ollama on a GPU host",
      include: BRIEF,
      options: ['webui', 'ollama', 'nvidia'],
      expected: ['compose.yml', 'compose.ollama.yml', 'compose.webui.yml', 'compose.ollama.nvidia.yml', 'compose.x.ollama.nvidia.yml', 'compose.x.webui.ollama.yml'],
    },
    {
      name: "the brief's patterns under * (its profile's options): every service, no GPU file without nvidia",
      include: BRIEF,
      options: ['litellm', 'webui', '*'],
      expected: ['compose.yml', 'compose.litellm.yml', 'compose.ollama.yml', 'compose.webui.yml', 'compose.searxng.morphic.yml', 'compose.x.webui.litellm.yml', 'compose.x.webui.ollama.yml'],
    },
    { name: '${capability} needs the capability in force', include: ['compose.x.${service}.${capability}.yml'], options: ['ollama'], expected: ['compose.yml'] },
    { name: '${capability} with it', include: ['compose.x.${service}.${capability}.yml'], options: ['ollama', 'nvidia'], expected: ['compose.yml', 'compose.x.ollama.nvidia.yml'] },
    { name: '+ takes one or more tokens', include: ['compose.x.${service}+.yml'], options: ['webui', 'ollama', 'litellm'], expected: ['compose.yml', 'compose.x.webui.litellm.yml', 'compose.x.webui.ollama.yml'] },
    { name: 'literal tokens and *', include: ['compose.*.morphic.yml'], options: [], expected: ['compose.yml', 'compose.searxng.morphic.yml'] },
    {
      name: 'a non-cross pattern never selects a cross file (any token of a plain file is enough)',
      include: ['compose.**.${option}.**.yml'],
      options: ['webui', 'ollama'],
      expected: ['compose.yml', 'compose.ollama.yml', 'compose.webui.yml', 'compose.ollama.nvidia.yml'],
    },
    { name: 'an empty include selects only the base', include: [], options: ['*'], expected: ['compose.yml'] },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(select(c.include, c.options), c.expected));
});
