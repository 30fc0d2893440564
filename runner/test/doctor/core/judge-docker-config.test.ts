import { deepStrictEqual, ok } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeDockerConfig } from '../../../src/doctor/core/judge-docker-config';

const PATH = '/home/ada/.docker/config.json';
const AUTH = Buffer.from('ada:s3cret-token').toString('base64');

describe('judgeDockerConfig', () => {
  const cases: Array<{ name: string; text: string | undefined; helpers?: string[]; expected: { status: string; message: string } }> = [
    { name: 'no config at all', text: undefined, expected: { status: 'ok', message: 'no Docker client config (only private registries need one: `docker login` on the host)' } },
    {
      name: 'logins stored in the file',
      text: JSON.stringify({ auths: { 'ghcr.io': { auth: AUTH }, '127.0.0.1:5000': { auth: AUTH } } }),
      expected: { status: 'ok', message: `${PATH} (read-only): logins for 127.0.0.1:5000, ghcr.io` },
    },
    { name: 'an empty config', text: '{}', expected: { status: 'ok', message: `${PATH} (read-only): no logins stored in the file` } },
    {
      name: 'a credsStore the runner lacks',
      text: JSON.stringify({ auths: { 'https://index.docker.io/v1/': {} }, credsStore: 'desktop' }),
      expected: { status: 'warn', message: `${PATH} keeps credentials in docker-credential-desktop, which lives only on the host, not in the runner: pulls that need a login fail for every registry (credsStore)` },
    },
    {
      name: 'credHelpers per registry, two helpers missing, named once each',
      text: JSON.stringify({ credHelpers: { 'gcr.io': 'gcloud', 'eu.gcr.io': 'gcloud', '123.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login' } }),
      expected: {
        status: 'warn',
        message: `${PATH} keeps credentials in docker-credential-ecr-login, docker-credential-gcloud, which lives only on the host, not in the runner: pulls that need a login fail for 123.dkr.ecr.eu-west-1.amazonaws.com, eu.gcr.io, gcr.io`,
      },
    },
    { name: 'a helper the runner has is fine', text: JSON.stringify({ credsStore: 'pass' }), helpers: ['pass'], expected: { status: 'ok', message: `${PATH} (read-only): no logins stored in the file` } },
    { name: 'an empty credsStore names no helper', text: JSON.stringify({ credsStore: '' }), expected: { status: 'ok', message: `${PATH} (read-only): no logins stored in the file` } },
    { name: 'not JSON', text: '{"auths": ', expected: { status: 'warn', message: `${PATH} is not valid JSON (Unexpected end of JSON input): docker ignores it with a warning, so pulls that need a login fail` } },
    { name: 'JSON but not an object', text: '[1]', expected: { status: 'warn', message: `${PATH} is not valid JSON (not a JSON object): docker ignores it with a warning, so pulls that need a login fail` } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const check = judgeDockerConfig({ path: PATH, text: c.text, helpersOnPath: c.helpers ?? [] });
      deepStrictEqual({ status: check.status, message: check.message }, c.expected);
      ok(!JSON.stringify(check).includes(AUTH), 'a stored credential is never echoed');
      ok(!JSON.stringify(check).includes('s3cret'), 'nor its decoded form');
    });
  }

  it('a file harbor.sh left unmounted (it names helpers) is named with them and the fix', () => {
    const check = judgeDockerConfig({ path: PATH, text: undefined, helpersOnPath: [], unmounted: 'credsStore=desktop credHelpers' });
    deepStrictEqual(
      { status: check.status, message: check.message },
      {
        status: 'warn',
        message: `${PATH} keeps credentials in docker-credential-desktop (credsStore) and the programs of its credHelpers, which live only on the host: harbor.sh did not mount it (in the runner every pull would fail on the missing helper), so public images pull as before and private ones fail`,
      },
    );
    ok(check.hint?.includes('docker pull IMAGE'), check.hint);
  });

  it('a missing helper comes with the fix: pull on the host, or a config that keeps the login in the file', () => {
    const check = judgeDockerConfig({ path: PATH, text: '{"credsStore":"osxkeychain"}', helpersOnPath: [] });
    ok(check.hint?.includes('docker pull IMAGE'), check.hint);
    ok(check.hint?.includes('DOCKER_CONFIG=~/.docker-harbor docker login REGISTRY'), check.hint);
  });
});
