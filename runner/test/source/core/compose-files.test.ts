import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectComposeFiles } from '../../../src/source/core/compose-files';
import { buildComposeOptions } from '../../../src/source/core/compose-options';
import { parseComposeName } from '../../../src/source/core/compose-name';
import { readV1ComposeNames } from '../../support/v1-compose-names';
import { parseIncludePattern, V1_INCLUDE, type IncludePattern } from '../../../src/descriptor/core/include-pattern';

/** v1's rules in their pattern form: every case below must select the same through them (docs/compose-rules.md). */
const V1_PATTERNS = V1_INCLUDE.map((p) => parseIncludePattern(p) as IncludePattern);

const CAPABILITIES = ['nvidia', 'cdi', 'rocm', 'mdc', 'build'];
const V1 = readV1ComposeNames();

/** COMPOSE-RULES.md's shorthand: `c.` = `compose.`, `x.` = `compose.x.`, `.yml` left out. */
function expand(short: string): string {
  if (short.startsWith('x.')) return `compose.x.${short.slice(2)}.yml`;
  if (short.startsWith('c.')) return `compose.${short.slice(2)}.yml`;
  throw new Error(`bad shorthand ${short}`);
}

describe('selectComposeFiles: COMPOSE-RULES.md worked examples on the v1 catalogue', () => {
  // Defaults `webui`, `llamacpp`; "+ nvidia mdc" are detected capabilities, as on a GPU host.
  const cases: Array<{ given: string; detected?: string[]; defaultCapabilities?: string[]; expected: string }> = [
    { given: '', expected: 'c.llamacpp, c.webui, x.webui.llamacpp' },
    { given: '', detected: ['nvidia', 'mdc'], expected: 'c.llamacpp, c.webui, x.llamacpp.nvidia, x.webui.llamacpp' },
    {
      given: 'webui ollama',
      detected: ['nvidia', 'mdc'],
      expected: 'c.llamacpp, c.ollama, c.webui, x.llamacpp.nvidia, x.ollama.nvidia, x.ollama.webui, x.webui.llamacpp, x.webui.ollama',
    },
    { given: '--no-defaults ollama', expected: 'c.ollama' },
    { given: '--no-defaults llamacpp nvidia build', expected: 'c.llamacpp, x.llamacpp.build, x.llamacpp.nvidia, x.llamacpp.nvidia.build' },
    { given: '--no-defaults llamacpp cdi', expected: 'c.llamacpp, x.llamacpp.cdi' },
    { given: '--no-defaults morphic', expected: 'c.morphic, c.searxng.morphic' },
    { given: '--no-defaults searxng', expected: 'c.searxng.morphic' },
    {
      given: '--no-defaults webui searxng ollama',
      expected: 'c.ollama, c.webui, c.searxng.morphic, x.ollama.webui, x.webui.ollama, x.webui.searxng, x.webui.searxng.ollama',
    },
    { given: '--no-defaults mcpo mcp-server-time', expected: 'c.mcpo, x.mcpo.mcp-server-time' },
    { given: '--no-defaults mi harbor ollama', expected: 'c.mi, c.ollama, x.mi.harbor, x.mi.ollama, x.mi.harbor.ollama' },
    {
      given: '--no-defaults traefik webui ollama',
      expected: 'c.ollama, c.traefik, c.webui, x.ollama.webui, x.traefik.ollama, x.traefik.webui, x.webui.ollama',
    },
    { given: '--no-defaults perplexideez ollama mdc', expected: 'c.ollama, c.perplexideez, x.perplexideez.mdc, x.perplexideez.ollama' },
    { given: '--no-defaults ollama', defaultCapabilities: ['nvidia'], expected: 'c.ollama, x.ollama.nvidia' },
  ];
  for (const c of cases) {
    const label = `${c.defaultCapabilities ? `default capability ${c.defaultCapabilities.join(' ')}, ` : ''}${c.given || '(none)'}${c.detected ? ` + ${c.detected.join(' ')}` : ''}`;
    it(label, () => {
      const words = c.given.split(' ').filter((w) => w !== '');
      const options = buildComposeOptions({
        defaultCapabilities: c.defaultCapabilities ?? [],
        defaultServices: ['webui', 'llamacpp'],
        noDefaults: words.includes('--no-defaults'),
        given: words,
        detectedCapabilities: c.detected ?? [],
      });
      const files = selectComposeFiles({ names: ['compose.yml', ...V1], options, capabilities: CAPABILITIES });
      deepStrictEqual(files, ['compose.yml', ...c.expected.split(', ').map(expand)]);
      deepStrictEqual(selectComposeFiles({ names: ['compose.yml', ...V1], options, capabilities: CAPABILITIES, include: V1_PATTERNS }), files, 'the pattern form agrees');
    });
  }
});

