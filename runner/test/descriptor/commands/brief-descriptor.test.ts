// The brief's own example descriptor through `harbor descriptor check`: include patterns, dir + pattern env sources,
// and for what this release lacks, an error that says what to use instead.
import { deepStrictEqual } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../../src/cli/cli';
import { descriptorCheckCommand } from '../../../src/descriptor/commands/descriptor-check';
import { runCommand } from '../../../src/workflow/commands/run';
import { DescriptorError } from '../../../src/shared/core/errors';
import { ACTIONS } from '../../../src/workflow/action-registry';
import { createFakeDeps } from '../../support/fake-deps';
import { makeTempHome, snapshotHome } from '../../support/temp-home';

const BRIEF = readFileSync(fileURLToPath(new URL('../../../../tests/fixtures/brief-example/harbor.yaml', import.meta.url)), 'utf8');
const registered = (name: string) => ACTIONS.some((a) => a.name === name);

async function check(descriptor: string, files: Record<string, string> = {}) {
  const home = await makeTempHome({ 'etc/harbor.yaml': descriptor, ...files });
  const before = await snapshotHome(home);
  const deps = createFakeDeps(() => ({}), home);
  try {
    const code = await runCli(['descriptor', 'check'], [descriptorCheckCommand], deps);
    return { code, out: deps.stdout.join(''), error: undefined, unchanged: JSON.stringify(before) === JSON.stringify(await snapshotHome(home)) };
  } catch (err) {
    if (!(err instanceof DescriptorError)) throw err;
    return { code: err.exitCode, out: '', error: err.message, unchanged: JSON.stringify(before) === JSON.stringify(await snapshotHome(home)) };
  }
}

describe("the brief's example descriptor", () => {
  it('verbatim: only what this release lacks is an error, and each says what to use instead', async () => {
    const r = await check(BRIEF);
    // The tunnel actions may be registered by the tunnels feature: then they are valid and not reported.
    const expected = [
      'etc/harbor.yaml:27:13: prepare.interpolation.engine: engine "handlebars" is not in this release: use "liquid": {{ name }} prints a value as in Handlebars, and {% if %} / {% for %} stand in for {{#if}} / {{#each}}',
      ...(registered('net.tunnel.quick')
        ? []
        : ["etc/harbor.yaml:34:17: deploy.steps[1].action: action \"net.tunnel.quick\" is not in this release: run cloudflared as a compose service of the stack instead (v1's compose.cfd.yml: `harbor up cfd`, its URL in `harbor logs cfd`)"]),
      ...(registered('net.tunnel.stop') ? [] : ['etc/harbor.yaml:41:17: destroy.steps[1].action: action "net.tunnel.stop" is not in this release: stop the tunnel service with { action: compose.down, services: [cfd] }']),
    ];
    deepStrictEqual({ code: r.code, error: r.error, unchanged: r.unchanged }, { code: 3, error: expected.join('\n'), unchanged: true });
  });

  it('with the replacements those errors name, it is valid', async () => {
    let fixed = BRIEF.replace('engine: "handlebars"', 'engine: "liquid"');
    if (!registered('net.tunnel.quick')) fixed = fixed.replace('{ action: "net.tunnel.quick", service: "litellm", when: "${ENABLE_TUNNEL}" }', '{ action: "compose.up", services: ["cfd"], when: "${ENABLE_TUNNEL}" }');
    if (!registered('net.tunnel.stop')) fixed = fixed.replace('{ action: "net.tunnel.stop" }', '{ action: "compose.down", services: ["cfd"] }');
    const r = await check(fixed);
    deepStrictEqual({ code: r.code, error: r.error, out: r.out.split('\n')[0] }, { code: 0, error: undefined, out: '✔ etc/harbor.yaml is valid' });
  });

  it('its include patterns and its dir + pattern service source are in force', async () => {
    const home = await makeTempHome({
      'etc/harbor.yaml': BRIEF.replace('engine: "handlebars"', 'engine: "liquid"').replace(/^(deploy|post_deploy|destroy):\n(  .*\n)+/gm, ''),
      'etc/stacks/compose.yml': 'services: {}\n',
      'etc/stacks/compose.litellm.yml': 'services: { litellm: { image: x } }\n',
      'etc/stacks/compose.webui.yml': 'services: { webui: { image: x } }\n',
      'etc/stacks/compose.ollama.yml': 'services: { ollama: { image: x } }\n',
      'etc/stacks/compose.ollama.nvidia.yml': 'services: { ollama: { gpus: all } }\n',
      'etc/stacks/compose.x.webui.litellm.yml': 'services: { webui: { environment: [A=1] } }\n',
      'etc/stacks/compose.x.webui.litellm.ollama.yml': 'services: { webui: { environment: [B=1] } }\n',
      'harbor2/stacks/litellm/service.env': 'LITELLM_ONLY=1\n',
    });
    const deps = createFakeDeps(() => ({}), home);
    await runCli(['run', 'source', '--json', '--capabilities', ''], [runCommand], deps);
    // The profile's options ["*"] make every service token match; compose.x.${service}.${option}.yml takes two tokens only.
    deepStrictEqual(JSON.parse(deps.stdout.join('')).files, [
      'etc/stacks/compose.yml',
      'etc/stacks/compose.litellm.yml',
      'etc/stacks/compose.ollama.yml',
      'etc/stacks/compose.webui.yml',
      'etc/stacks/compose.x.webui.litellm.yml',
    ]);
  });
});
