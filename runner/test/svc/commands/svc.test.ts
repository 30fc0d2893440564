import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/cli';
import { svcCommand } from '../../../src/svc/commands/svc';
import { HarborError } from '../../../src/shared/core/errors';
import { createFakeDeps } from '../../support/fake-deps';
import { makeTempHome } from '../../support/temp-home';

const FILES = {
  'stacks/hello/harbor.yaml': 'version: 1\ncommands:\n  visits:\n    summary: Print visits\n    run: [cat, /data/visits]\n',
  'stacks/hello/cmd/status': '#!/bin/sh\n# summary: Show the state\nexit 0\n',
  // The yaml wins over a script of the same name.
  'stacks/hello/cmd/visits.sh': '#!/bin/sh\n# in: container\necho shadowed\n',
  'stacks/plain/service.env': 'A=1\n',
};

async function harbor(argv: string[], files: Record<string, string> = FILES) {
  const home = await makeTempHome(files);
  const deps = createFakeDeps(() => ({}), home);
  try {
    const code = await runCli(argv, [svcCommand], deps);
    return { code, stdout: deps.stdout.join(''), message: '', calls: deps.calls };
  } catch (err) {
    if (!(err instanceof HarborError)) throw err;
    return { code: err.exitCode, stdout: deps.stdout.join(''), message: `${err.message}\n${err.hint ?? ''}`, calls: deps.calls };
  }
}

test('svc SERVICE --help and svc SERVICE list the commands, without touching docker', async () => {
  const expected = 'Commands of hello (harbor svc hello <command> [args]):\n  status  Show the state [runner]\n  visits  Print visits [container]\n';
  for (const argv of [['svc', 'hello', '--help'], ['svc', 'hello']]) {
    const r = await harbor(argv);
    assert.equal(r.code, 0, r.message);
    assert.equal(r.stdout, expected);
    assert.equal(r.calls.length, 0);
  }
});

test('svc with no service lists the services that have commands; --json', async () => {
  assert.equal((await harbor(['svc'])).stdout, 'Services with commands: hello\nRun `harbor svc <service> --help` to list one\'s commands.\n');
  const json = JSON.parse((await harbor(['svc', 'hello', '--json'])).stdout);
  assert.deepEqual(json.map((c: { name: string; in: string }) => [c.name, c.in]), [['status', 'runner'], ['visits', 'container']]);
});

test('bad input: exact errors', async () => {
  const cases = [
    { argv: ['svc', 'hello', 'visit'], code: 2, message: /hello has no command "visit" \(did you mean visits\?\)\nits commands: status, visits \(harbor svc hello --help\)/ },
    { argv: ['svc', 'plain', 'x'], code: 2, message: /plain has no command "x"\nadd commands: to stacks\/plain\/harbor\.yaml or a script to stacks\/plain\/cmd\// },
    { argv: ['svc', '../etc', 'x'], code: 2, message: /"\.\.\/etc" is not a service name/ },
  ];
  for (const c of cases) {
    const r = await harbor(c.argv);
    assert.equal(r.code, c.code, r.message);
    assert.match(r.message, c.message);
    assert.equal(r.calls.length, 0);
  }
  const broken = await harbor(['svc', 'hello', '--help'], { 'stacks/hello/harbor.yaml': 'commands:\n  visits:\n    in: vm\n    run: [ls]\n' });
  assert.equal(broken.code, 3);
  assert.match(broken.message, /stacks\/hello\/harbor\.yaml:3:9: commands\.visits\.in: must be container, one-off or runner/);
});