describe('selectComposeFiles: `*` over the v1 catalogue', () => {
  const capabilityTokens = (name: string) => name.split('.').filter((t) => CAPABILITIES.includes(t));
  const select = (given: string[], noDefaults: boolean) => {
    const input = {
      names: V1,
      options: buildComposeOptions({ defaultCapabilities: [], defaultServices: ['webui', 'llamacpp'], noDefaults, given, detectedCapabilities: [] }),
      capabilities: CAPABILITIES,
    };
    const files = selectComposeFiles(input);
    deepStrictEqual(selectComposeFiles({ ...input, include: V1_PATTERNS }), files, 'the pattern form agrees');
    return files;
  };

  it('--no-defaults * selects the 569 files with no capability token', () => {
    const files = select(['*'], true);
    strictEqual(files.length, 569);
    deepStrictEqual(new Set(files), new Set(V1.filter((n) => capabilityTokens(n).length === 0)));
  });

  it('--no-defaults * nvidia adds the 35 whose only capability token is nvidia', () => {
    const without = new Set(select(['*'], true));
    const files = select(['*', 'nvidia'], true);
    strictEqual(files.length, 604);
    const added = files.filter((f) => !without.has(f));
    strictEqual(added.length, 35);
    deepStrictEqual(added.filter((f) => capabilityTokens(f).join() !== 'nvidia'), []);
  });

  it('* nvidia cdi rocm mdc build selects all 652, in rule order', () => {
    const files = select(['*', ...CAPABILITIES], false);
    strictEqual(files.length, 652);
    const dots = files.map((f) => parseComposeName(f)!.dots);
    deepStrictEqual(dots, [...dots].sort((a, b) => a - b));
    deepStrictEqual(new Set(files), new Set(V1));
  });
});

interface Case {
  name: string;
  names: string[];
  options: string[];
  capabilities?: string[];
  expected: string[];
}

function runCases(cases: Case[]): void {
  for (const c of cases) {
    it(c.name, () => {
      deepStrictEqual(selectComposeFiles({ names: c.names, options: c.options, capabilities: c.capabilities ?? CAPABILITIES }), c.expected);
      deepStrictEqual(selectComposeFiles({ names: c.names, options: c.options, capabilities: c.capabilities ?? CAPABILITIES, include: V1_PATTERNS }), c.expected, 'the pattern form agrees');
    });
  }
}

describe('selectComposeFiles: order', () => {
  runCases([
    {
      name: 'dot count first, then code points; input order does not matter',
      names: ['compose.x.b.a.yml', 'compose.z.yml', 'compose.yml', 'compose.a.b.yml', 'compose.a.yml', 'compose.x.a.b.yml'],
      options: ['*'],
      expected: ['compose.yml', 'compose.a.yml', 'compose.z.yml', 'compose.a.b.yml', 'compose.x.a.b.yml', 'compose.x.b.a.yml'],
    },
    {
      name: 'C locale: upper case before lower case, "-" and digits before letters, "_" before "a"',
      names: ['compose.webui.yml', 'compose.mcpo.yml', 'compose.Webui.yml', 'compose.mcp_server.yml', 'compose.aa.yml', 'compose.mcp-server.yml', 'compose.a1.yml'],
      options: ['*'],
      expected: ['compose.Webui.yml', 'compose.a1.yml', 'compose.aa.yml', 'compose.mcp-server.yml', 'compose.mcp_server.yml', 'compose.mcpo.yml', 'compose.webui.yml'],
    },
    {
      name: 'code points, not UTF-16 units: U+FF21 before U+1F600',
      names: ['compose.\u{1F600}.yml', 'compose.\uFF21.yml'],
      options: ['*'],
      expected: ['compose.\uFF21.yml', 'compose.\u{1F600}.yml'],
    },
    {
      name: 'a name listed twice comes out once',
      names: ['compose.a.yml', 'compose.a.yml', 'compose.yml', 'compose.yml'],
      options: ['a'],
      expected: ['compose.yml', 'compose.a.yml'],
    },
  ]);
});

