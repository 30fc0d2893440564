import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffRenderedTree } from '../../../src/templates/core/diff-rendered-tree';
import type { CurrentFile, PlannedFile, PlannedTree } from '../../../src/templates/core/rendered-tree';

const h = (c: string) => c.repeat(64);
const file = (path: string, service: string | null, sha: string, mode = 0o644): PlannedFile => ({ path, source: `src/${path}`, service, engine: 'copy', bytes: new Uint8Array(), mode, sha256: sha, secret: false });
const planned: PlannedTree = {
  services: ['web'],
  files: new Map([
    ['var/run/web/config/new', file('var/run/web/config/new', 'web', h('1'))],
    ['var/run/web/config/same', file('var/run/web/config/same', 'web', h('2'))],
    ['var/run/web/config/edited', file('var/run/web/config/edited', 'web', h('3'))],
    ['var/run/web/config/chmod', file('var/run/web/config/chmod', 'web', h('4'), 0o755)],
    ['var/run/shared/g', file('var/run/shared/g', null, h('5'))],
  ]),
};
const cur = (sha: string, service: string | null, owned = true, mode = 0o644): CurrentFile => ({ sha256: sha, mode, service, owned });

describe('diffRenderedTree', () => {
  it('adds, changes, removes only in scope, leaves other services alone', () => {
    const current = new Map([
      ['var/run/web/config/same', cur(h('2'), 'web')],
      ['var/run/web/config/edited', cur(h('9'), 'web')],
      ['var/run/web/config/chmod', cur(h('4'), 'web')],
      ['var/run/web/config/gone', cur(h('7'), 'web')],
      ['var/run/shared/old', cur(h('8'), null)],
      ['var/run/db/config/x', cur(h('6'), 'db')],
    ]);
    deepStrictEqual(diffRenderedTree(planned, current), {
      added: [
        { path: 'var/run/web/config/new', service: 'web', source: 'src/var/run/web/config/new', after: { sha256: h('1'), mode: 0o644 } },
        { path: 'var/run/shared/g', service: null, source: 'src/var/run/shared/g', after: { sha256: h('5'), mode: 0o644 } },
      ],
      changed: [
        { path: 'var/run/web/config/edited', service: 'web', source: 'src/var/run/web/config/edited', before: { sha256: h('9'), mode: 0o644 }, after: { sha256: h('3'), mode: 0o644 } },
        { path: 'var/run/web/config/chmod', service: 'web', source: 'src/var/run/web/config/chmod', before: { sha256: h('4'), mode: 0o644 }, after: { sha256: h('4'), mode: 0o755 } },
      ],
      removed: [
        { path: 'var/run/web/config/gone', service: 'web', before: { sha256: h('7'), mode: 0o644 } },
        { path: 'var/run/shared/old', service: null, before: { sha256: h('8'), mode: 0o644 } },
      ],
      unchanged: ['var/run/web/config/same'],
    });
  });

  it('a file Harbor did not render (not in the manifest) is never removed', () => {
    const diff = diffRenderedTree({ services: ['web'], files: new Map() }, new Map([['var/run/web/config/mine', cur(h('1'), null, false)]]));
    deepStrictEqual(diff.removed, []);
  });
});
