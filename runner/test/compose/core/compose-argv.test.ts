import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildComposeArgv } from '../../../src/compose/core/compose-argv';

const project = { name: 'demo', directory: '/srv/harbor' };
const head = ['docker', 'compose', '-p', 'demo', '--project-directory', '/srv/harbor'];

const cases: Array<{ name: string; files: string[]; sub: string; args: string[]; expected: string[] }> = [
  {
    name: 'files relative to the home become absolute, in order',
    files: ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'],
    sub: 'up',
    args: ['-d', '--wait'],
    expected: [...head, '-f', '/srv/harbor/etc/stacks/compose.yml', '-f', '/srv/harbor/etc/stacks/compose.hello.yml', 'up', '-d', '--wait'],
  },
  {
    name: 'absolute files stay as given',
    files: ['/opt/other/compose.yml'],
    sub: 'ps',
    args: [],
    expected: [...head, '-f', '/opt/other/compose.yml', 'ps'],
  },
  { name: 'no files: project-name-only mode', files: [], sub: 'down', args: ['--remove-orphans'], expected: [...head, 'down', '--remove-orphans'] },
  {
    name: 'arguments with spaces and shell characters stay single words',
    files: ['etc/stacks/my file.yml'],
    sub: 'exec',
    args: ['-T', 'hello', 'sh', '-c', 'echo $HOME; ls'],
    expected: [...head, '-f', '/srv/harbor/etc/stacks/my file.yml', 'exec', '-T', 'hello', 'sh', '-c', 'echo $HOME; ls'],
  },
  { name: 'an empty subcommand gives the prefix alone', files: ['etc/stacks/compose.yml'], sub: '', args: [], expected: [...head, '-f', '/srv/harbor/etc/stacks/compose.yml'] },
  {
    name: '.. in a file path is normalised',
    files: ['etc/stacks/../compose.yml'],
    sub: 'config',
    args: [],
    expected: [...head, '-f', '/srv/harbor/etc/compose.yml', 'config'],
  },
];

for (const c of cases) {
  test(`buildComposeArgv: ${c.name}`, () => {
    assert.deepStrictEqual(buildComposeArgv(project, c.files, c.sub, c.args), c.expected);
  });
}
