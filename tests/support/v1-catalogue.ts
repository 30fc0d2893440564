// Generates a compose catalogue shaped like Harbor v1's (its real file names, realistic contents) and seeded selections of it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectComposeFiles } from '../../runner/src/source/core/compose-files';

/** Harbor v1 0.5.5's compose file names (tests/fixtures, copied from ../shared/fixtures). */
export const V1_NAMES = readFileSync(fileURLToPath(new URL('../fixtures/harbor-v1-compose-files.txt', import.meta.url)), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);

export const V1_CAPABILITIES = ['nvidia', 'cdi', 'rocm', 'mdc', 'build'];

/** The env a v1 deployment interpolates from (besides the generated `.env`). */
export const V1_ENV: Readonly<Record<string, string>> = { HARBOR_CONTAINER_PREFIX: 'harbor', HARBOR_LOG_LEVEL: 'info' };

/** mulberry32: a small seeded PRNG, so a failing selection can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const envName = (service: string): string => service.toUpperCase().replace(/[^A-Z0-9]/g, '_');

function serviceFile(service: string, index: number, names: ReadonlySet<string>): string {
  const upper = envName(service);
  const port = 30000 + index * 7;
  const lines = [
    'services:',
    `  ${service}:`,
    `    image: \${HARBOR_${upper}_IMAGE:-ghcr.io/harbor/${service}}:\${HARBOR_${upper}_VERSION:-latest}`,
    `    container_name: \${HARBOR_CONTAINER_PREFIX}.${service}`,
    '    env_file:',
    '      - ./.env',
    `      - ./${service}/override.env`,
    '    ports:',
    `      - \${HARBOR_${upper}_HOST_PORT:-${port}}:${8000 + (index % 50)}`,
    '    volumes:',
    '      - ${HARBOR_HF_CACHE:-~/.cache/huggingface}:/root/.cache/huggingface',
    `      - ./${service}/data:/app/data`,
    `      - ~/.cache/harbor/${service}:/cache:rw`,
    '    networks:',
    '      - harbor-network',
    '    environment:',
    `      - ${upper}_LOG_LEVEL=\${HARBOR_LOG_LEVEL:-info}`,
    `      - ${upper}_URL=http://${service}:${8000 + (index % 50)}`,
    '      - HF_TOKEN',
  ];
  if (index % 3 === 0) lines.push('    healthcheck:', `      test: ["CMD-SHELL", "curl -f http://localhost:${8000 + (index % 50)}/health"]`, '      interval: 30s', '      timeout: 5s', '      retries: 3', '      start_period: 1m');
  if (index % 4 === 1) lines.push(`    command: serve --port ${8000 + (index % 50)} --host 0.0.0.0`);
  if (index % 5 === 2) lines.push('    restart: unless-stopped', '    labels:', `      - harbor.service=${service}`, `      - traefik.http.routers.${service}.rule=Host(\`${service}.localhost\`)`);
  if (index % 7 === 3) {
    lines.push(`    depends_on:`, `      ${service}-db:`, '        condition: service_healthy');
    lines.push(`  ${service}-db:`, `    image: postgres:\${HARBOR_${upper}_DB_VERSION:-16}`, `    container_name: \${HARBOR_CONTAINER_PREFIX}.${service}-db`,
      '    environment:', `      POSTGRES_PASSWORD: \${HARBOR_${upper}_DB_PASSWORD:-harbor}`, '      POSTGRES_DB: app', '    volumes:',
      `      - ./${service}/db:/var/lib/postgresql/data`, '    healthcheck:', '      test: ["CMD", "pg_isready"]', '      interval: 10s',
      '    networks:', '      - harbor-network');
  }
  void names;
  return `${lines.join('\n')}\n`;
}

function capabilityFile(service: string, capability: string): string {
  const head = ['services:', `  ${service}:`];
  switch (capability) {
    case 'nvidia':
      return [...head, '    deploy:', '      resources:', '        reservations:', '          devices:', '            - driver: nvidia', '              count: all', '              capabilities: [gpu]', ''].join('\n');
    case 'cdi':
      return [...head, '    devices:', '      - nvidia.com/gpu=all', ''].join('\n');
    case 'rocm':
      return [...head, '    devices:', '      - /dev/kfd', '      - /dev/dri', '    group_add:', '      - video', '    security_opt:', '      - seccomp:unconfined', ''].join('\n');
    case 'build':
      return [...head, '    build:', `      context: ./${service}`, '      dockerfile: Dockerfile', '      args:', `        - ${envName(service)}_VERSION=\${HARBOR_${envName(service)}_VERSION:-latest}`, ''].join('\n');
    default:
      return [...head, '    environment:', `      - HARBOR_CAPABILITY=${capability}`, ''].join('\n');
  }
}

function crossFile(tokens: readonly string[], names: ReadonlySet<string>): string {
  const [service, ...others] = tokens as [string, ...string[]];
  const lines = ['services:', `  ${service}:`, '    environment:'];
  for (const other of others) lines.push(`      - ${envName(service)}_${envName(other)}_URL=http://${other}:\${HARBOR_${envName(other)}_INTERNAL_PORT:-8080}`);
  lines.push('    volumes:');
  for (const other of others) lines.push(`      - ./${service}/configs/${service}.${other}.json:/app/configs/${other}.json`);
  // Only towards handles that sort later: a depends_on cycle is an error in compose (the corpus has that case).
  const deps = others.filter((o) => names.has(`compose.${o}.yml`) && !V1_CAPABILITIES.includes(o) && o > service);
  if (deps.length > 0) lines.push('    depends_on:', ...deps.map((d) => `      - ${d}`));
  const capability = others.find((o) => V1_CAPABILITIES.includes(o));
  if (capability === 'nvidia') lines.push('    deploy:', '      resources:', '        reservations:', '          devices:', '            - driver: nvidia', '              count: 1', '              capabilities: [gpu]');
  return `${lines.join('\n')}\n`;
}

/** Writes the catalogue into `dir` (compose.yml, every v1 name, `.env`, per-service env files); returns the names. */
export function writeV1Catalogue(dir: string, names: readonly string[] = V1_NAMES): string[] {
  mkdirSync(dir, { recursive: true });
  const set = new Set(names);
  writeFileSync(join(dir, 'compose.yml'), 'networks:\n  harbor-network:\n    name: ${HARBOR_CONTAINER_PREFIX:-harbor}-network\n');
  const services: string[] = [];
  names.forEach((name) => {
    const inner = name.slice('compose.'.length, -'.yml'.length);
    if (!inner.startsWith('x.') && !inner.includes('.')) services.push(inner);
  });
  const dotenv = ['HARBOR_HF_CACHE=~/.cache/huggingface', 'HF_TOKEN=hf_example_token', 'HARBOR_LOG_LEVEL=info'];
  services.forEach((service, i) => {
    if (i % 2 === 0) dotenv.push(`HARBOR_${envName(service)}_VERSION=${i % 4 === 0 ? 'main' : `v0.${i}.0`}`);
    if (i % 5 === 0) dotenv.push(`HARBOR_${envName(service)}_HOST_PORT=${40000 + i}`);
    mkdirSync(join(dir, service), { recursive: true });
    writeFileSync(join(dir, service, 'override.env'), `# ${service} overrides\n${envName(service)}_WORKERS=${(i % 4) + 1}\nHF_HOME="/root/.cache/huggingface"\n`);
  });
  writeFileSync(join(dir, '.env'), `${dotenv.join('\n')}\n`);
  for (const name of names) {
    const inner = name.slice('compose.'.length, -'.yml'.length);
    let text: string;
    if (inner.startsWith('x.')) {
      const tokens = inner.slice(2).split('.');
      const last = tokens[tokens.length - 1]!;
      text = tokens.length === 2 && V1_CAPABILITIES.includes(last) ? capabilityFile(tokens[0]!, last) : crossFile(tokens, set);
    } else if (inner.includes('.')) {
      const [service, flavour] = inner.split('.') as [string, string];
      // v1's compose.searxng.morphic.yml: a flavour file, selected on its own, that defines the service in full.
      text = `services:\n  ${service}:\n    image: ghcr.io/harbor/${service}-${flavour}:latest\n    environment:\n      - ${envName(service)}_FLAVOUR=${flavour}\n`;
    } else text = serviceFile(inner, services.indexOf(inner), set);
    writeFileSync(join(dir, name), text);
  }
  return ['compose.yml', ...names];
}

