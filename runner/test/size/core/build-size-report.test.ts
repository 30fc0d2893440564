import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { buildImageLayers, EMPTY_LAYER_DIFF, sumSharedLayers } from '../../../src/size/core/image-layers';
import { selectServiceMounts } from '../../../src/size/core/compose-mounts';
import { buildSizeReport, formatBytes, renderSizeReport, selectOutermostPaths } from '../../../src/size/core/build-size-report';

// A base image (two layers) and two images built on it: their base layers must count once.
const base = buildImageLayers('sha256:base', 300, ['sha256:l1', 'sha256:l2'], [200, 0, 100]);
const web = buildImageLayers('sha256:web', 350, ['sha256:l1', 'sha256:l2', EMPTY_LAYER_DIFF, 'sha256:w'], [50, 0, 0, 200, 0, 100]);
const api = buildImageLayers('sha256:api', 310, ['sha256:l1', 'sha256:l2', 'sha256:a'], [10, 200, 100]);
// Same diff as l2 but on another base: a different layer (chain IDs, not diff IDs).
const other = buildImageLayers('sha256:other', 200, ['sha256:x', 'sha256:l2'], [200, 0]);

describe('buildImageLayers and sumSharedLayers', () => {
  test('history sizes (newest first) zip with the layers, the empty layer takes 0', () => {
    assert.deepEqual(web.layers.map((l) => l.bytes), [100, 200, 0, 50]);
    assert.equal(web.approximate, false);
  });
  test('history that does not add up: the image is one unit', () => {
    const odd = buildImageLayers('sha256:odd', 99, ['sha256:l1'], [50, 40]);
    assert.deepEqual(odd.layers, [{ key: 'image:sha256:odd', bytes: 99 }]);
    assert.equal(odd.approximate, true);
  });
  const cases = [
    { name: 'one image', images: [web], expected: 350 },
    { name: 'a shared base counts once', images: [web, api], expected: 300 + 50 + 10 },
    { name: 'the base image itself adds nothing', images: [base, web, api], expected: 360 },
    { name: 'same diff on another base is another layer', images: [base, other], expected: 300 + 200 },
  ];
  for (const c of cases) test(c.name, () => assert.equal(sumSharedLayers(c.images), c.expected));
});

test('selectServiceMounts: image (built or named), named volumes by their docker name, absolute binds', () => {
  const config = JSON.stringify({
    name: 'p',
    services: {
      web: { build: { context: '.' }, volumes: [{ type: 'volume', source: 'data', target: '/d' }, { type: 'bind', source: '/srv/h/var/run/web', target: '/c' }, { type: 'volume', target: '/anon' }, { type: 'tmpfs', target: '/t' }] },
      db: { image: 'postgres:16', volumes: [{ type: 'volume', source: 'pg', target: '/var/lib/postgresql' }] },
    },
    volumes: { data: { name: 'p_data' }, pg: { name: 'shared-pg', external: true } },
  });
  assert.deepEqual(selectServiceMounts(config, 'p'), [
    { service: 'db', image: 'postgres:16', volumes: ['shared-pg'], binds: [] },
    { service: 'web', image: 'p-web', volumes: ['p_data'], binds: ['/srv/h/var/run/web'] },
  ]);
  assert.throws(() => selectServiceMounts('not json', 'p'), /docker compose config printed an unexpected model/);
});

describe('buildSizeReport', () => {
  const report = buildSizeReport({
    services: [
      { service: 'api', image: 'p-api', volumes: ['p_data'], binds: ['/srv/h/data'] },
      { service: 'web', image: 'p-web', volumes: ['p_data', 'p_gone'], binds: ['/srv/h/data/sub', '/srv/h/var/run/web'] },
      { service: 'cache', image: 'redis:7', volumes: [], binds: [] },
    ],
    images: new Map([['p-api', api], ['p-web', web]]),
    writable: new Map([['api', 5], ['web', 7]]),
    volumes: new Map([['p_data', 1000]]),
    binds: new Map([['/srv/h/data', 40], ['/srv/h/data/sub', 30], ['/srv/h/var/run/web', 2]]),
    varPath: '/srv/h/var',
    varBytes: 9,
  });
  test('per service: everything it uses, in full', () => {
    assert.deepEqual(report.services.map((s) => [s.service, s.image.bytes, s.writable, s.total]), [['api', 310, 5, 1355], ['web', 350, 7, 1389], ['cache', 0, 0, 0]]);
    assert.deepEqual(report.services[1]!.volumes, [{ name: 'p_data', bytes: 1000 }, { name: 'p_gone', bytes: null }]);
  });
  test('totals: shared layers, the shared volume, nested folders and folders in var/ once', () => {
    assert.deepEqual(report.totals, { images: 360, writable: 12, volumes: 1000, binds: 40, var: 9, total: 1421 });
  });
  test('rendered', () => {
    assert.equal(renderSizeReport(report), [
      'SERVICE       IMAGE  WRITABLE  VOLUMES  HOST FOLDERS    TOTAL',
      'api            310B        5B      1kB           40B  1.355kB',
      'web            350B        7B      1kB           32B  1.389kB',
      'cache    not pulled        0B       0B            0B       0B',
      '',
      'images (shared layers once)     360B',
      "containers' writable layers     12B",
      'named volumes                   1kB',
      'bind-mounted host folders       40B',
      'var/ (rendered configs, state)  9B',
      'total                           1.421kB',
      '',
    ].join('\n'));
  });
});

test('selectOutermostPaths and formatBytes', () => {
  assert.deepEqual(selectOutermostPaths(['/a/b', '/a', '/ab', '/a/b/c', '/a']), ['/a', '/ab']);
  const cases: Array<[number, string]> = [[0, '0B'], [999, '999B'], [1000, '1kB'], [1652000, '1.652MB'], [391000000, '391MB'], [183331705, '183.3MB'], [2.5e12, '2.5TB']];
  for (const [bytes, text] of cases) assert.equal(formatBytes(bytes), text);
});
