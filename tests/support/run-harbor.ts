// Runs ./harbor.sh as a user would: through a chosen POSIX shell, with a PATH that has no node.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { hostOnlyPath } from './host-path';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const SHIM = `${REPO}harbor.sh`;

export interface HarborRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface HarborRunOptions {
  /** The shell that interprets harbor.sh: 'sh' (dash here), 'dash', 'busybox sh', 'bash'. */
  shell?: string;
  /** Replaces the whole environment but PATH, HOME and the image build settings. */
  env?: Record<string, string>;
  path?: string;
  cwd?: string;
  input?: string;
  /** Run this script instead of the repo's harbor.sh (e.g. a symlink to it). */
  script?: string;
}

/** Build settings the shim needs if it has to rebuild the image (set by runner/run-tests.mjs). */
function buildEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['HARBOR_BUNDLE_FROM', 'HARBOR_NODE_IMAGE', 'HARBOR_DOCKER_CLI_IMAGE', 'HARBOR_EXAMPLE_BASE_IMAGE', 'HARBOR_RUNNER_PACKAGES', 'DOCKER_HOST']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export function runHarbor(args: string[], options: HarborRunOptions = {}): Promise<HarborRun> {
  const shell = (options.shell ?? 'sh').split(' ');
  const env = { PATH: options.path ?? hostOnlyPath(), HOME: process.env.HOME ?? '/root', ...buildEnv(), ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(shell[0]!, [...shell.slice(1), options.script ?? SHIM, ...args], {
      cwd: options.cwd ?? REPO,
      env,
      // No stdin unless the test gives some: a child that exits at once must not race our write (EPIPE).
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 1), stdout, stderr }));
    if (options.input !== undefined) {
      child.stdin!.on('error', () => undefined);
      child.stdin!.end(options.input);
    }
  });
}
