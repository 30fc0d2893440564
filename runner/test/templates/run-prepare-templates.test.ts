import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runPlanTemplates } from '../../src/templates/run-plan-templates';
import { runPrepareTemplates, type PrepareTemplatesInput } from '../../src/templates/run-prepare-templates';
import { runRemoveTemplates } from '../../src/templates/run-remove-templates';
import { JOURNAL_PATH, STAGING_DIR } from '../../src/templates/write-rendered-tree';
import type { TemplateEntry } from '../../src/descriptor/core/templates-config-schema';
import { contentOf, snapshotTree } from '../../../tests/support/snapshot-tree';
import { createFakeDeps } from '../support/fake-deps';

const root = await mkdtemp(join(tmpdir(), 'harbor-prepare-'));
after(() => rm(root, { recursive: true, force: true }));
let n = 0;

function write(home: string, files: Record<string, string | Uint8Array>, mode?: number): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), content);
    if (mode !== undefined) chmodSync(join(home, path), mode);
  }
}

const BASE_FILES = {
  'stacks/web/templates/nginx.conf.tmpl': 'server { listen ${PORT}; set $$x 1; }\n',
  'stacks/web/templates/site/index.html.liquid': '{% include "_head.liquid" %}<p>{{ NAME | upper }}</p>\n',
  'stacks/web/templates/_head.liquid': '<title>{{ NAME }}</title>\n',
  'stacks/web/templates/logo.bin': new Uint8Array([0x89, 0x00, 0x7b, 0x7b, 0xff]),
  'stacks/db/templates/init.sql.tmpl': 'CREATE DATABASE ${DB_NAME};\n',
};

async function newHome(extra: Record<string, string | Uint8Array> = {}): Promise<string> {
  const home = join(root, `h${n++}`);
  write(home, { ...BASE_FILES, ...extra });
  chmodSync(join(home, 'stacks/web/templates/nginx.conf.tmpl'), 0o640);
  // Files others own in var/run/: never touched by templates.
  write(home, { 'var/run/.env.run': 'A=1\n', 'var/run/overlays/compose.env.gen.yml': 'services: {}\n' });
  return home;
}

const ENV = { values: new Map([['PORT', '8080'], ['NAME', 'harbor'], ['DB_NAME', 'app'], ['DB_PASSWORD', 'pa55-w0rd-xyz']]), secretNames: new Set(['DB_PASSWORD']) };
function input(over: Partial<PrepareTemplatesInput> = {}, templates?: TemplateEntry[]): PrepareTemplatesInput {
  return {
    templates: templates ?? [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }],
    interpolation: { engine: 'envsubst', values: { fromEnv: true, extra: {} } },
    env: ENV,
    services: ['web', 'db'],
    durable: true,
    ...over,
  };
}
const runSnap = (home: string) => snapshotTree(join(home, 'var/run'), ['.harbor']);
const read = (home: string, path: string) => readFileSync(join(home, path), 'utf8');

