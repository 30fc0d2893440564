// Gathers the facts `harbor doctor` judges: engine, compose, mounts, disk, age key. Reads only; writes nothing.
import { access, constants, stat, statfs } from 'node:fs/promises';
import { connect } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Deps } from '../shared/deps';
import type { DoctorProbes, EngineProbe } from './core/doctor-report';
import { parseHostFacts } from '../source/core/host-facts';
import { HARBOR_VERSION } from '../shared/version';
import { defaultKeysPath } from '../secrets/age-identities';
import { readBundleProbe } from '../runner-image/read-bundle-probe';

export async function readDoctorProbes(deps: Deps): Promise<DoctorProbes> {
  const inRunner = deps.env.HARBOR_IN_RUNNER === '1';
  const engine = await probeEngine(deps);
  const up = engine.state === 'up';
  const [composeVersion, homeMountSource, dataRootFreeBytes] = await Promise.all([
    up ? probeComposeVersion(deps) : undefined,
    up && inRunner ? probeHomeMountSource(deps) : undefined,
    up ? probeDataRootFree(deps, engine.dataRoot, inRunner) : undefined,
  ]);
  const varRun = join(deps.home, 'var', 'run');
  return {
    runnerVersion: HARBOR_VERSION,
    inRunner,
    codeCache: bootCodeCache(),
    bundle: await readBundleProbe(deps, inRunner),
    engine,
    composeVersion,
    home: deps.home,
    homeMountSource,
    homeWritable: await writable(deps.home),
    // var/run may not exist yet: then what matters is that var/ lets Harbor create it.
    varRunWritable: (await writable(varRun)) || (!(await exists(varRun)) && (await writable(join(deps.home, 'var')))),
    homeFreeBytes: await freeBytes(deps.home),
    dataRootFreeBytes,
    ageKey: await findAgeKey(deps.env),
    hostFacts: parseHostFacts(deps.env.HARBOR_HOST_FACTS),
  };
}

/** What runner/boot.cjs recorded about the V8 code cache (it sets the global before the bundle runs). */
function bootCodeCache(): DoctorProbes['codeCache'] {
  const state = (globalThis as { __harborCodeCache?: unknown }).__harborCodeCache;
  return state === 'used' || state === 'rejected' || state === 'missing' ? state : undefined;
}

async function probeEngine(deps: Deps): Promise<EngineProbe> {
  const endpoint = deps.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  if (endpoint.startsWith('unix://')) {
    const socket = endpoint.slice('unix://'.length);
    if (!(await exists(socket))) return { state: 'no-socket', endpoint: socket };
    const reach = await tryConnect(socket);
    if (reach === 'EACCES' || reach === 'EPERM') return { state: 'permission-denied', endpoint: socket };
    if (reach !== 'ok') return { state: 'daemon-down', endpoint: socket, detail: reach };
  }
  const info = await deps.run(['docker', 'info', '--format', '{{json .}}'], { stdio: 'capture' });
  if (info.code !== 0) {
    const text = info.stderr.trim();
    if (/permission denied/i.test(text)) return { state: 'permission-denied', endpoint };
    return { state: 'daemon-down', endpoint, detail: text.split('\n').pop() ?? `docker info exited ${info.code}` };
  }
  const parsed = JSON.parse(info.stdout) as { ServerVersion?: string; DockerRootDir?: string; Runtimes?: Record<string, unknown> };
  const version = await deps.run(['docker', 'version', '--format', '{{.Server.APIVersion}}'], { stdio: 'capture' });
  return {
    state: 'up',
    engineVersion: parsed.ServerVersion ?? 'unknown',
    apiVersion: version.code === 0 ? version.stdout.trim() : 'unknown',
    dataRoot: parsed.DockerRootDir ?? '/var/lib/docker',
    runtimes: Object.keys(parsed.Runtimes ?? {}),
  };
}

function tryConnect(socket: string): Promise<string> {
  return new Promise((resolve) => {
    const conn = connect(socket);
    conn.once('connect', () => {
      conn.destroy();
      resolve('ok');
    });
    conn.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

async function probeComposeVersion(deps: Deps): Promise<string | undefined> {
  const r = await deps.run(['docker', 'compose', 'version', '--short'], { stdio: 'capture' });
  return r.code === 0 ? r.stdout.trim() : undefined;
}

/** Inside the runner, the container's own mount table says where the home really comes from. */
async function probeHomeMountSource(deps: Deps): Promise<string | undefined> {
  const r = await deps.run(['docker', 'inspect', '--format', '{{json .Mounts}}', hostname()], { stdio: 'capture' });
  if (r.code !== 0) return undefined;
  const mounts = JSON.parse(r.stdout) as Array<{ Source: string; Destination: string }>;
  return mounts.find((m) => m.Destination === deps.home)?.Source;
}

/** The engine's data root is on the host (or a VM): measure it from a throwaway container of the runner image. */
async function probeDataRootFree(deps: Deps, dataRoot: string, inRunner: boolean): Promise<number | undefined> {
  const image = deps.env.HARBOR_RUNNER_IMAGE;
  if (!inRunner || !image) return freeBytes(dataRoot);
  const script = "const s=require('fs').statfsSync('/data');process.stdout.write(String(s.bavail*s.bsize))";
  const r = await deps.run(
    ['docker', 'run', '--rm', '--network', 'none', '-v', `${dataRoot}:/data:ro`, '--entrypoint', 'node', image, '-e', script],
    { stdio: 'capture' },
  );
  const n = Number(r.stdout.trim());
  return r.code === 0 && Number.isFinite(n) ? n : undefined;
}

async function findAgeKey(env: Deps['env']): Promise<DoctorProbes['ageKey']> {
  for (const name of ['AGE_PRIVATE_KEY', 'SOPS_AGE_KEY'] as const) {
    if (env[name]) return { source: `$${name}` };
  }
  const candidates: Array<[string, string]> = [];
  if (env.SOPS_AGE_KEY_FILE) candidates.push([env.SOPS_AGE_KEY_FILE, '$SOPS_AGE_KEY_FILE']);
  // Where sops itself looks (XDG, macOS, Windows rules): the same function decryption uses.
  const fallback = defaultKeysPath(env);
  if (fallback) candidates.push([fallback, 'default path']);
  for (const [path, source] of candidates) {
    try {
      const s = await stat(path);
      return { source, path, mode: s.mode };
    } catch {
      // not there: try the next place
    }
  }
  return env.SOPS_AGE_KEY_CMD ? { source: '$SOPS_AGE_KEY_CMD' } : undefined;
}

async function freeBytes(path: string): Promise<number | undefined> {
  try {
    const s = await statfs(path);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

async function writable(path: string): Promise<boolean> {
  return access(path, constants.W_OK).then(() => true, () => false);
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(() => true, () => false);
}
