import { deepStrictEqual } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findUnknownOption } from '../../../src/cli/core/find-unknown-option';

const FLAGS = ['--profile <name>', '--no-defaults', '--capabilities <list>', '-v, --volumes', '--dry-run', '--json', '-n, --tail <lines>', '-h, --help'];

describe('findUnknownOption', () => {
  const cases: Array<{ name: string; argv: string[]; expected: ReturnType<typeof findUnknownOption> }> = [
    { name: 'every flag known', argv: ['up', '--dry-run', '--json', 'webui'], expected: undefined },
    { name: 'as typed, with the nearest', argv: ['up', '--dry-runn'], expected: { flag: '--dry-runn', nearest: ['--dry-run'] } },
    { name: 'an underscore typo', argv: ['up', '--dry_run'], expected: { flag: '--dry_run', nearest: ['--dry-run'] } },
    { name: 'nothing close', argv: ['up', '--detach'], expected: { flag: '--detach', nearest: [] } },
    { name: '=value is not part of the flag', argv: ['up', '--profil=llm'], expected: { flag: '--profil', nearest: ['--profile'] } },
    { name: '--no-x also allows --x', argv: ['up', '--defaults', '--no-default'], expected: { flag: '--no-default', nearest: ['--no-defaults'] } },
    { name: 'a value that starts with - is the value', argv: ['logs', '-n', '-5', '--capabilities', '-x'], expected: undefined },
    { name: 'grouped short flags: the unknown letter', argv: ['down', '-vx'], expected: { flag: '-x', nearest: ['-h', '-n', '-v'] } },
    { name: 'words after -- are not flags', argv: ['exec', 'hello', '--', 'ls', '--long'], expected: undefined },
    { name: 'a lone - is a word', argv: ['secrets', 'set', '-'], expected: undefined },
  ];
  for (const c of cases) it(c.name, () => deepStrictEqual(findUnknownOption(c.argv, FLAGS), c.expected));
});
