import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { parseYamlSource } from '../../../src/descriptor/core/yaml-source';
import { validateDescriptor } from '../../../src/descriptor/core/validate-descriptor';
import { ACTIONS } from '../../../src/workflow/action-registry';
import { httpCheckAction } from '../../../src/workflow/actions/http-check';
import { logsTailAction } from '../../../src/workflow/actions/logs-tail';
import { svcCmdAction } from '../../../src/workflow/actions/svc-cmd';
import { planContext } from '../../support/compose-plan-context';
import * as v from 'valibot';

const validate = (step: string) => validateDescriptor({ system: parseYamlSource(`version: 1\npost_deploy:\n  steps:\n    - ${step}\n`, 'etc/harbor.yaml') }, ACTIONS);

describe('http.check, logs.tail and svc.cmd steps', () => {
  test('defaults and plans', () => {
    const check = v.parse(httpCheckAction.params, { url: 'http://hello/' });
    assert.deepEqual(check, { url: 'http://hello/', status: 200, timeout: 30 });
    assert.equal(httpCheckAction.plan(check, planContext).description, 'check http://hello/ answers 200 within 30s (from the stack network)');
    const tail = v.parse(logsTailAction.params, {});
    assert.deepEqual(tail, { lines: 20, failing: false });
    assert.equal(logsTailAction.plan(tail, planContext).description, 'print the last 20 log lines of every service');
    const cmd = v.parse(svcCmdAction.params, { service: 'ollama', command: 'pull', args: ['llama3.2'] });
    assert.equal(svcCmdAction.plan(cmd, planContext).description, 'run ollama pull llama3.2 (stacks/ollama)');
  });
  const bad = [
    { step: '{ action: http.check, url: "ftp://x" }', error: /etc\/harbor\.yaml:4:\d+: post_deploy\.steps\[0\]\.url: must be an http\(s\):\/\/ URL/ },
    { step: '{ action: http.check, url: "http://a/", status: 700 }', error: /post_deploy\.steps\[0\]\.status: must be an HTTP status \(100-599\)/ },
    { step: '{ action: http.check, url: "http://a/", timeout: 0 }', error: /post_deploy\.steps\[0\]\.timeout: must be at least 1/ },
    { step: '{ action: logs.tail, lines: 0 }', error: /post_deploy\.steps\[0\]\.lines: must be at least 1/ },
    { step: '{ action: logs.tail, tail: 5 }', error: /post_deploy\.steps\[0\]\.tail: unknown key "tail"/ },
    { step: '{ action: svc.cmd, service: "../x", command: a }', error: /post_deploy\.steps\[0\]\.service: must be a service name \(a folder under stacks\/\)/ },
    { step: '{ action: svc.cmd, service: ollama }', error: /post_deploy\.steps\[0\]\.command/ },
  ];
  for (const b of bad) test(`refused: ${b.step}`, () => assert.throws(() => validate(b.step), b.error));
});