describe('runPrepareTemplates', () => {
  it('renders every service into var/run/<service>/config/ with a manifest, modes kept, others\' files left alone', async () => {
    const home = await newHome();
    const deps = createFakeDeps(undefined, home);
    const result = await runPrepareTemplates(deps, input());
    assert.deepStrictEqual(Object.keys(contentOf(runSnap(home))), [
      '.env.run', 'db', 'db/config', 'db/config/init.sql', 'manifest.json', 'overlays', 'overlays/compose.env.gen.yml',
      'web', 'web/config', 'web/config/logo.bin', 'web/config/nginx.conf', 'web/config/site', 'web/config/site/index.html',
    ]);
    assert.equal(read(home, 'var/run/web/config/nginx.conf'), 'server { listen 8080; set $x 1; }\n');
    assert.equal(read(home, 'var/run/web/config/site/index.html'), '<title>harbor</title>\n<p>HARBOR</p>\n');
    assert.deepStrictEqual(readFileSync(join(home, 'var/run/web/config/logo.bin')), Buffer.from(BASE_FILES['stacks/web/templates/logo.bin']));
    assert.equal(statSync(join(home, 'var/run/web/config/nginx.conf')).mode & 0o777, 0o640);
    const manifest = JSON.parse(read(home, 'var/run/manifest.json'));
    assert.deepStrictEqual(Object.keys(manifest.files), ['var/run/db/config/init.sql', 'var/run/web/config/logo.bin', 'var/run/web/config/nginx.conf', 'var/run/web/config/site/index.html']);
    assert.deepStrictEqual(manifest.files['var/run/web/config/nginx.conf'], { source: 'stacks/web/templates/nginx.conf.tmpl', service: 'web', engine: 'envsubst', sha256: manifest.files['var/run/web/config/nginx.conf'].sha256, mode: '0640', secret: false });
    assert.deepStrictEqual(Object.keys(result.configHashes), ['db', 'web']);
    assert.deepStrictEqual([result.diff.added.length, result.written], [4, true]);
    assert.deepStrictEqual([read(home, 'var/run/.env.run'), existsSync(join(home, STAGING_DIR)), existsSync(join(home, JOURNAL_PATH)), existsSync(join(home, 'var/run/.harbor/lock'))], ['A=1\n', false, false, false]);
    assert.deepStrictEqual(deps.logs.at(-1), 'info: 4 added, 0 changed, 0 removed, 0 unchanged');
  });

  it('the same inputs give a byte-identical tree (content and modes)', async () => {
    const [a, b] = [await newHome(), await newHome()];
    await runPrepareTemplates(createFakeDeps(undefined, a), input());
    await runPrepareTemplates(createFakeDeps(undefined, b), input());
    assert.deepStrictEqual(contentOf(runSnap(a)), contentOf(runSnap(b)));
  });

  it('a second prepare with nothing changed writes nothing: same inodes, same mtimes', async () => {
    const home = await newHome();
    await runPrepareTemplates(createFakeDeps(undefined, home), input());
    const before = runSnap(home);
    const result = await runPrepareTemplates(createFakeDeps(undefined, home), input());
    assert.deepStrictEqual([result.written, result.diff.unchanged.length], [false, 4]);
    assert.deepStrictEqual(runSnap(home), before);
  });

  it('a change in one service rewrites only that file; every other file keeps its inode and mtime', async () => {
    const home = await newHome();
    const first = await runPrepareTemplates(createFakeDeps(undefined, home), input());
    const before = runSnap(home);
    const env = { values: new Map([...ENV.values, ['PORT', '9090']]), secretNames: ENV.secretNames };
    const second = await runPrepareTemplates(createFakeDeps(undefined, home), input({ env }));
    const after = runSnap(home);
    const moved = Object.keys(after).filter((p) => after[p]!.ino !== before[p]!.ino || after[p]!.mtimeMs !== before[p]!.mtimeMs);
    // The web/config folder's own mtime changes (an entry was renamed in it); its inode, which a bind mount pins, does not.
    assert.deepStrictEqual(moved.sort(), ['manifest.json', 'web/config', 'web/config/nginx.conf']);
    assert.equal(after['web/config']!.ino, before['web/config']!.ino);
    assert.deepStrictEqual(second.diff.changed.map((c) => c.path), ['var/run/web/config/nginx.conf']);
    assert.equal(second.configHashes.db, first.configHashes.db);
    assert.notEqual(second.configHashes.web, first.configHashes.web);
  });

  it('a hand-edited or deleted rendered file is put back; a removed template removes its file and empty folders', async () => {
    const home = await newHome();
    await runPrepareTemplates(createFakeDeps(undefined, home), input());
    writeFileSync(join(home, 'var/run/web/config/nginx.conf'), 'edited by hand');
    await rm(join(home, 'stacks/web/templates/site'), { recursive: true });
    write(home, { 'var/run/web/config/user-notes.txt': 'mine' });
    const result = await runPrepareTemplates(createFakeDeps(undefined, home), input());
    assert.deepStrictEqual([result.diff.changed.map((c) => c.path), result.diff.removed.map((c) => c.path)], [['var/run/web/config/nginx.conf'], ['var/run/web/config/site/index.html']]);
    assert.equal(read(home, 'var/run/web/config/nginx.conf'), 'server { listen 8080; set $x 1; }\n');
    assert.deepStrictEqual([existsSync(join(home, 'var/run/web/config/site')), read(home, 'var/run/web/config/user-notes.txt')], [false, 'mine']);
  });

  it('preparing one service leaves the other services\' files and manifest entries alone', async () => {
    const home = await newHome();
    await runPrepareTemplates(createFakeDeps(undefined, home), input());
    const db = runSnap(home)['db/config/init.sql'];
    const result = await runPrepareTemplates(createFakeDeps(undefined, home), input({ services: ['web'] }));
    assert.deepStrictEqual(runSnap(home)['db/config/init.sql'], db);
    assert.deepStrictEqual(Object.keys(result.configHashes), ['db', 'web']);
    assert.deepStrictEqual(result.diff.removed, []);
  });

  it('a file can become a folder and back', async () => {
    const home = await newHome({ 'stacks/web/templates/thing': 'file' });
    await runPrepareTemplates(createFakeDeps(undefined, home), input({ services: ['web'] }));
    await rm(join(home, 'stacks/web/templates/thing'));
    write(home, { 'stacks/web/templates/thing/inner': 'now a folder' });
    await runPrepareTemplates(createFakeDeps(undefined, home), input({ services: ['web'] }));
    assert.equal(read(home, 'var/run/web/config/thing/inner'), 'now a folder');
    await rm(join(home, 'stacks/web/templates/thing'), { recursive: true });
    write(home, { 'stacks/web/templates/thing': 'file again' });
    await runPrepareTemplates(createFakeDeps(undefined, home), input({ services: ['web'] }));
    assert.equal(read(home, 'var/run/web/config/thing'), 'file again');
  });

  it('secrets: true renders the secret into a 0600 file; the manifest is 0600 then and never holds the value', async () => {
    const home = await newHome({ 'stacks/db/templates/db.env.tmpl': 'PASSWORD=${DB_PASSWORD}\n' });
    await runPrepareTemplates(createFakeDeps(undefined, home), input({}, [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: true }]));
    assert.equal(read(home, 'var/run/db/config/db.env'), 'PASSWORD=pa55-w0rd-xyz\n');
    assert.deepStrictEqual([statSync(join(home, 'var/run/db/config/db.env')).mode & 0o777, statSync(join(home, 'var/run/manifest.json')).mode & 0o777], [0o600, 0o600]);
    assert.equal(read(home, 'var/run/manifest.json').includes('pa55'), false);
    assert.equal(JSON.parse(read(home, 'var/run/manifest.json')).files['var/run/db/config/db.env'].secret, true);
  });

  it('runPlanTemplates reports what prepare would do and writes nothing', async () => {
    const home = await newHome();
    await runPrepareTemplates(createFakeDeps(undefined, home), input());
    const before = snapshotTree(home);
    const env = { values: new Map([...ENV.values, ['DB_NAME', 'other']]), secretNames: ENV.secretNames };
    const { diff } = await runPlanTemplates({ home }, input({ env }));
    assert.deepStrictEqual([diff.added, diff.changed.map((c) => [c.path, c.source]), diff.removed, diff.unchanged.length], [[], [['var/run/db/config/init.sql', 'stacks/db/templates/init.sql.tmpl']], [], 3]);
    assert.deepStrictEqual(snapshotTree(home), before);
  });
});

