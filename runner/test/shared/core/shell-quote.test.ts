import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { renderShellCommand } from '../../../src/shared/core/shell-quote';

const cases: Array<{ name: string; argv: string[]; expected: string }> = [
  { name: 'plain words stay bare', argv: ['docker', 'compose', '-p', 'demo', '-f', '/srv/h/etc/stacks/compose.yml'], expected: 'docker compose -p demo -f /srv/h/etc/stacks/compose.yml' },
  { name: 'spaces are single-quoted', argv: ['-f', '/home/me/My Harbor/compose.yml'], expected: "-f '/home/me/My Harbor/compose.yml'" },
  { name: 'a single quote is closed, escaped, reopened', argv: ["it's"], expected: `'it'\\''s'` },
  { name: 'dollar, backtick, glob and semicolon are quoted', argv: ['$HOME', '`id`', '*', 'a;b'], expected: `'$HOME' '\`id\`' '*' 'a;b'` },
  { name: 'the empty word is kept', argv: ['a', ''], expected: "a ''" },
];

for (const c of cases) {
  test(`renderShellCommand: ${c.name}`, () => {
    assert.deepStrictEqual(renderShellCommand(c.argv), c.expected);
  });
}

test('renderShellCommand: sh reads the line back as the same words', () => {
  const argv = ['printf', '%s\\n', "it's", '$HOME', 'a b', '`id`', '', 'new\nline', '*'];
  const r = spawnSync('sh', ['-c', renderShellCommand(argv)], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.deepStrictEqual(r.stdout, "it's\n$HOME\na b\n`id`\n\nnew\nline\n*\n");
});
