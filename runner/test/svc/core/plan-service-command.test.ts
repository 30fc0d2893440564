import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseYamlSource } from '../../../src/descriptor/core/yaml-source';
import { planServiceCommand } from '../../../src/svc/core/plan-service-command';
import { parseServiceCommands } from '../../../src/svc/core/parse-service-commands';
import { parseScriptHeader, renderCommandList, type ServiceCommand } from '../../../src/svc/core/service-command';

const project = { name: 'demo', directory: '/srv/harbor' };
const files = ['etc/stacks/compose.yml', 'etc/stacks/compose.hello.yml'];
const head = ['docker', 'compose', '-p', 'demo', '--project-directory', '/srv/harbor', '-f', '/srv/harbor/etc/stacks/compose.yml', '-f', '/srv/harbor/etc/stacks/compose.hello.yml'];
const cmd = (body: ServiceCommand['body'], place: ServiceCommand['place'], service = 'hello'): ServiceCommand => ({ name: 'x', summary: '', place, service, source: 's', body });
const script = { kind: 'script' as const, path: '/srv/harbor/stacks/hello/cmd/x', text: 'echo hi\n', executable: true };

describe('planServiceCommand', () => {
  const cases = [
    { name: 'argv in the container, args appended, -T without a terminal', command: cmd({ kind: 'argv', argv: ['ls', '-l'] }, 'container'), args: ['/data'], interactive: false, argv: [...head, 'exec', '-T', 'hello', 'ls', '-l', '/data'] },
    { name: 'a terminal: no -T', command: cmd({ kind: 'argv', argv: ['sh'] }, 'container'), args: [], interactive: true, argv: [...head, 'exec', 'hello', 'sh'] },
    { name: 'a shell line: args are $1.. after $0 = the name', command: cmd({ kind: 'shell', line: 'echo "$1"' }, 'one-off', 'greeter'), args: ['a b; rm -rf /'], interactive: false, argv: [...head, 'run', '--rm', '-T', 'greeter', 'sh', '-c', 'echo "$1"', 'x', 'a b; rm -rf /'] },
    { name: 'a script into the container: sh -s on stdin, always -T', command: cmd(script, 'container'), args: ['1'], interactive: true, argv: [...head, 'exec', '-T', 'hello', 'sh', '-s', '--', '1'], input: 'echo hi\n' },
    { name: 'a script in a one-off: sh as the entrypoint', command: cmd(script, 'one-off'), args: [], interactive: false, argv: [...head, 'run', '--rm', '-T', '--entrypoint', 'sh', 'hello', '-s', '--'], input: 'echo hi\n' },
    { name: 'a script in the runner: run directly, COMPOSE_FILE names the stack', command: cmd(script, 'runner'), args: ['a'], interactive: false, argv: ['/srv/harbor/stacks/hello/cmd/x', 'a'],
      env: { HARBOR_SERVICE: 'hello', COMPOSE_PROJECT_NAME: 'demo', COMPOSE_FILE: '/srv/harbor/etc/stacks/compose.yml:/srv/harbor/etc/stacks/compose.hello.yml' } },
    { name: 'a script without the x bit: through sh', command: cmd({ ...script, executable: false }, 'runner'), args: [], interactive: false, argv: ['sh', '/srv/harbor/stacks/hello/cmd/x'] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const plan = planServiceCommand({ command: c.command, args: c.args, project, files, interactive: c.interactive });
      assert.deepEqual(plan.argv, c.argv);
      assert.equal(plan.input, c.input);
      if (c.env) assert.deepEqual(plan.env, c.env);
    });
  }
});

describe('parseScriptHeader', () => {
  const cases = [
    { text: '#!/bin/sh\n# summary: Show it\n# in: container\necho\n', expected: { summary: 'Show it', place: 'container' } },
    { text: '#!/bin/sh\n# Show the visits\n# service: db\n', expected: { summary: 'Show the visits', place: 'runner', service: 'db' } },
    { text: 'echo no header\n# in: container\n', expected: { summary: '', place: 'runner' } },
  ];
  for (const c of cases) test(JSON.stringify(c.text), () => assert.deepEqual(parseScriptHeader(c.text, 'f'), c.expected));
  test('a bad place is named with the file', () => {
    assert.throws(() => parseScriptHeader('# in: vm\n', 'stacks/a/cmd/x'), /stacks\/a\/cmd\/x: "# in: vm" must be container, one-off or runner/);
  });
});

describe('parseServiceCommands', () => {
  test('commands with defaults; other keys are the override', () => {
    const source = parseYamlSource('version: 1\ncommands:\n  models:\n    run: [ollama, list]\n  pull:\n    summary: Pull one\n    run: ollama pull "$1"\n    in: one-off\n    service: ollama-cpu\n', 'stacks/ollama/harbor.yaml');
    assert.deepEqual(parseServiceCommands(source, 'ollama'), [
      { name: 'models', summary: 'ollama list', place: 'container', service: 'ollama', source: 'stacks/ollama/harbor.yaml', body: { kind: 'argv', argv: ['ollama', 'list'] } },
      { name: 'pull', summary: 'Pull one', place: 'one-off', service: 'ollama-cpu', source: 'stacks/ollama/harbor.yaml', body: { kind: 'shell', line: 'ollama pull "$1"' } },
    ]);
  });
  test('no commands key: none', () => assert.deepEqual(parseServiceCommands(parseYamlSource('version: 1\n', 'f'), 'a'), []));
  const bad = [
    { text: 'commands:\n  ls:\n    rnu: [ls]\n', error: /stacks\/a\/harbor\.yaml:3:5: commands\.ls\.rnu: unknown key "rnu" \(did you mean in, run\?\)/ },
    { text: 'commands:\n  ls:\n    run: [ls]\n    in: vm\n', error: /stacks\/a\/harbor\.yaml:4:9: commands\.ls\.in: must be container, one-off or runner/ },
    { text: 'commands:\n  Bad Name:\n    run: [ls]\n', error: /commands\.Bad Name: command names use a-z/ },
    { text: 'commands:\n  ls:\n    run: []\n', error: /stacks\/a\/harbor\.yaml:3:10: commands\.ls\.run: must name a program/ },
  ];
  for (const b of bad) test(`refused: ${JSON.stringify(b.text)}`, () => assert.throws(() => parseServiceCommands(parseYamlSource(b.text, 'stacks/a/harbor.yaml'), 'a'), b.error));
});

test('renderCommandList aligns names and says where each runs', () => {
  const list = [
    { ...cmd({ kind: 'argv', argv: ['x'] }, 'container'), name: 'visits', summary: 'Print visits' },
    { ...cmd(script, 'runner'), name: 'status', summary: 'Show state' },
    { ...cmd({ kind: 'argv', argv: ['x'] }, 'one-off', 'db'), name: 'dump', summary: '' },
  ];
  assert.equal(renderCommandList('hello', list), 'Commands of hello (harbor svc hello <command> [args]):\n  visits  Print visits [container]\n  status  Show state [runner]\n  dump    [one-off: db]\n');
  assert.match(renderCommandList('web', []), /web has no commands \(add commands: to stacks\/web\/harbor\.yaml, or scripts to stacks\/web\/cmd\/\)/);
});
