import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readTemplateFiles } from '../../src/templates/read-template-files';
import { buildTemplateJobs } from '../../src/templates/core/build-template-jobs';
import { EnvError } from '../../src/shared/core/errors';

const home = await mkdtemp(join(tmpdir(), 'harbor-read-templates-'));
after(() => rm(home, { recursive: true, force: true }));
const put = (path: string, text: string) => {
  mkdirSync(dirname(join(home, path)), { recursive: true });
  writeFileSync(join(home, path), text);
};
put('stacks/web/templates/b.conf', 'b');
put('stacks/web/templates/.hidden', 'h');
put('stacks/web/templates/sub/a.tmpl', 'a');
chmodSync(join(home, 'stacks/web/templates/sub/a.tmpl'), 0o750);
symlinkSync('sub/a.tmpl', join(home, 'stacks/web/templates/inside-link'));
put('stacks/bad/templates/ok', 'ok');
symlinkSync('missing', join(home, 'stacks/bad/templates/dangling'));
put('stacks/fifo/templates/ok', 'ok');
put('stacks/up/templates/a', 'a');
symlinkSync('..', join(home, 'stacks/up/templates/parent'));
put('stacks/loop/templates/a', 'a');
symlinkSync('.', join(home, 'stacks/loop/templates/self'));
execFileSync('mkfifo', [join(home, 'stacks/fifo/templates/pipe')]);

const jobs = (from: string, services: string[] = ['web']) => buildTemplateJobs([{ from, to: 'var/run/${service}/config/', secrets: false }], services);
const summary = async (from: string, services?: string[]) =>
  (await readTemplateFiles(home, jobs(from, services))).map((set) => set.files.map((f) => [f.path, f.rel, new TextDecoder().decode(f.bytes), f.mode.toString(8)]));

describe('readTemplateFiles', () => {
  it('reads every matched file (dotfiles too, links inside the folder followed), sorted, with modes', async () => {
    assert.deepStrictEqual(await summary('stacks/${service}/templates/**'), [[
      ['stacks/web/templates/.hidden', '.hidden', 'h', '644'],
      ['stacks/web/templates/b.conf', 'b.conf', 'b', '644'],
      ['stacks/web/templates/inside-link', 'inside-link', 'a', '750'],
      ['stacks/web/templates/sub/a.tmpl', 'sub/a.tmpl', 'a', '750'],
    ]]);
  });
  it('a service without a template folder has no files', async () => {
    assert.deepStrictEqual(await summary('stacks/${service}/templates/**', ['nothing']), [[]]);
  });
  it('a glob skips what is not a file or a link to one (broken links, pipes)', async () => {
    assert.deepStrictEqual(await summary('stacks/${service}/templates/**', ['bad', 'fifo']), [[['stacks/bad/templates/ok', 'ok', 'ok', '644']], [['stacks/fifo/templates/ok', 'ok', 'ok', '644']]]);
  });
  it('a link to the folder itself is followed once (a loop is not endless)', async () => {
    assert.deepStrictEqual(await summary('stacks/${service}/templates/**', ['loop']), [[['stacks/loop/templates/a', 'a', 'a', '644'], ['stacks/loop/templates/self/a', 'self/a', 'a', '644']]]);
  });
  it('a link to a folder above the template folder is an error, even when it leads back inside', async () => {
    await assert.rejects(readTemplateFiles(home, jobs('stacks/${service}/templates/**', ['up'])), {
      message: 'stacks/up/templates/parent: symlink points outside the template folder stacks/up/templates (to ..)',
    });
  });
  it('a literal path names one file', async () => {
    assert.deepStrictEqual(await summary('stacks/web/templates/sub/a.tmpl'), [[['stacks/web/templates/sub/a.tmpl', 'a.tmpl', 'a', '750']]]);
  });

  const bad: Array<{ name: string; from: string; services?: string[]; message: string; hint: string }> = [
    { name: 'a literal path that does not exist', from: 'stacks/web/nope.tmpl', message: 'prepare.templates[0].from: stacks/web/nope.tmpl does not exist', hint: 'create the template, or fix the path (relative to the home)' },
    { name: 'a literal path to a folder', from: 'stacks/web/templates', message: 'prepare.templates[0].from: stacks/web/templates is a folder', hint: 'use stacks/web/templates/** for every file in it' },
    { name: 'a broken symlink named as the template', from: 'stacks/bad/templates/dangling', message: 'stacks/bad/templates/dangling: broken symlink', hint: 'point the link at an existing file in the template folder, or remove it' },
    { name: 'a named pipe named as the template (reading it would hang)', from: 'stacks/fifo/templates/pipe', message: 'stacks/fifo/templates/pipe: not a regular file', hint: 'template folders may hold files, folders and links to files inside them only' },
  ];
  for (const c of bad) {
    it(`fails on ${c.name}`, async () => {
      await assert.rejects(readTemplateFiles(home, jobs(c.from, c.services)), (err: EnvError) => {
        assert.deepStrictEqual([err.constructor, err.message, err.hint], [EnvError, c.message, c.hint]);
        return true;
      });
    });
  }
});
