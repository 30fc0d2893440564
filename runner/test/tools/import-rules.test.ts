// The import rules of runner/src (runner/tools/source-layers.ts): pure core/ modules touch nothing, no module imports
// a higher layer, and no import cycle exists. A failure names the file, the import and the rule it breaks.
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import {
  CLI_LAYER, COMMANDS_LAYER, checkLayering, COMMAND_FORBIDDEN_MODULES, CORE_FORBIDDEN_CALLS, CORE_NODE_MODULES, CORE_PACKAGES, describeLayers, EXIT_MODULE, placeModule, type ModulePlace,
} from '../../tools/source-layers';
import { findImportCycles, parseImports, readSourceModules, stripComments, type SourceModule } from '../../tools/source-imports';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const modules = readSourceModules(SRC);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Every way `module` breaks the rule, one line each. */
function violations(module: SourceModule): string[] {
  const from = placeModule(module.path);
  if (!from) return [`${module.path}: not in a feature folder (${describeLayers()})`];
  const out: string[] = [];
  for (const imp of module.imports) {
    if (imp.specifier.startsWith('.')) {
      const to = imp.target === undefined ? undefined : placeModule(imp.target);
      if (!to) out.push(`${module.path}: '${imp.specifier}' does not resolve to a module of a feature folder`);
      else {
        const why = checkLayering(from, to);
        if (why) out.push(`${module.path}: '${imp.specifier}': ${why}`);
      }
    } else if (from.command && !imp.typeOnly && COMMAND_FORBIDDEN_MODULES.includes(imp.specifier)) {
      out.push(`${module.path}: '${imp.specifier}': a command does no I/O itself (put it in an adapter of the feature)`);
    } else if (from.core && !imp.typeOnly) {
      const pkg = imp.specifier.startsWith('@') ? imp.specifier.split('/').slice(0, 2).join('/') : imp.specifier.split('/')[0]!;
      const allowed = NODE_BUILTINS.has(imp.specifier) ? CORE_NODE_MODULES.includes(imp.specifier) : CORE_PACKAGES.includes(pkg);
      if (!allowed) out.push(`${module.path}: '${imp.specifier}': a pure core/ module may not import it (I/O or effects)`);
    }
  }
  if (module.path !== EXIT_MODULE && /\bprocess\.exit\(/.test(stripComments(module.text))) out.push(`${module.path}: calls process.exit (only ${EXIT_MODULE} does)`);
  if (from.core) {
    const code = stripComments(module.text);
    for (const call of CORE_FORBIDDEN_CALLS) if (call.pattern.test(code)) out.push(`${module.path}: a pure core/ module uses ${call.name}`);
  }
  return out;
}

describe('runner/src import rules', () => {
  test('the tree is read (a path mistake would pass every rule vacuously)', () => {
    assert.ok(modules.length > 150, `only ${modules.length} modules under ${SRC}`);
    assert.ok(modules.some((m) => m.path === 'cli/main.ts'));
  });

  test('every module sits in a feature folder, core/ is pure, commands do no I/O, one process.exit, no module imports a higher layer', () => {
    assert.deepEqual(modules.flatMap(violations), []);
  });

  test('no import cycle (type-only imports count)', () => {
    assert.deepEqual(findImportCycles(modules).map((c) => c.join(' → ')), []);
  });

  test('descriptor/ (its core and its loader) gets the action schema type without the workflow', () => {
    const descriptor = modules.filter((m) => m.path.startsWith('descriptor/') && !m.path.startsWith('descriptor/commands/'));
    assert.deepEqual(descriptor.flatMap((m) => m.imports.filter((i) => i.target?.startsWith('workflow/')).map((i) => `${m.path}: ${i.specifier}`)), []);
  });
});

describe('the checker itself', () => {
  const place = (path: string) => placeModule(path) as ModulePlace;
  const cases: { name: string; from: string; to: string; expected: string | undefined }[] = [
    { name: 'lower layer', from: 'env/load-stack-env.ts', to: 'secrets/sops-env-file.ts', expected: undefined },
    { name: 'own feature', from: 'env/load-stack-env.ts', to: 'env/core/merge-env-layers.ts', expected: undefined },
    { name: 'higher layer', from: 'descriptor/descriptor-loader.ts', to: 'workflow/action-registry.ts', expected: `descriptor (layer 1) imports the higher layer workflow (layer ${place('workflow/x.ts').layer})` },
    { name: 'same layer', from: 'compose/compose-services.ts', to: 'source/compose-dir.ts', expected: 'compose and source share a layer and may not import each other' },
    { name: 'a core folder deeper in the feature', from: 'compose/model/core/x.ts', to: 'compose/model/load.ts', expected: 'a pure core/ module imports compose/model/load.ts, which is not in a core/ folder' },
    { name: 'core to a lower core', from: 'compose/model/core/x.ts', to: 'env/core/parse-dotenv.ts', expected: undefined },
    { name: 'core to adapter', from: 'env/core/explain-env.ts', to: 'env/load-stack-env.ts', expected: 'a pure core/ module imports env/load-stack-env.ts, which is not in a core/ folder' },
    { name: 'core to shared core', from: 'env/core/explain-env.ts', to: 'shared/core/secret.ts', expected: undefined },
    { name: 'command to stack', from: 'compose/commands/up.ts', to: 'stack/stack-env.ts', expected: undefined },
    { name: 'command to command', from: 'compose/commands/shell.ts', to: 'compose/commands/exec.ts', expected: undefined },
    { name: 'command to cli', from: 'compose/commands/up.ts', to: 'cli/cli.ts', expected: `compose/commands (layer ${COMMANDS_LAYER}) imports the higher layer cli (layer ${CLI_LAYER})` },
    { name: 'feature to a command', from: 'stack/stack-env.ts', to: 'compose/commands/print-urls.ts', expected: 'only commands/ and cli/ may import a command module (compose/commands/print-urls.ts)' },
    { name: 'cli to a command', from: 'cli/all-commands.ts', to: 'compose/commands/up.ts', expected: undefined },
  ];
  for (const c of cases) test(c.name, () => assert.equal(checkLayering(place(c.from), place(c.to)), c.expected));

  test('a module outside every feature folder has no place', () => {
    assert.deepEqual([placeModule('main.ts'), placeModule('adapters/x.ts')], [undefined, undefined]);
  });

  test('imports are read over several lines, with type-only, re-exports and dynamic imports', () => {
    const text = "import {\n  a,\n  b,\n} from './a';\nimport type { C } from '../c';\nexport * from './d';\nimport './e';\nconst f = await import('./f');\n// import('./commented')\n";
    assert.deepEqual(parseImports(text), [
      { specifier: './a', typeOnly: false }, { specifier: '../c', typeOnly: true }, { specifier: './d', typeOnly: false },
      { specifier: './e', typeOnly: false }, { specifier: './f', typeOnly: false },
    ]);
  });

  test('a core module with I/O, an effect and an adapter import breaks three rules; a type-only import of a package does not', () => {
    const text = "import type { ConsolaInstance } from 'consola';\nimport { readFile } from 'node:fs/promises';\nimport { loadStackEnv } from '../load-stack-env';\nexport const now = () => Date.now(); // process.env in a comment is fine\n";
    const imports = parseImports(text).map((i) => ({ ...i, ...(i.specifier === '../load-stack-env' && { target: 'env/load-stack-env.ts' }) }));
    assert.deepEqual(violations({ path: 'env/core/x.ts', text, imports }), [
      "env/core/x.ts: 'node:fs/promises': a pure core/ module may not import it (I/O or effects)",
      "env/core/x.ts: '../load-stack-env': a pure core/ module imports env/load-stack-env.ts, which is not in a core/ folder",
      'env/core/x.ts: a pure core/ module uses Date.now()',
    ]);
  });

  test('a command doing its own I/O, and a process.exit outside cli/main.ts, are named', () => {
    const text = "import { readFile } from 'node:fs/promises';\nimport type { Stats } from 'node:fs';\nexport const stop = () => process.exit(1);\n";
    assert.deepEqual(violations({ path: 'env/commands/x.ts', text, imports: parseImports(text) }), [
      "env/commands/x.ts: 'node:fs/promises': a command does no I/O itself (put it in an adapter of the feature)",
      'env/commands/x.ts: calls process.exit (only cli/main.ts does)',
    ]);
  });

  test('a cycle is found and named', () => {
    const mod = (path: string, targets: string[]): SourceModule => ({ path, text: '', imports: targets.map((t) => ({ specifier: t, target: t, typeOnly: false })) });
    assert.deepEqual(findImportCycles([mod('a.ts', ['b.ts']), mod('b.ts', ['c.ts']), mod('c.ts', ['a.ts']), mod('d.ts', ['a.ts'])]), [['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });
});