describe('selectComposeFiles: base file and candidates', () => {
  runCases([
    { name: 'compose.yml absent: only candidates', names: ['compose.a.yml'], options: ['a'], expected: ['compose.a.yml'] },
    { name: 'compose.yml alone when nothing matches', names: ['compose.yml', 'compose.a.yml'], options: ['b'], expected: ['compose.yml'] },
    { name: 'no options: only compose.yml', names: ['compose.yml', 'compose.a.yml', 'compose.x.a.b.yml'], options: [], expected: ['compose.yml'] },
    {
      name: 'non-candidates are ignored even under *',
      names: ['compose.yaml', 'docker-compose.yml', 'compose..yml', 'compose.a.yml.bak', 'compose.a.yaml', 'Compose.a.yml', 'xcompose.a.yml', 'compose.yml', 'compose.a.yml'],
      options: ['*', 'a'],
      expected: ['compose.yml', 'compose.a.yml'],
    },
    {
      name: 'compose...yml is a candidate (inner "."): * selects it, no service does',
      names: ['compose...yml', 'compose.a.yml'],
      options: ['*'],
      expected: ['compose.a.yml', 'compose...yml'],
    },
    { name: 'compose...yml: an empty option is not an option', names: ['compose...yml'], options: [''], expected: [] },
    {
      name: 'flags are not options',
      names: ['compose.-x.yml', 'compose.x.--no-defaults.yml', 'compose.a.yml'],
      options: ['-x', '--no-defaults', 'a'],
      expected: ['compose.a.yml'],
    },
  ]);
});

describe('selectComposeFiles: files that are not cross files', () => {
  runCases([
    {
      name: 'dots are the only token boundary: webui vs openwebui, mcp-server vs mcp-server-time',
      names: ['compose.openwebui.yml', 'compose.webui.yml', 'compose.webuix.yml', 'compose.mcp-server-time.yml', 'compose.mcp-server.yml'],
      options: ['webui', 'mcp-server'],
      expected: ['compose.mcp-server.yml', 'compose.webui.yml'],
    },
    { name: 'a multi-token file comes with its first token', names: ['compose.searxng.morphic.yml'], options: ['searxng'], expected: ['compose.searxng.morphic.yml'] },
    { name: 'a multi-token file comes with its last token', names: ['compose.searxng.morphic.yml'], options: ['morphic'], expected: ['compose.searxng.morphic.yml'] },
    { name: 'a middle token of three', names: ['compose.a.b.c.yml'], options: ['b'], expected: ['compose.a.b.c.yml'] },
    { name: 'substring rule: an option with a dot matches across tokens', names: ['compose.searxng.morphic.yml'], options: ['searxng.morphic'], expected: ['compose.searxng.morphic.yml'] },
    { name: 'a part of a token does not match', names: ['compose.searxng.morphic.yml'], options: ['searx', 'morph', 'yml', 'compose'], expected: [] },
    { name: 'case-sensitive', names: ['compose.webui.yml', 'compose.WebUI.yml'], options: ['WebUI'], expected: ['compose.WebUI.yml'] },
    { name: '* leaves out a file with a capability token', names: ['compose.a.yml', 'compose.a.nvidia.yml', 'compose.mdc.yml'], options: ['*'], expected: ['compose.a.yml'] },
    { name: 'a service option selects a file with a capability token', names: ['compose.a.nvidia.yml'], options: ['a'], expected: ['compose.a.nvidia.yml'] },
    { name: 'a capability option alone selects its file', names: ['compose.a.nvidia.yml', 'compose.b.yml'], options: ['nvidia'], expected: ['compose.a.nvidia.yml'] },
    { name: '* with the capability selects it', names: ['compose.a.nvidia.yml', 'compose.b.yml'], options: ['*', 'nvidia'], expected: ['compose.b.yml', 'compose.a.nvidia.yml'] },
    {
      name: 'a declared capability is a capability for *',
      names: ['compose.a.tunnel.yml', 'compose.b.yml'],
      options: ['*'],
      capabilities: [...CAPABILITIES, 'tunnel'],
      expected: ['compose.b.yml'],
    },
    { name: 'an undeclared word is no capability', names: ['compose.a.tunnel.yml'], options: ['*'], expected: ['compose.a.tunnel.yml'] },
    { name: 'a capability name inside a token is not a capability token', names: ['compose.nvidia-smi.yml', 'compose.mdcx.yml'], options: ['*'], expected: ['compose.mdcx.yml', 'compose.nvidia-smi.yml'] },
  ]);
});

