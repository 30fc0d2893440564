// Judges what `harbor doctor` probed: each fact becomes a check that is ok, a warning, or an error.
import type { HostFacts } from '../../source/core/host-facts';
import { isModernCompose } from '../../source/core/capabilities';
import { buildBundleCheck, type BundleProbe } from '../../runner-image/core/bundle-check';

export type CheckStatus = 'ok' | 'warn' | 'error';

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  message: string;
  hint?: string;
}

/** How the engine answered: a version, or why it did not. */
export type EngineProbe =
  | { state: 'up'; engineVersion: string; apiVersion: string; dataRoot: string; runtimes: string[] }
  | { state: 'no-socket'; endpoint: string }
  | { state: 'permission-denied'; endpoint: string }
  | { state: 'daemon-down'; endpoint: string; detail: string };

export interface DoctorProbes {
  runnerVersion: string;
  inRunner: boolean;
  /** Whether runner/boot.cjs started the bundle from the image's V8 code cache; undefined when not started by it. */
  codeCache: 'used' | 'rejected' | 'missing' | undefined;
  /** The bundle's sha256 and the image label that records it. */
  bundle: BundleProbe;
  engine: EngineProbe;
  composeVersion: string | undefined;
  home: string;
  /** Source of the mount at the home path inside the runner; undefined when not in a runner or unknown. */
  homeMountSource: string | undefined;
  homeWritable: boolean;
  varRunWritable: boolean;
  homeFreeBytes: number | undefined;
  dataRootFreeBytes: number | undefined;
  ageKey: { source: string; path?: string; mode?: number } | undefined;
  hostFacts: HostFacts;
}

export const LOW_DISK_BYTES = 10 * 1024 ** 3;

export function buildDoctorReport(p: DoctorProbes): DoctorCheck[] {
  const checks: DoctorCheck[] = [engineCheck(p.engine)];
  checks.push(composeCheck(p.composeVersion));
  checks.push(runnerCheck(p));
  checks.push(buildBundleCheck(p.bundle));
  checks.push(homeMountCheck(p));
  checks.push(
    p.varRunWritable
      ? { name: 'var/run', status: 'ok', message: `${p.home}/var/run is writable` }
      : { name: 'var/run', status: 'error', message: `${p.home}/var/run is not writable`, hint: 'check the owner of var/ (the runner writes as your user)' },
  );
  checks.push(diskCheck('disk (home)', p.homeFreeBytes, p.home));
  if (p.engine.state === 'up') checks.push(diskCheck('disk (engine data root)', p.dataRootFreeBytes, p.engine.dataRoot));
  checks.push(ageKeyCheck(p.ageKey));
  checks.push({ name: 'host', status: 'ok', message: describeHostFacts(p.hostFacts) });
  return checks;
}

function runnerCheck(p: DoctorProbes): DoctorCheck {
  const message = `harbor runner ${p.runnerVersion}${p.inRunner ? ' (in the runner container)' : ' (on the host, not in a runner)'}`;
  if (p.codeCache === 'used' || p.codeCache === undefined) return { name: 'runner', status: 'ok', message };
  const why = p.codeCache === 'missing' ? 'the image has no V8 code cache' : 'V8 rejected the image\'s code cache (another Node, or V8 flags in NODE_OPTIONS)';
  return {
    name: 'runner',
    status: 'warn',
    message: `${message}: ${why}, so every command starts ~40 ms slower`,
    hint: 'rebuild the runner image: ./harbor.sh runner build',
  };
}

function engineCheck(engine: EngineProbe): DoctorCheck {
  switch (engine.state) {
    case 'up':
      return { name: 'engine', status: 'ok', message: `Docker Engine ${engine.engineVersion} (API ${engine.apiVersion})` };
    case 'no-socket':
      return { name: 'engine', status: 'error', message: `no Docker socket at ${engine.endpoint}`, hint: 'start Docker, or set DOCKER_HOST=unix:///path/to/docker.sock' };
    case 'permission-denied':
      return { name: 'engine', status: 'error', message: `permission denied on ${engine.endpoint}`, hint: 'add your user to the socket\'s group (usually `docker`), then log in again' };
    case 'daemon-down':
      return { name: 'engine', status: 'error', message: `the Docker daemon does not answer at ${engine.endpoint}: ${engine.detail}`, hint: 'start it (e.g. `sudo systemctl start docker`)' };
  }
}

function composeCheck(version: string | undefined): DoctorCheck {
  if (version === undefined) return { name: 'compose', status: 'error', message: 'docker compose is not available', hint: 'the runner image ships the compose plugin: rebuild it with ./harbor.sh runner build' };
  if (!isModernCompose(version)) {
    return { name: 'compose', status: 'warn', message: `Docker Compose ${version} is older than 2.23.1`, hint: 'the mdc ("modern compose") overlays are left out; update the runner image' };
  }
  return { name: 'compose', status: 'ok', message: `Docker Compose ${version}` };
}

function homeMountCheck(p: DoctorProbes): DoctorCheck {
  if (!p.homeWritable) return { name: 'home', status: 'error', message: `${p.home} is not writable`, hint: 'the runner runs as your user: check the owner of the Harbor home' };
  if (p.inRunner && p.homeMountSource !== undefined && p.homeMountSource !== p.home) {
    return { name: 'home', status: 'error', message: `${p.home} is mounted from ${p.homeMountSource}, not from the same path`, hint: 'paths given to the engine would be wrong: run Harbor through ./harbor.sh' };
  }
  const same = p.inRunner ? (p.homeMountSource === undefined ? ' (mount not inspected)' : ', mounted at the same path') : '';
  return { name: 'home', status: 'ok', message: `${p.home} is writable${same}` };
}

function diskCheck(name: string, free: number | undefined, where: string): DoctorCheck {
  if (free === undefined) return { name, status: 'warn', message: `free space on ${where} unknown` };
  const text = `${(free / 1024 ** 3).toFixed(1)} GB free on ${where}`;
  return free < LOW_DISK_BYTES ? { name, status: 'warn', message: text, hint: 'images and volumes need room: free some (e.g. `docker system prune`)' } : { name, status: 'ok', message: text };
}

function ageKeyCheck(key: DoctorProbes['ageKey']): DoctorCheck {
  if (!key) return { name: 'age key', status: 'ok', message: 'no age key found (only needed for SOPS secrets; see docs/Harbor-Secrets.md)' };
  const where = key.path ? `${key.path} (${key.source})` : key.source;
  if (key.mode !== undefined && (key.mode & 0o077) !== 0) {
    return { name: 'age key', status: 'warn', message: `${where} is readable by others (mode ${(key.mode & 0o777).toString(8)})`, hint: `chmod 600 ${key.path}` };
  }
  return { name: 'age key', status: 'ok', message: `found at ${where}` };
}

export function describeHostFacts(f: HostFacts): string {
  const gpu = [
    f.nvidiaSmi ? 'nvidia-smi' : '',
    f.nvidiaToolkit ? 'nvidia container toolkit' : '',
    ...f.cdiSpecs.map((s) => `CDI spec ${s}`),
    f.kfd ? '/dev/kfd' : '',
    f.driRender ? '/dev/dri/renderD*' : '',
    f.amdgpu ? 'amdgpu module' : '',
  ].filter(Boolean);
  const os = [f.os, f.arch].filter(Boolean).join(' ') || 'unknown OS';
  return `${os}; ${gpu.length ? gpu.join(', ') : 'no GPU tools or devices seen'}`;
}
