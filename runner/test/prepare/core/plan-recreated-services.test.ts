import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planRecreatedServices, type RecreatedService } from '../../../src/prepare/core/plan-recreated-services';

const current = [
  'services:',
  '  web:',
  '    environment: { A: "${A}" }',
  '    labels: { harbor.env-hash: e1, harbor.config-hash: c1, other: x }',
  '  db:',
  '    labels: { harbor.env-hash: e2 }',
  '',
].join('\n');

const cases: Array<{ name: string; current: string | undefined; next: Record<string, Record<string, string>>; expected: RecreatedService[] }> = [
  { name: 'nothing changed', current, next: { web: { 'harbor.env-hash': 'e1', 'harbor.config-hash': 'c1' }, db: { 'harbor.env-hash': 'e2' } }, expected: [] },
  {
    name: 'a config hash changed; labels that are not Harbor\'s are ignored',
    current,
    next: { web: { 'harbor.env-hash': 'e1', 'harbor.config-hash': 'c9' }, db: { 'harbor.env-hash': 'e2' } },
    expected: [{ service: 'web', labels: ['harbor.config-hash'] }],
  },
  {
    name: 'a label that goes away and a service that appears',
    current,
    next: { web: { 'harbor.env-hash': 'e1' }, db: { 'harbor.env-hash': 'e2' }, proxy: { 'harbor.config-hash': 'c3' } },
    expected: [{ service: 'proxy', labels: ['harbor.config-hash'] }, { service: 'web', labels: ['harbor.config-hash'] }],
  },
  { name: 'a service that leaves the overlay', current, next: { web: { 'harbor.env-hash': 'e1', 'harbor.config-hash': 'c1' } }, expected: [{ service: 'db', labels: ['harbor.env-hash'] }] },
  { name: 'no overlay yet: every labelled service', current: undefined, next: { web: { 'harbor.env-hash': 'e1' } }, expected: [{ service: 'web', labels: ['harbor.env-hash'] }] },
  { name: 'an unreadable overlay counts as none', current: 'services: [\n', next: { web: { 'harbor.env-hash': 'e1' } }, expected: [{ service: 'web', labels: ['harbor.env-hash'] }] },
  { name: 'an empty overlay', current: 'services: {}\n', next: {}, expected: [] },
];

for (const c of cases) {
  test(`planRecreatedServices: ${c.name}`, () => {
    assert.deepStrictEqual(planRecreatedServices(c.current, c.next), c.expected);
  });
}