describe('selectComposeFiles: cross files', () => {
  runCases([
    { name: 'selected when every token is an option', names: ['compose.x.a.b.yml'], options: ['b', 'a'], expected: ['compose.x.a.b.yml'] },
    { name: 'left out when one token is missing', names: ['compose.x.a.b.yml', 'compose.x.a.b.c.yml'], options: ['a', 'b'], expected: ['compose.x.a.b.yml'] },
    { name: 'one token is not enough (unlike other multi-token files)', names: ['compose.x.a.b.yml'], options: ['a'], expected: [] },
    { name: '* stands in for service tokens', names: ['compose.x.a.b.yml'], options: ['*'], expected: ['compose.x.a.b.yml'] },
    { name: '* and one service', names: ['compose.x.a.b.c.yml'], options: ['b', '*'], expected: ['compose.x.a.b.c.yml'] },
    { name: '* does not stand in for a capability token', names: ['compose.x.a.nvidia.yml'], options: ['*'], expected: [] },
    { name: 'a capability token needs the capability', names: ['compose.x.a.nvidia.yml'], options: ['*', 'nvidia'], expected: ['compose.x.a.nvidia.yml'] },
    { name: 'the capability without the service is not enough', names: ['compose.x.a.nvidia.yml'], options: ['nvidia'], expected: [] },
    { name: 'service and capability', names: ['compose.x.a.nvidia.yml', 'compose.x.a.rocm.yml'], options: ['a', 'nvidia'], expected: ['compose.x.a.nvidia.yml'] },
    { name: 'two capability tokens need both', names: ['compose.x.a.nvidia.build.yml'], options: ['*', 'nvidia'], expected: [] },
    { name: 'a declared capability token is not covered by *', names: ['compose.x.a.tunnel.yml'], options: ['*'], capabilities: ['tunnel'], expected: [] },
    { name: 'tokens are exact: no substring match', names: ['compose.x.webui.ollama.yml'], options: ['webui', 'olla', 'ollama.yml'], expected: [] },
    { name: 'tokens are case-sensitive', names: ['compose.x.Webui.ollama.yml'], options: ['webui', 'ollama'], expected: [] },
    { name: 'a service named like a token of a cross file does not select it', names: ['compose.x.webui.ollama.yml', 'compose.webui.yml'], options: ['webui'], expected: ['compose.webui.yml'] },
    { name: 'compose.x.yml is a cross file whose token is "yml"', names: ['compose.x.yml'], options: ['yml'], expected: ['compose.x.yml'] },
    {
      name: '.x. in the middle makes a cross file whose tokens keep "compose"',
      names: ['compose.foo.x.bar.yml'],
      options: ['foo', 'bar'],
      expected: [],
    },
    { name: '.x. in the middle: all its tokens', names: ['compose.foo.x.bar.yml'], options: ['compose', 'foo', 'x', 'bar'], expected: ['compose.foo.x.bar.yml'] },
    { name: 'compose.x..yml: an empty token only * covers', names: ['compose.x..yml'], options: ['*'], expected: ['compose.x..yml'] },
  ]);
});

describe('selectComposeFiles: input order', () => {
  it('the v1 catalogue reversed gives the same list under *', () => {
    const first = selectComposeFiles({ names: V1, options: ['*'], capabilities: CAPABILITIES });
    ok(first.length > 0);
    deepStrictEqual(selectComposeFiles({ names: [...V1].reverse(), options: ['*'], capabilities: CAPABILITIES }), first);
  });
});
