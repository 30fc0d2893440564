import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescriptorError } from '../../../src/shared/core/errors';
import { buildTemplateJobs } from '../../../src/templates/core/build-template-jobs';
import type { TemplateEntry } from '../../../src/descriptor/core/templates-config-schema';

const entry = (e: Partial<TemplateEntry> & { from: string }): TemplateEntry => ({ to: 'var/run/${service}/config/', secrets: false, ...e });

describe('buildTemplateJobs', () => {
  const cases: Array<{ name: string; entries: TemplateEntry[]; services: string[]; expected: unknown }> = [
    {
      name: 'the default entry, one job per service',
      entries: [entry({ from: 'stacks/${service}/templates/**' })],
      services: ['web', 'db'],
      expected: [
        { entry: 'prepare.templates[0]', service: 'web', pattern: 'stacks/web/templates/**', folder: 'stacks/web/templates', literal: false, to: 'var/run/web/config', toIsDir: true, engine: undefined, secrets: false },
        { entry: 'prepare.templates[0]', service: 'db', pattern: 'stacks/db/templates/**', folder: 'stacks/db/templates', literal: false, to: 'var/run/db/config', toIsDir: true, engine: undefined, secrets: false },
      ],
    },
    {
      name: 'an entry without ${service}: one job, no service',
      entries: [entry({ from: 'etc/shared/*.conf', to: 'var/run/shared/', engine: 'liquid', secrets: true })],
      services: ['web'],
      expected: [{ entry: 'prepare.templates[0]', service: null, pattern: 'etc/shared/*.conf', folder: 'etc/shared', literal: false, to: 'var/run/shared', toIsDir: true, engine: 'liquid', secrets: true }],
    },
    {
      name: 'a literal file to a file (normalised paths)',
      entries: [entry({ from: './stacks/${service}/./app.ini.tmpl', to: 'var/run/x/../${service}/app.ini' })],
      services: ['web'],
      expected: [{ entry: 'prepare.templates[0]', service: 'web', pattern: 'stacks/web/app.ini.tmpl', folder: 'stacks/web', literal: true, to: 'var/run/web/app.ini', toIsDir: false, engine: undefined, secrets: false }],
    },
    {
      name: 'glob characters in a middle segment',
      entries: [entry({ from: 'stacks/{a,b}/t/*.tmpl', to: 'var/run/' })],
      services: [],
      expected: [{ entry: 'prepare.templates[0]', service: null, pattern: 'stacks/{a,b}/t/*.tmpl', folder: 'stacks', literal: false, to: 'var/run', toIsDir: true, engine: undefined, secrets: false }],
    },
    { name: 'no services: no per-service jobs', entries: [entry({ from: 'stacks/${service}/templates/**' })], services: [], expected: [] },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(buildTemplateJobs(c.entries, c.services), c.expected));

  const bad: Array<{ name: string; entries: TemplateEntry[]; message: string; hint: string }> = [
    {
      name: 'a `to` that escapes the home',
      entries: [entry({ from: 'a/**' }), entry({ from: 'b/**', to: '../../etc' })],
      message: 'prepare.templates[1].to: "../../etc" is outside var/run/',
      hint: 'templates are rendered below var/run/ in the home, e.g. var/run/${service}/config/',
    },
    { name: 'a `to` elsewhere in the home', entries: [entry({ from: 'a/**', to: 'etc/' })], message: 'prepare.templates[0].to: "etc/" is outside var/run/', hint: 'templates are rendered below var/run/ in the home, e.g. var/run/${service}/config/' },
    { name: 'a `to` that climbs out of var/run', entries: [entry({ from: 'a/**', to: 'var/run/../../x/' })], message: 'prepare.templates[0].to: "var/run/../../x/" is outside var/run/', hint: 'templates are rendered below var/run/ in the home, e.g. var/run/${service}/config/' },
    { name: 'an absolute `to`', entries: [entry({ from: 'a/**', to: '/var/run/x/' })], message: 'prepare.templates[0].to: "/var/run/x/" is outside var/run/', hint: 'templates are rendered below var/run/ in the home, e.g. var/run/${service}/config/' },
    { name: 'a `from` outside the home', entries: [entry({ from: '../other/**' })], message: 'prepare.templates[0].from: "../other/**" is outside the home', hint: 'template paths are relative to the Harbor home, e.g. stacks/${service}/templates/**' },
    { name: 'an absolute `from`', entries: [entry({ from: '/etc/*.conf' })], message: 'prepare.templates[0].from: "/etc/*.conf" is outside the home', hint: 'template paths are relative to the Harbor home, e.g. stacks/${service}/templates/**' },
    { name: 'the overlays folder', entries: [entry({ from: 'a/**', to: 'var/run/overlays/' })], message: 'prepare.templates[0].to: "var/run/overlays/" is where Harbor keeps generated compose overlays', hint: 'render templates to their own folder, e.g. var/run/${service}/config/' },
    { name: 'the manifest', entries: [entry({ from: 'a/m.json', to: 'var/run/manifest.json' })], message: 'prepare.templates[0].to: "var/run/manifest.json" is where Harbor keeps the templates manifest', hint: 'render templates to their own folder, e.g. var/run/${service}/config/' },
    { name: 'an unknown placeholder', entries: [entry({ from: 'stacks/${site}/**' })], message: 'prepare.templates[0].from: unknown placeholder "${site}" in "stacks/${site}/**"', hint: 'only ${service} is replaced in template paths' },
  ];
  for (const c of bad) {
    it(`fails on ${c.name}`, () => {
      throws(() => buildTemplateJobs(c.entries, ['web']), (err: Error) => {
        deepStrictEqual([err.constructor, err.message, (err as DescriptorError).hint], [DescriptorError, c.message, c.hint]);
        return true;
      });
    });
  }
});
