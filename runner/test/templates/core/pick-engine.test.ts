import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pickEngine } from '../../../src/templates/core/pick-engine';
import type { TemplateEngine } from '../../../src/descriptor/core/templates-config-schema';

describe('pickEngine', () => {
  const cases: Array<{ name: string; rel: string; entry: TemplateEngine | undefined; tmpl: TemplateEngine; expected: unknown }> = [
    { name: '.liquid is liquid, suffix dropped', rel: 'a/site.conf.liquid', entry: undefined, tmpl: 'envsubst', expected: { engine: 'liquid', outputRel: 'a/site.conf', bySuffix: true } },
    { name: '.liquid stays liquid under engine: envsubst', rel: 'x.liquid', entry: 'envsubst', tmpl: 'envsubst', expected: { engine: 'liquid', outputRel: 'x', bySuffix: true } },
    { name: '.tmpl takes the interpolation engine', rel: 'x.yml.tmpl', entry: undefined, tmpl: 'envsubst', expected: { engine: 'envsubst', outputRel: 'x.yml', bySuffix: true } },
    { name: '.tmpl takes the entry engine first', rel: 'x.yml.tmpl', entry: 'liquid', tmpl: 'envsubst', expected: { engine: 'liquid', outputRel: 'x.yml', bySuffix: true } },
    { name: 'no suffix, no engine: copied', rel: 'logo.png', entry: undefined, tmpl: 'liquid', expected: { engine: 'copy', outputRel: 'logo.png', bySuffix: false } },
    { name: 'no suffix under an engine: rendered, name kept', rel: 'app.ini', entry: 'envsubst', tmpl: 'liquid', expected: { engine: 'envsubst', outputRel: 'app.ini', bySuffix: false } },
    { name: 'a file named only .tmpl has no suffix', rel: 'd/.tmpl', entry: undefined, tmpl: 'envsubst', expected: { engine: 'copy', outputRel: 'd/.tmpl', bySuffix: false } },
    { name: 'the suffix must end the name', rel: 'x.tmpl.bak', entry: undefined, tmpl: 'envsubst', expected: { engine: 'copy', outputRel: 'x.tmpl.bak', bySuffix: false } },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(pickEngine(c.rel, c.entry, c.tmpl), c.expected));
});
