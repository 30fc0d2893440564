import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPreparePlan, type RenderablePlan } from '../../../src/prepare/core/render-prepare-plan';

const base: RenderablePlan = {
  project: 'demo',
  files: ['etc/stacks/compose.yml', 'var/run/overlays/harbor.gen.yml'],
  services: [],
  templates: { added: [], changed: [], removed: [], unchanged: 0 },
  env: { previous: true, added: [], changed: [], removed: [], unchanged: 0 },
  overlay: { path: 'var/run/overlays/harbor.gen.yml', changed: false, recreate: [] },
  persistEnv: false,
};
const HEAD = ['plan for project demo: services (none)', '  -f etc/stacks/compose.yml', '  -f var/run/overlays/harbor.gen.yml'];
const TAIL = ['overlay var/run/overlays/harbor.gen.yml: unchanged', "recreated for Harbor's labels: (none); compose also recreates what its own model changes"];

const cases: Array<{ name: string; plan: RenderablePlan; expected: string[] }> = [
  { name: 'nothing to do', plan: base, expected: [...HEAD, 'templates: 0 to add, 0 to change, 0 to remove, 0 unchanged', 'env: 0 to add, 0 to change, 0 to remove, 0 unchanged', ...TAIL] },
  {
    name: 'a mode-only change says so; a removed file has no source; plain values are dotenv-quoted, secrets stay tags',
    plan: {
      ...base,
      templates: {
        added: [],
        changed: [{ path: 'var/run/db/config/creds', source: 'stacks/db/templates/creds.tmpl', before: { sha256: 'a', mode: '0644' }, after: { sha256: 'a', mode: '0600' } }],
        removed: [{ path: 'var/run/db/config/old.conf' }],
        unchanged: 2,
      },
      env: { previous: true, added: [{ name: 'MOTD', secret: false, shown: "it's $5" }], changed: [{ name: 'DB_PASSWORD', secret: true, shown: '[secret 0a1b2c3d]' }], removed: ['OLD'], unchanged: 4 },
    },
    expected: [
      ...HEAD,
      'templates: 0 to add, 1 to change, 1 to remove, 2 unchanged',
      '  ~ var/run/db/config/creds (from stacks/db/templates/creds.tmpl) (mode 0644 → 0600)',
      '  - var/run/db/config/old.conf',
      'env: 1 to add, 1 to change, 1 to remove, 4 unchanged',
      '  + MOTD="it\'s $$5"',
      '  ~ DB_PASSWORD=[secret 0a1b2c3d]',
      '  - OLD',
      ...TAIL,
    ],
  },
  {
    name: 'the persisted env file is announced',
    plan: { ...base, persistEnv: true, overlay: { ...base.overlay, changed: true, recreate: [{ service: 'web', labels: ['harbor.env-hash', 'harbor.config-hash'] }] } },
    expected: [
      ...HEAD,
      'templates: 0 to add, 0 to change, 0 to remove, 0 unchanged',
      'env: 0 to add, 0 to change, 0 to remove, 0 unchanged',
      'overlay var/run/overlays/harbor.gen.yml: changes',
      "recreated for Harbor's labels: web (harbor.env-hash, harbor.config-hash); compose also recreates what its own model changes",
      'env file var/run/.env.run: written (prepare.env.persist), mode 0600',
    ],
  },
];

for (const c of cases) {
  test(`renderPreparePlan: ${c.name}`, () => {
    assert.deepStrictEqual(renderPreparePlan(c.plan).split('\n'), [...c.expected, '']);
  });
}
