import { deepStrictEqual, notDeepStrictEqual } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { serviceConfigHashes } from '../../../src/templates/core/service-config-hashes';
import type { ManifestEntry, TemplateManifest } from '../../../src/templates/core/template-manifest';

const h = (c: string) => c.repeat(64);
const e = (service: string | null, sha: string, mode = 0o644): ManifestEntry => ({ source: 's', service, engine: 'copy', sha256: sha, mode, secret: false });
const m = (entries: Array<[string, ManifestEntry]>): TemplateManifest => ({ files: new Map(entries) });

describe('serviceConfigHashes', () => {
  const base: Array<[string, ManifestEntry]> = [
    ['var/run/web/config/b', e('web', h('2'))],
    ['var/run/web/config/a', e('web', h('1'))],
    ['var/run/db/config/x', e('db', h('3'), 0o600)],
    ['var/run/shared/g', e(null, h('4'))],
  ];
  it('hashes each service over sorted path, mode and content hash; skips files without a service', () => {
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    deepStrictEqual(serviceConfigHashes(m(base)), {
      db: sha(`var/run/db/config/x\t600\t${h('3')}\n`),
      web: sha(`var/run/web/config/a\t644\t${h('1')}\nvar/run/web/config/b\t644\t${h('2')}\n`),
    });
  });
  const variants: Array<{ name: string; entries: Array<[string, ManifestEntry]>; same: boolean }> = [
    { name: 'order of the manifest does not matter', entries: [...base].reverse(), same: true },
    { name: 'another service changing does not matter', entries: [...base.slice(0, 2), ['var/run/db/config/x', e('db', h('9'))]], same: true },
    { name: 'a content change matters', entries: [['var/run/web/config/b', e('web', h('5'))], ...base.slice(1)], same: false },
    { name: 'a mode change matters', entries: [['var/run/web/config/b', e('web', h('2'), 0o755)], ...base.slice(1)], same: false },
    { name: 'a rename matters', entries: [['var/run/web/config/c', e('web', h('2'))], ...base.slice(1)], same: false },
  ];
  for (const c of variants) {
    it(`web's hash: ${c.name}`, () => (c.same ? deepStrictEqual : notDeepStrictEqual)(serviceConfigHashes(m(c.entries)).web, serviceConfigHashes(m(base)).web));
  }
});
