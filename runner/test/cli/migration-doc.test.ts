// docs/migration.md must say what became of every v1 command word (the fixture of v1 0.5.5's harbor.sh dispatch).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { V1_COMMAND_WORDS } from '../../../tests/support/v1-command-words';

const doc = readFileSync(new URL('../../../docs/migration.md', import.meta.url), 'utf8');
const table = doc.split('\n').filter((line) => line.startsWith('| `') || line.startsWith('| Service'));

test('the fixture holds v1\'s words (not an empty or truncated file)', () => {
  assert.ok(V1_COMMAND_WORDS.length >= 130, `only ${V1_COMMAND_WORDS.length} words`);
  for (const word of ['up', 'start', 'log', 'attach', 'volumes', 'completion', 'help', 'list']) assert.ok(V1_COMMAND_WORDS.includes(word), word);
});

for (const command of V1_COMMAND_WORDS) {
  test(`docs/migration.md covers v1 \`${command}\``, () => {
    const word = new RegExp(`\`${command}\`|\`${command} `);
    assert.ok(table.some((row) => word.test(row.split(' | ')[0]!)), `no table row starts with v1 \`${command}\``);
  });
}
