// A temporary Harbor home holding a copy of the repo's etc/, the runner run on it from source, and the project's traces in Docker.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The local stand-in for busybox:stable (CI has no registry), and ports 0 so parallel tests never collide. */
export const EXAMPLE_ENV: Readonly<Record<string, string>> = {
  HARBOR_EXAMPLE_BASE_IMAGE: process.env.HARBOR_EXAMPLE_BASE_IMAGE ?? 'harbor-ci/debian:bookworm',
  HARBOR_HELLO_PORT: '0',
  HARBOR_GREETER_PORT: '0',
};

export interface ExampleHome {
  home: string;
  /** The compose project: the home's basename, as Harbor derives it. */
  project: string;
}

/** A fresh home named harbor-cx-<random>-XXXXXX (a unique project) with the repo's etc/ copied in. */
export function makeExampleHome(): ExampleHome {
  const home = mkdtempSync(join(tmpdir(), `harbor-cx-${randomBytes(3).toString('hex')}-`));
  cpSync(join(REPO, 'etc'), join(home, 'etc'), { recursive: true });
  return { home, project: basename(home).toLowerCase().replace(/[^a-z0-9_-]/g, '') };
}

export interface RunnerResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node --import tsx runner/src/cli/main.ts <args>` with HARBOR_HOME=home, as the runner image runs the bundle. */
export function runRunner(home: string, args: string[], env: Record<string, string> = {}): Promise<RunnerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'runner/src/cli/main.ts'), ...args], {
      cwd: REPO,
      env: { ...process.env, ...EXAMPLE_ENV, NO_COLOR: '1', HARBOR_HOME: home, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export interface ProjectTraces {
  containers: string[];
  networks: string[];
  volumes: string[];
}

/** Everything Docker holds with the project's compose label. */
export function projectTraces(project: string): ProjectTraces {
  const label = `label=com.docker.compose.project=${project}`;
  const list = (argv: string[], field: string) =>
    spawnSync('docker', [...argv, '--filter', label, '--format', `{{.${field}}}`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
  return { containers: list(['ps', '-a'], 'Names'), networks: list(['network', 'ls'], 'Name'), volumes: list(['volume', 'ls'], 'Name') };
}

/** Test cleanup: whatever a failed test left (containers, networks, volumes, the built image), then the home. */
export function removeExampleHome({ home, project }: ExampleHome): void {
  const label = `label=com.docker.compose.project=${project}`;
  const ids = (argv: string[]) => spawnSync('docker', [...argv, '--filter', label, '-q'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  const containers = ids(['ps', '-a']);
  if (containers.length) spawnSync('docker', ['rm', '-f', '-v', ...containers]);
  const networks = ids(['network', 'ls']);
  if (networks.length) spawnSync('docker', ['network', 'rm', ...networks]);
  const volumes = ids(['volume', 'ls']);
  if (volumes.length) spawnSync('docker', ['volume', 'rm', ...volumes]);
  spawnSync('docker', ['image', 'rm', `${project}-hello`], { stdio: 'ignore' });
  rmSync(home, { recursive: true, force: true });
}

/** GET a URL; the body as text. */
export async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.text();
}
