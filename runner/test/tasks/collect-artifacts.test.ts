// collectArtifacts with a fake environment (copyOut copies from a local folder standing for the container):
// exclude patterns are applied to the copy and listed in manifest.json; a failed copy is recorded, not thrown.
import { deepStrictEqual } from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ComposeEnvironment } from '../../src/tasks/compose-environment';
import { collectArtifacts } from '../../src/tasks/run-phases';

const root = mkdtempSync(join(tmpdir(), 'harbor-artifacts-'));
after(() => rmSync(root, { recursive: true, force: true }));
const container = join(root, 'container');
for (const f of ['app/out/keep.txt', 'app/out/debug.log', 'app/out/.hidden.log', 'app/out/sub/trace.log', 'app/out/sub/keep.md', 'app/out/cache/blob.bin', 'app/single.log', 'app/keep.txt']) {
  mkdirSync(join(container, f, '..'), { recursive: true });
  writeFileSync(join(container, f), f);
}
const env = {
  copyOut: async (path: string, host: string) => {
    try {
      cpSync(join(container, path), host, { recursive: true });
      return { code: 0, stdout: '', stderr: '' };
    } catch {
      return { code: 1, stdout: '', stderr: `Error response from daemon: Could not find the file ${path} in container main` };
    }
  },
} as unknown as ComposeEnvironment;

describe('collectArtifacts', () => {
  it('applies exclude patterns (no "/": any depth; with "/": from the root) and lists what they removed', async () => {
    const out = join(root, 'artifacts');
    mkdirSync(out);
    await collectArtifacts({ env, workdir: '/app', multiplier: 1, hostEnv: {} }, [
      { source: '/app/out', destination: 'out', exclude: ['*.log', 'cache/'] },
      { source: 'out', destination: 'anchored', exclude: ['sub/trace.log'] },
      { source: '/app/single.log', exclude: ['*.log'] },
      { source: '/app/keep.txt', exclude: ['*.log'] },
      { source: '/app/missing', exclude: ['*'] },
    ], out);
    deepStrictEqual(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')), [
      { source: '/logs/artifacts', destination: '.', status: 'ok' },
      { source: '/app/out', destination: 'out', status: 'ok', excluded: ['.hidden.log', 'cache', 'debug.log', 'sub/trace.log'] },
      { source: 'out', destination: 'anchored', status: 'ok', excluded: ['sub/trace.log'] },
      { source: '/app/single.log', destination: 'single.log', status: 'ok', excluded: ['.'] },
      { source: '/app/keep.txt', destination: 'keep.txt', status: 'ok' },
      { source: '/app/missing', destination: 'missing', status: 'failed', error: 'Error response from daemon: Could not find the file /app/missing in container main' },
    ]);
    deepStrictEqual(readdirSync(out, { recursive: true }).map(String).sort(), [
      'anchored', 'anchored/.hidden.log', 'anchored/cache', 'anchored/cache/blob.bin', 'anchored/debug.log', 'anchored/keep.txt', 'anchored/sub', 'anchored/sub/keep.md',
      'keep.txt', 'manifest.json', 'out', 'out/keep.txt', 'out/sub', 'out/sub/keep.md',
    ]);
  });
});
