import { deepStrictEqual, throws } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { DescriptorError, EnvError } from '../../../src/shared/core/errors';
import { buildTemplateJobs } from '../../../src/templates/core/build-template-jobs';
import { planTemplates } from '../../../src/templates/core/plan-templates';
import type { TemplateSourceSet } from '../../../src/templates/core/rendered-tree';
import { buildTemplateValues } from '../../../src/templates/core/template-values';
import type { TemplateEntry } from '../../../src/descriptor/core/templates-config-schema';

const text = (s: string) => new TextEncoder().encode(s);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x7b, 0x7b, 0x0a]);

const values = buildTemplateValues(
  { values: new Map([['HOST', 'db'], ['PASS', 'pw-123456']]), secretNames: new Set(['PASS']) },
  { engine: 'envsubst', values: { fromEnv: true, extra: { TLS: true, HOST: 'overridden by env' } } },
);

/** Sets built the way readTemplateFiles builds them: files under each job's folder. */
function sets(entries: TemplateEntry[], services: string[], files: Record<string, { bytes: Uint8Array; mode?: number }>): TemplateSourceSet[] {
  return buildTemplateJobs(entries, services).map((job) => ({
    job,
    files: Object.entries(files)
      .filter(([path]) => path.startsWith(`${job.folder}/`) && (job.literal ? path === job.pattern : true))
      .map(([path, f]) => ({ path, rel: path.slice(job.folder.length + 1), bytes: f.bytes, mode: f.mode ?? 0o644 })),
  }));
}
const web = (e: Partial<TemplateEntry> = {}): TemplateEntry => ({ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false, ...e });

