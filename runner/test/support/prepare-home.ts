// A small Harbor home for prepare tests (env layers, a secret, a template) and a fake compose that lists its services.

export const SECRET = 's3cr3t-token-8c1f';

/** Default profile hello + greeter; greeter receives PORT and the secret API_TOKEN; hello has a template. */
export const PREPARE_HOME: Record<string, string> = {
  'etc/harbor.yaml': 'version: 1\nproject: demo\nprofiles:\n  default: { services: [hello, greeter] }\n',
  'etc/stacks/compose.yml': 'networks: { net: {} }\n',
  'etc/stacks/compose.hello.yml': 'services: { hello: { image: busybox } }\n',
  'etc/stacks/compose.greeter.yml': 'services: { greeter: { image: busybox } }\n',
  'etc/stacks/compose.webui.yml': 'services: { webui: { image: busybox } }\n',
  'etc/sys.env': 'GREETING=hi\n',
  'stacks/greeter/service.env': 'PORT=80\nAPI_TOKEN\n',
  'override.secrets.env': `API_TOKEN=${SECRET}\n`,
  'stacks/hello/templates/motd.txt.tmpl': 'Hello ${GREETING}\n',
};

/** The default selection's compose files. */
export const FILES = ['etc/stacks/compose.yml', 'etc/stacks/compose.greeter.yml', 'etc/stacks/compose.hello.yml'];
export const OVERLAY = 'var/run/overlays/harbor.gen.yml';

/** A fake compose (no Docker): `config --services` lists the services named by the -f files; the rest succeeds. */
export function fakeCompose(argv: readonly string[]) {
  if (!argv.includes('--services')) return {};
  const services = argv.filter((a) => /compose\.[a-z]+\.yml$/.test(a)).map((a) => a.replace(/^.*compose\.([a-z]+)\.yml$/, '$1'));
  return { stdout: `${services.sort().join('\n')}\n` };
}