describe('runPrepareTemplates: bad inputs fail with their exact error and change nothing', () => {
  const cases: Array<{ name: string; setup?: (home: string) => void; templates?: TemplateEntry[]; message: string; hint?: string }> = [
    {
      name: 'a `to` that escapes the home',
      templates: [{ from: 'stacks/${service}/templates/**', to: '../../etc/', secrets: false }],
      message: 'prepare.templates[0].to: "../../etc/" is outside var/run/',
      hint: 'templates are rendered below var/run/ in the home, e.g. var/run/${service}/config/',
    },
    {
      name: 'a symlink in a template folder pointing outside it',
      setup: (home) => symlinkSync('/etc/hostname', join(home, 'stacks/web/templates/host.conf')),
      message: 'stacks/web/templates/host.conf: symlink points outside the template folder stacks/web/templates (to /etc/hostname)',
      hint: 'copy the file into stacks/web/templates/ instead of linking to it',
    },
    {
      name: 'a linked folder inside the template folder that leads outside it',
      setup: (home) => {
        write(home, { 'elsewhere/secret.txt': 'x' });
        symlinkSync('../../../elsewhere', join(home, 'stacks/web/templates/linked'));
      },
      message: 'stacks/web/templates/linked: symlink points outside the template folder stacks/web/templates (to ../../../elsewhere)',
    },
    {
      name: 'an undefined variable half-way through the templates',
      setup: (home) => write(home, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`stacks/web/templates/many/f${String(i).padStart(2, '0')}.tmpl`, i === 20 ? 'a\nb=${NOT_SET}\n' : 'p=${PORT}\n']))),
      message: 'stacks/web/templates/many/f20.tmpl:2:3: undefined variable NOT_SET',
      hint: 'set NOT_SET in an env layer or in prepare.interpolation.values.extra, or give it a default: ${NOT_SET:-value}',
    },
    {
      name: 'invalid liquid syntax',
      setup: (home) => write(home, { 'stacks/web/templates/bad.yml.liquid': 'a: 1\n{% for x in LIST %}\n' }),
      message: 'stacks/web/templates/bad.yml.liquid:2:1: invalid liquid: tag {% for x in LIST %} not closed',
    },
    {
      name: 'a binary file with a template suffix, even one containing {{',
      setup: (home) => write(home, { 'stacks/web/templates/image.png.liquid': new Uint8Array([0x89, 0x50, 0x00, 0x7b, 0x7b, 0x20, 0x7d, 0x7d]) }),
      message: 'stacks/web/templates/image.png.liquid: binary file cannot be a template',
      hint: 'drop its .liquid suffix to copy it byte for byte',
    },
    {
      name: 'a secret in a template without secrets: true',
      setup: (home) => write(home, { 'stacks/db/templates/creds.tmpl': 'user=app\npass=${DB_PASSWORD}\n' }),
      message: 'stacks/db/templates/creds.tmpl:2:6: DB_PASSWORD is a secret and prepare.templates[0] does not allow secrets',
      hint: 'add `secrets: true` to prepare.templates[0] to render it (the file is then written with mode 0600)',
    },
    {
      name: 'a symlink inside var/run on the way to a target',
      setup: (home) => {
        write(home, { 'stacks/api/templates/a.conf': 'x' });
        mkdirSync(join(home, 'outside'));
        symlinkSync(join(home, 'outside'), join(home, 'var/run/api'));
      },
      templates: [{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }, { from: 'stacks/api/templates/*', to: 'var/run/api/config/', secrets: false }],
      message: 'cannot write var/run/api/config/a.conf: var/run/api is a symlink',
      hint: 'Harbor does not write through links inside var/run/: remove var/run/api',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const home = await newHome();
      await runPrepareTemplates(createFakeDeps(undefined, home), input());
      c.setup?.(home);
      const before = snapshotTree(home, ['var/run/.harbor']);
      await assert.rejects(runPrepareTemplates(createFakeDeps(undefined, home), input({}, c.templates)), (err: Error & { hint?: string }) => {
        assert.equal(err.message, c.message);
        if (c.hint !== undefined) assert.equal(err.hint, c.hint);
        assert.equal(err.message.includes('pa55'), false);
        return true;
      });
      assert.deepStrictEqual(snapshotTree(home, ['var/run/.harbor']), before);
      assert.deepStrictEqual([existsSync(join(home, STAGING_DIR)), existsSync(join(home, 'var/run/.harbor/lock'))], [false, false]);
    });
  }
});

describe('runRemoveTemplates', () => {
  it('removes exactly what templates rendered, the folders left empty and the manifest; nothing else', async () => {
    const home = await newHome();
    await runPrepareTemplates(createFakeDeps(undefined, home), input());
    write(home, { 'var/run/web/config/user-notes.txt': 'mine' });
    const removed = await runRemoveTemplates(createFakeDeps(undefined, home));
    assert.deepStrictEqual(removed, ['var/run/db/config/init.sql', 'var/run/web/config/logo.bin', 'var/run/web/config/nginx.conf', 'var/run/web/config/site/index.html']);
    assert.deepStrictEqual(Object.keys(runSnap(home)), ['.env.run', 'overlays', 'overlays/compose.env.gen.yml', 'web', 'web/config', 'web/config/user-notes.txt']);
  });
});
