import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planTemplateCommit } from '../../../src/templates/core/plan-template-commit';
import type { PlannedFile, PlannedTree } from '../../../src/templates/core/rendered-tree';
import { renderTemplateManifest, type ManifestEntry, type TemplateManifest } from '../../../src/templates/core/template-manifest';

const h = (c: string) => c.repeat(64);
const file = (path: string, service: string, sha: string, mode = 0o644): PlannedFile => ({ path, source: 's', service, engine: 'copy', bytes: new Uint8Array(), mode, sha256: sha, secret: false });
const entry = (service: string, sha: string, mode = 0o644): ManifestEntry => ({ source: 's', service, engine: 'copy', sha256: sha, mode, secret: false });

describe('planTemplateCommit', () => {
  const planned: PlannedTree = {
    services: ['web'],
    files: new Map([
      ['var/run/web/config/a', file('var/run/web/config/a', 'web', h('1'))],
      ['var/run/web/config/b', file('var/run/web/config/b', 'web', h('2'), 0o600)],
      ['var/run/web/config/c', file('var/run/web/config/c', 'web', h('3'))],
    ]),
  };
  const previous: TemplateManifest = {
    files: new Map([
      ['var/run/db/config/x', entry('db', h('9'))],
      ['var/run/web/config/a', entry('web', h('1'))],
      ['var/run/web/config/b', entry('web', h('2'))],
      ['var/run/web/config/old', entry('web', h('8'))],
    ]),
  };
  const current = new Map([...previous.files].map(([p, e]) => [p, { sha256: e.sha256, mode: e.mode, service: e.service, owned: true }]));

  it('writes new content, chmods mode-only changes, removes what is gone, keeps other services in the manifest', () => {
    const { commit } = planTemplateCommit(planned, current, previous, renderTemplateManifest(previous));
    deepStrictEqual(
      { writes: commit.writes.map((f) => f.path), chmods: commit.chmods, removes: commit.removes, manifest: [...commit.manifest.files.keys()], needed: commit.needed },
      {
        writes: ['var/run/web/config/c'],
        chmods: [{ path: 'var/run/web/config/b', mode: 0o600 }],
        removes: ['var/run/web/config/old'],
        manifest: ['var/run/db/config/x', 'var/run/web/config/a', 'var/run/web/config/b', 'var/run/web/config/c'],
        needed: true,
      },
    );
    deepStrictEqual(commit.manifestText, renderTemplateManifest(commit.manifest));
  });

  it('nothing to do when disk and manifest already match', () => {
    const { commit } = planTemplateCommit(planned, new Map(), { files: new Map() }, undefined);
    const again = planTemplateCommit(planned, new Map([...commit.manifest.files].map(([p, e]) => [p, { sha256: e.sha256, mode: e.mode, service: e.service, owned: true }])), commit.manifest, commit.manifestText);
    deepStrictEqual({ writes: again.commit.writes, chmods: again.commit.chmods, removes: again.commit.removes, needed: again.commit.needed }, { writes: [], chmods: [], removes: [], needed: false });
  });
});