describe('planTemplates', () => {
  it('renders, copies, drops suffixes, keeps modes, skips partials, in path order', () => {
    const files = {
      'stacks/web/templates/app.conf.tmpl': { bytes: text('host=${HOST} tls=${TLS}\n') },
      'stacks/web/templates/run.sh.tmpl': { bytes: text('#!/bin/sh\necho $${HOST}\n'), mode: 0o755 },
      'stacks/web/templates/site/index.html.liquid': { bytes: text('{% include "_head.liquid" %}<p>{{ HOST | upper }}</p>\n') },
      'stacks/web/templates/_head.liquid': { bytes: text('<h1>{{ TLS }}</h1>') },
      'stacks/web/templates/logo.png': { bytes: PNG },
      'stacks/web/templates/plain.txt': { bytes: text('${NOT_RENDERED}') },
    };
    const planned = planTemplates({ sets: sets([web()], ['web'], files), values, tmplEngine: 'envsubst', services: ['web'] });
    const summary = [...planned.files.values()].map((f) => ({ path: f.path, source: f.source, engine: f.engine, text: new TextDecoder().decode(f.bytes), mode: f.mode.toString(8), secret: f.secret, ok: f.sha256 === sha(f.bytes) }));
    deepStrictEqual(summary, [
      { path: 'var/run/web/config/app.conf', source: 'stacks/web/templates/app.conf.tmpl', engine: 'envsubst', text: 'host=db tls=true\n', mode: '644', secret: false, ok: true },
      { path: 'var/run/web/config/logo.png', source: 'stacks/web/templates/logo.png', engine: 'copy', text: new TextDecoder().decode(PNG), mode: '644', secret: false, ok: true },
      { path: 'var/run/web/config/plain.txt', source: 'stacks/web/templates/plain.txt', engine: 'copy', text: '${NOT_RENDERED}', mode: '644', secret: false, ok: true },
      { path: 'var/run/web/config/run.sh', source: 'stacks/web/templates/run.sh.tmpl', engine: 'envsubst', text: '#!/bin/sh\necho ${HOST}\n', mode: '755', secret: false, ok: true },
      { path: 'var/run/web/config/site/index.html', source: 'stacks/web/templates/site/index.html.liquid', engine: 'liquid', text: '<h1>true</h1><p>DB</p>\n', mode: '644', secret: false, ok: true },
    ]);
    deepStrictEqual(planned.services, ['web']);
    deepStrictEqual([...planned.files.get('var/run/web/config/logo.png')!.bytes], [...PNG]);
  });

  it('under an engine, a binary file without a suffix is copied byte for byte', () => {
    const planned = planTemplates({ sets: sets([web({ engine: 'envsubst' })], ['web'], { 'stacks/web/templates/x.bin': { bytes: PNG }, 'stacks/web/templates/a.ini': { bytes: text('h=$HOST') } }), values, tmplEngine: 'envsubst', services: ['web'] });
    deepStrictEqual([...planned.files.values()].map((f) => [f.path, f.engine, sha(f.bytes)]), [
      ['var/run/web/config/a.ini', 'envsubst', sha(text('h=db'))],
      ['var/run/web/config/x.bin', 'copy', sha(PNG)],
    ]);
  });

  it('liquid can include a text file that is itself only copied', () => {
    const planned = planTemplates({ sets: sets([web()], ['web'], { 'stacks/web/templates/page.liquid': { bytes: text('[{% include "snippet.txt" %}]') }, 'stacks/web/templates/snippet.txt': { bytes: text('${LITERAL}') } }), values, tmplEngine: 'envsubst', services: ['web'] });
    deepStrictEqual([...planned.files.values()].map((f) => [f.path, new TextDecoder().decode(f.bytes)]), [
      ['var/run/web/config/page', '[${LITERAL}]'],
      ['var/run/web/config/snippet.txt', '${LITERAL}'],
    ]);
  });

  it('a file that renders a secret gets mode 0600 and is marked secret', () => {
    const planned = planTemplates({ sets: sets([web({ secrets: true })], ['web'], { 'stacks/web/templates/db.env.tmpl': { bytes: text('P=${PASS}'), mode: 0o644 }, 'stacks/web/templates/h.tmpl': { bytes: text('${HOST}'), mode: 0o640 } }), values, tmplEngine: 'envsubst', services: ['web'] });
    deepStrictEqual([...planned.files.values()].map((f) => [f.path, f.mode.toString(8), f.secret]), [
      ['var/run/web/config/db.env', '600', true],
      ['var/run/web/config/h', '640', false],
    ]);
  });

  it('the same inputs give the same bytes and hashes', () => {
    const files = { 'stacks/web/templates/a.liquid': { bytes: text('{{ HOST }}') }, 'stacks/web/templates/b.tmpl': { bytes: text('${HOST}') } };
    const once = () => [...planTemplates({ sets: sets([web()], ['web'], files), values, tmplEngine: 'liquid', services: ['web'] }).files.values()].map((f) => [f.path, f.sha256, f.mode]);
    deepStrictEqual(once(), once());
  });

  const bad: Array<{ name: string; entries: TemplateEntry[]; files: Record<string, { bytes: Uint8Array }>; error: Error }> = [
    {
      name: 'a binary file with a template suffix',
      entries: [web()],
      files: { 'stacks/web/templates/logo.png.tmpl': { bytes: PNG } },
      error: new EnvError('stacks/web/templates/logo.png.tmpl: binary file cannot be a template', { hint: 'drop its .tmpl suffix to copy it byte for byte' }),
    },
    {
      name: 'two sources for one output',
      entries: [web()],
      files: { 'stacks/web/templates/a.conf': { bytes: text('x') }, 'stacks/web/templates/a.conf.tmpl': { bytes: text('y') } },
      error: new DescriptorError('prepare.templates[0]: stacks/web/templates/a.conf.tmpl and stacks/web/templates/a.conf would both be written to var/run/web/config/a.conf', { hint: 'rename one of them, or send one entry to another `to:` folder' }),
    },
    {
      name: 'a file where another entry writes a folder',
      entries: [web(), { from: 'etc/x.tmpl', to: 'var/run/web/config/site', secrets: false }],
      files: { 'stacks/web/templates/site/a': { bytes: text('x') }, 'etc/x.tmpl': { bytes: text('y') } },
      error: new DescriptorError('prepare.templates[1]: etc/x.tmpl would be written to var/run/web/config/site, but stacks/web/templates/site/a is written to var/run/web/config/site/a', { hint: 'a path cannot be both a file and a folder' }),
    },
    {
      name: 'a glob into the run folder that hits the manifest',
      entries: [{ from: 'etc/run/*', to: 'var/run/', secrets: false }],
      files: { 'etc/run/manifest.json': { bytes: text('{}') } },
      error: new DescriptorError('prepare.templates[0]: etc/run/manifest.json would be written to var/run/manifest.json, where Harbor keeps the templates manifest', { hint: 'render templates to their own folder, e.g. var/run/${service}/config/' }),
    },
    {
      name: 'an undefined variable half-way through',
      entries: [web()],
      files: { 'stacks/web/templates/a.tmpl': { bytes: text('${HOST}') }, 'stacks/web/templates/b.tmpl': { bytes: text('\n${MISSING}') } },
      error: new EnvError('stacks/web/templates/b.tmpl:2:1: undefined variable MISSING'),
    },
  ];
  for (const c of bad) {
    it(`fails on ${c.name}`, () => {
      throws(() => planTemplates({ sets: sets(c.entries, ['web'], c.files), values, tmplEngine: 'envsubst', services: ['web'] }), (err: Error) => {
        deepStrictEqual([err.constructor, err.message], [c.error.constructor, c.error.message]);
        if ((c.error as EnvError).hint) deepStrictEqual((err as EnvError).hint, (c.error as EnvError).hint);
        return true;
      });
    });
  }
});
