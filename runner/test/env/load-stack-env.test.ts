import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as v from 'valibot';
import { loadStackEnv } from '../../src/env/load-stack-env';
import { EnvConfigSchema } from '../../src/descriptor/core/env-config-schema';
import { Secret } from '../../src/shared/core/secret';
import { EnvError } from '../../src/shared/core/errors';
import { makeTempHome } from '../support/temp-home';


const noSops = async () => new Map<string, string>();

test('loadStackEnv: services from stacks/, the site from HARBOR_SITE, warnings gathered', async () => {
  const home = await makeTempHome({
    'etc/sys.env': 'DOMAIN=localhost\nURL=https://${DOMAIN}/${MISSING}\n',
    'etc/sites/prod.env': 'DOMAIN=example.com\n',
    'stacks/web/service.env': 'PORT=8080\n',
    'stacks/db/service.env': 'PORT=5432\n',
    'override.secrets.env': 'TOKEN=t\n',
  });
  const stack = await loadStackEnv({ home, env: { HARBOR_SITE: 'prod' }, config: v.parse(EnvConfigSchema, undefined), readSops: noSops });
  const show = (value: string | Secret) => (value instanceof Secret ? '[secret]' : value);
  assert.deepStrictEqual(Object.fromEntries([...stack.merged].map(([k, e]) => [k, `${show(e.value)} <- ${e.file}`])), {
    DOMAIN: 'example.com <- etc/sites/prod.env',
    URL: 'https://localhost/ <- etc/sys.env',
    PORT: '8080 <- stacks/web/service.env',
    TOKEN: '[secret] <- override.secrets.env',
  });
  assert.deepStrictEqual(stack.services.map((s) => [s.service, s.keys]), [['db', ['PORT']], ['web', ['PORT']]]);
  assert.deepStrictEqual(stack.warnings, ['etc/sys.env:2: URL uses ${MISSING}, which is not set: it is empty (as in Compose)']);
});

test('loadStackEnv: an invalid line in a secrets file names file and line, never the value; nothing written', async () => {
  const home = await makeTempHome({ 'override.secrets.env': 'OK=1\nPASS="hunter2\n' });
  const before = (readdirSync(home, { recursive: true }) as string[]).sort();
  await assert.rejects(
    loadStackEnv({ home, env: {}, config: v.parse(EnvConfigSchema, undefined), readSops: noSops }),
    (err: unknown) =>
      err instanceof EnvError && err.message === 'override.secrets.env:2: PASS: unterminated quoted value (no closing ")' && !String(err.hint).includes('hunter2'),
  );
  assert.deepStrictEqual((readdirSync(home, { recursive: true }) as string[]).sort(), before);
});

test('loadStackEnv: a cycle across layers is an error naming both', async () => {
  const home = await makeTempHome({ 'etc/sys.env': 'A=${B}\n', 'etc/site.env': 'B=${A}\n' });
  await assert.rejects(
    loadStackEnv({ home, env: {}, config: v.parse(EnvConfigSchema, undefined), readSops: noSops }),
    (err: unknown) => err instanceof EnvError && err.message === 'env reference cycle: A (etc/sys.env:1) uses B (etc/site.env:1) uses A (etc/sys.env:1)',
  );
});
