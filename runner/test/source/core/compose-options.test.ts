import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildComposeOptions, isComposeOption, splitOptions, type ComposeOptionsInput } from '../../../src/source/core/compose-options';

const base: ComposeOptionsInput = { defaultCapabilities: [], defaultServices: [], noDefaults: false, given: [], detectedCapabilities: [] };

describe('buildComposeOptions', () => {
  const cases: Array<{ name: string; input: Partial<ComposeOptionsInput>; expected: string[] }> = [
    { name: 'nothing at all', input: {}, expected: [] },
    {
      name: 'order: default capabilities, default services, given, detected',
      input: { defaultCapabilities: ['build'], defaultServices: ['webui', 'llamacpp'], given: ['ollama'], detectedCapabilities: ['nvidia', 'mdc'] },
      expected: ['build', 'webui', 'llamacpp', 'ollama', 'nvidia', 'mdc'],
    },
    {
      name: '--no-defaults drops the default services only',
      input: { defaultCapabilities: ['nvidia'], defaultServices: ['webui'], noDefaults: true, given: ['ollama'], detectedCapabilities: ['mdc'] },
      expected: ['nvidia', 'ollama', 'mdc'],
    },
    {
      name: 'duplicates keep their first place',
      input: { defaultCapabilities: ['nvidia'], defaultServices: ['webui'], given: ['ollama', 'webui', 'nvidia', 'ollama'], detectedCapabilities: ['nvidia'] },
      expected: ['nvidia', 'webui', 'ollama'],
    },
    {
      name: 'flags and empty strings are dropped, from every source',
      input: { defaultCapabilities: [''], defaultServices: ['-d'], given: ['--no-defaults', '', 'ollama', '-'], detectedCapabilities: ['--x'] },
      expected: ['ollama'],
    },
    { name: '* is an option like any other', input: { defaultServices: ['webui'], given: ['*'] }, expected: ['webui', '*'] },
    { name: 'values are kept as given (case, inner dashes)', input: { given: ['WebUI', 'mcp-server-time'] }, expected: ['WebUI', 'mcp-server-time'] },
  ];
  for (const c of cases) {
    it(c.name, () => deepStrictEqual(buildComposeOptions({ ...base, ...c.input }), c.expected));
  }
});

describe('splitOptions', () => {
  const capabilities = ['nvidia', 'cdi', 'rocm', 'mdc', 'build', 'tunnel'];
  const cases = [
    { name: 'empty', options: [], expected: { services: [], capabilities: [] } },
    {
      name: 'services and capabilities, each in option order; * is neither',
      options: ['mdc', 'webui', '*', 'nvidia', 'ollama'],
      expected: { services: ['webui', 'ollama'], capabilities: ['mdc', 'nvidia'] },
    },
    { name: 'a declared capability is a capability', options: ['tunnel', 'webui'], expected: { services: ['webui'], capabilities: ['tunnel'] } },
    { name: 'duplicates, flags and empty strings are dropped', options: ['webui', '', '-x', 'webui', 'mdc', 'mdc'], expected: { services: ['webui'], capabilities: ['mdc'] } },
    { name: 'capability names are case-sensitive', options: ['NVIDIA'], expected: { services: ['NVIDIA'], capabilities: [] } },
  ];
  for (const c of cases) {
    it(c.name, () => deepStrictEqual(splitOptions(c.options, capabilities), c.expected));
  }
});

describe('isComposeOption', () => {
  const cases = [
    { input: 'webui', expected: true },
    { input: '*', expected: true },
    { input: 'a-b', expected: true },
    { input: '', expected: false },
    { input: '-', expected: false },
    { input: '--no-defaults', expected: false },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.input), () => strictEqual(isComposeOption(c.input), c.expected));
  }
});
