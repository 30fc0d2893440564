import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalize } from '../../../../src/compose/model/core/canonical-model';
import { enforceUnicity } from '../../../../src/compose/model/core/enforce-unicity';
import { mergeModel } from '../../../../src/compose/model/core/merge-model';
import type { ModelMap } from '../../../../src/compose/model/core/model-tree';

/** Merges service `app` of each file in order, then applies unicity and the canonical form, as per file in compose-go. */
function mergeServices(...services: ModelMap[]): ModelMap {
  let dict: ModelMap = {};
  for (const service of services) {
    dict = mergeModel(dict, { services: { app: structuredClone(service) } });
    const all = dict.services as ModelMap;
    all.app = enforceUnicity(canonicalize(enforceUnicity(all.app!, ['services', 'app']), ['services', 'app']), ['services', 'app']);
  }
  return (dict.services as ModelMap).app as ModelMap;
}

describe('compose-go merge rules, per field', () => {
  const cases: Array<{ name: string; files: ModelMap[]; expected: ModelMap }> = [
    { name: 'scalars: the later file wins', files: [{ image: 'a', user: 'u' }, { image: 'b' }], expected: { image: 'b', user: 'u' } },
    { name: 'command: replaced whole', files: [{ command: ['a', 'b'] }, { command: ['c'] }], expected: { command: ['c'] } },
    {
      name: 'environment: key=value lists, unique by key (first position, last value)',
      files: [{ environment: { B: '1', A: '1' } }, { environment: ['A=2', 'C=3'] }],
      expected: { environment: ['A=2', 'B=1', 'C=3'] },
    },
    {
      name: 'ports: appended, then unique by host ip, published port, target and protocol',
      files: [{ ports: ['8080:80'] }, { ports: ['0.0.0.0:8080:80', '9000:90'] }],
      expected: {
        ports: [
          { mode: 'ingress', host_ip: '0.0.0.0', target: 80, published: '8080', protocol: 'tcp' },
          { mode: 'ingress', target: 90, published: '9000', protocol: 'tcp' },
        ],
      },
    },
    {
      name: 'volumes: unique by target',
      files: [{ volumes: ['./a:/data', 'vol:/v'] }, { volumes: ['./b:/data/'] }],
      expected: {
        volumes: [
          { type: 'bind', source: './b', target: '/data', bind: { create_host_path: true } },
          { type: 'volume', source: 'vol', target: '/v', volume: {} },
        ],
      },
    },
    {
      name: 'depends_on: a list becomes conditions, merged by service',
      files: [{ depends_on: ['db'] }, { depends_on: { cache: { condition: 'service_healthy' } } }],
      expected: { depends_on: { db: { condition: 'service_started', required: true }, cache: { condition: 'service_healthy', required: true } } },
    },
    {
      name: 'logging: options merge only for the same driver',
      files: [{ logging: { driver: 'json-file', options: { a: '1' } } }, { logging: { driver: 'syslog', options: { b: '2' } } }],
      expected: { logging: { driver: 'syslog', options: { b: '2' } } },
    },
    {
      name: 'extra_hosts: appended without repeats',
      files: [{ extra_hosts: ['a:1.1.1.1'] }, { extra_hosts: ['a:1.1.1.1', 'b:2.2.2.2'] }],
      expected: { extra_hosts: ['a:1.1.1.1', 'b:2.2.2.2'] },
    },
    { name: 'ulimits: an entry is replaced whole', files: [{ ulimits: { nofile: { soft: 1, hard: 2 } } }, { ulimits: { nofile: 5 } }], expected: { ulimits: { nofile: 5 } } },
    { name: 'dns: one string becomes a list, lists append', files: [{ dns: '8.8.8.8' }, { dns: ['1.1.1.1'] }], expected: { dns: ['8.8.8.8', '1.1.1.1'] } },
  ];
  for (const { name, files, expected } of cases) it(name, () => deepStrictEqual(mergeServices(...files), expected));
});