/** The v1 service handles (names of `compose.<handle>.yml`). */
export function v1Handles(names: readonly string[] = V1_NAMES): string[] {
  return names.map((n) => n.slice('compose.'.length, -'.yml'.length)).filter((inner) => !inner.startsWith('x.') && !inner.includes('.'));
}

/** Harbor's own selection rules over the catalogue, for these handles and capabilities. */
export function selectV1Files(options: readonly string[], names: readonly string[] = V1_NAMES): string[] {
  return selectComposeFiles({ names: ['compose.yml', ...names], options, capabilities: V1_CAPABILITIES });
}

/** A seeded random selection: `count` handles, each capability with probability 1/3. */
export function randomV1Selection(seed: number, count: number): { options: string[]; files: string[] } {
  const random = seededRandom(seed);
  const handles = v1Handles();
  // Half the picks among the handles cross files name most (ollama, llamacpp, webui...), so cross files get selected.
  const popular = popularHandles(handles);
  const picked = new Set<string>();
  while (picked.size < Math.min(count, handles.length)) {
    const pool = random() < 0.5 ? popular : handles;
    picked.add(pool[Math.floor(random() * pool.length)]!);
  }
  for (const capability of V1_CAPABILITIES) if (random() < 1 / 3) picked.add(capability);
  const options = [...picked];
  return { options, files: selectV1Files(options) };
}

function popularHandles(handles: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of V1_NAMES) {
    if (!name.startsWith('compose.x.')) continue;
    for (const token of name.slice('compose.x.'.length, -'.yml'.length).split('.')) counts.set(token, (counts.get(token) ?? 0) + 1);
  }
  return handles.filter((h) => (counts.get(h) ?? 0) >= 5);
}
