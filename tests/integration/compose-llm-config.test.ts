// The LLM examples (litellm, webui) need images from the internet: here compose only checks their model, offline.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { makeExampleHome, projectTraces, removeExampleHome, runRunner } from '../support/compose-home';

const example = makeExampleHome();
after(() => removeExampleHome(example));
const env = { LITELLM_MASTER_KEY: 'sk-test-master' };

interface Model {
  name: string;
  services: Record<string, { image: string; environment?: Record<string, string>; depends_on?: Record<string, unknown>; networks?: Record<string, unknown>; volumes?: Array<{ type: string; source: string; target: string; read_only?: boolean }> }>;
  networks: Record<string, { name: string }>;
  volumes: Record<string, { name: string }>;
}

test('the llm profile: litellm and webui wired by their cross file, valid for compose', async (t) => {
  if (!requireDocker(t)) return;
  const { home, project } = example;
  const r = await runRunner(home, ['config', '--profile', 'llm', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const model = JSON.parse(r.stdout) as Model;
  assert.equal(model.name, project);
  assert.deepStrictEqual(Object.keys(model.services).sort(), ['litellm', 'webui']);
  const { litellm, webui } = model.services as Required<Model['services']>;
  assert.match(litellm!.image, /^ghcr\.io\/berriai\/litellm:/);
  assert.match(webui!.image, /^ghcr\.io\/open-webui\/open-webui:/);
  assert.deepStrictEqual(
    { base: webui!.environment?.OPENAI_API_BASE_URL, key: webui!.environment?.OPENAI_API_KEY, dependsOn: Object.keys(webui!.depends_on ?? {}) },
    { base: 'http://litellm:4000/v1', key: 'sk-test-master', dependsOn: ['litellm'] },
  );
  // Relative paths resolve against the home (--project-directory), where prepare also renders var/run/.
  assert.deepStrictEqual(litellm!.volumes, [{ type: 'bind', source: `${home}/etc/stacks/litellm/config.yaml`, target: '/app/config.yaml', read_only: true, bind: { create_host_path: true } }]);
  assert.deepStrictEqual(model.networks['harbor-network'], { name: `${project}_harbor-network`, ipam: {} });
  assert.deepStrictEqual(projectTraces(project), { containers: [], networks: [], volumes: [] });
});

test('the default profile leaves the LLM services out', async (t) => {
  if (!requireDocker(t)) return;
  const r = await runRunner(example.home, ['config', '--services']);
  assert.deepStrictEqual({ code: r.code, services: r.stdout.split('\n').filter(Boolean).sort() }, { code: 0, services: ['greeter', 'hello'] });
});

test('deploy --profile llm --dry-run plans both services and their cross file, changing nothing', async (t) => {
  if (!requireDocker(t)) return;
  const { home, project } = example;
  const r = await runRunner(home, ['deploy', '--profile', 'llm', '--dry-run', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout) as { files: string[]; services: string[]; stages: Array<{ stage: string; steps: Array<{ argv?: string[] }> }> };
  assert.deepStrictEqual({ files: plan.files, services: plan.services }, {
    files: ['etc/stacks/compose.yml', 'etc/stacks/compose.litellm.yml', 'etc/stacks/compose.webui.yml', 'etc/stacks/compose.x.webui.litellm.yml'],
    services: ['litellm', 'webui'],
  });
  assert.deepStrictEqual(plan.stages[0]!.steps[0]!.argv!.slice(-4), ['up', '-d', '--wait', '--remove-orphans']);
  assert.ok(!r.stdout.includes('sk-test-master'), 'the secret is not in the plan');
  assert.deepStrictEqual(projectTraces(project), { containers: [], networks: [], volumes: [] });
});
