import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readEnvLayers, type SopsEnvReader } from '../../src/env/read-env-layers';
import { DEFAULT_ENV_SOURCES, type EnvSource } from '../../src/descriptor/core/env-config-schema';
import { planEnvSources } from '../../src/env/core/plan-env-sources';
import { EnvError } from '../../src/shared/core/errors';
import { makeTempHome } from '../support/temp-home';


/** Every file under `dir`, relative, sorted: to prove a failed read wrote nothing. */
function listing(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

/** A fake of readSopsEnvFile (the real one needs age keys): records its calls. */
function fakeSops(values: Record<string, Record<string, string>>) {
  const calls: Array<{ file: string; ignoreMac: boolean | undefined; key: string | undefined }> = [];
  const read: SopsEnvReader = async (file, env, options) => {
    calls.push({ file, ignoreMac: options?.ignoreMac, key: env.SOPS_AGE_KEY_FILE });
    return new Map(Object.entries(values[file.slice(file.lastIndexOf('/') + 1)] ?? {}));
  };
  return { read, calls };
}

test('readEnvLayers: the default sources, in order; sops files through the decryptor, one layer per match', async () => {
  const home = await makeTempHome({
    'etc/sys.env': 'A=1\n',
    'stacks/web/service.env': 'B=2\n',
    'override.secrets.env': 'S=3\n',
    'b.sops.env': 'ENC[...]',
    'a.sops.env': 'ENC[...]',
  });
  const sops = fakeSops({ 'a.sops.env': { X: 'a' }, 'b.sops.env': { X: 'b' } });
  const plan = planEnvSources(DEFAULT_ENV_SOURCES.map((s) => (s.type === 'sops' ? { ...s, ignoreMac: true } : s)), { services: ['web', 'db'] });
  const layers = await readEnvLayers(plan, { home, env: { SOPS_AGE_KEY_FILE: '/k.txt' }, readSops: sops.read });
  assert.deepStrictEqual(
    layers.map((l) => ({ name: l.name, file: l.file, secret: l.secret, service: l.service, content: l.content.kind === 'dotenv' ? l.content.text : Object.fromEntries(l.content.values) })),
    [
      { name: 'sys', file: 'etc/sys.env', secret: false, service: undefined, content: 'A=1\n' },
      { name: 'service web', file: 'stacks/web/service.env', secret: false, service: 'web', content: 'B=2\n' },
      { name: 'secrets', file: 'override.secrets.env', secret: true, service: undefined, content: 'S=3\n' },
      { name: 'sops', file: 'a.sops.env', secret: true, service: undefined, content: { X: 'a' } },
      { name: 'sops', file: 'b.sops.env', secret: true, service: undefined, content: { X: 'b' } },
    ],
  );
  assert.deepStrictEqual(sops.calls, [
    { file: join(home, 'a.sops.env'), ignoreMac: true, key: '/k.txt' },
    { file: join(home, 'b.sops.env'), ignoreMac: true, key: '/k.txt' },
  ]);
});

test('readEnvLayers: bad sources give exact errors and write nothing', async () => {
  const sources = (list: Array<Partial<EnvSource> & { type: EnvSource['type'] }>) => list.map((s) => ({ optional: false, ...s }));
  const cases: Array<{ name: string; files: Record<string, string>; plan: ReturnType<typeof planEnvSources>; message: string; hint: string }> = [
    {
      name: 'a missing required file',
      files: { 'etc/sys.env': 'A=1\n' },
      plan: planEnvSources(sources([{ type: 'sys' }, { type: 'service' }]), { services: ['web'] }),
      message: 'env layer "service web": stacks/web/service.env does not exist',
      hint: 'create it, or mark the source optional (prepare.env.sources[1].optional: true)',
    },
    {
      name: 'a glob with no match',
      files: {},
      plan: planEnvSources(sources([{ type: 'sops', file: 'etc/*.sops.env' }]), { services: [] }),
      message: 'env layer "sops": no file matches etc/*.sops.env',
      hint: 'create it, or mark the source optional (prepare.env.sources[0].optional: true)',
    },
    {
      name: 'a site that does not exist, even when optional',
      files: { 'etc/sites/prod.env': 'A=1\n', 'etc/sites/staging.env': 'A=2\n' },
      plan: planEnvSources(DEFAULT_ENV_SOURCES, { services: [], site: 'prd' }),
      message: 'site "prd": etc/sites/prd.env does not exist (did you mean prod?)',
      hint: 'sites in etc/sites/: prod, staging',
    },
    {
      name: 'a directory where a file should be',
      files: { 'etc/sys.env/x': '' },
      plan: planEnvSources(sources([{ type: 'sys' }]), { services: [] }),
      message: 'env layer "sys": etc/sys.env is not a file',
      hint: 'point the source at a dotenv file',
    },
  ];
  for (const c of cases) {
    const home = await makeTempHome(c.files);
    const before = listing(home);
    await assert.rejects(
      readEnvLayers(c.plan, { home, env: {}, readSops: fakeSops({}).read }),
      (err: unknown) => err instanceof EnvError && err.message === c.message && err.hint === c.hint && err.exitCode === 4,
      c.name,
    );
    assert.deepStrictEqual(listing(home), before, `${c.name}: nothing written`);
  }
});
