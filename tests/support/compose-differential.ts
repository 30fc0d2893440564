// Runs the real `docker compose config --format json` and Harbor's model on the same files and env, and names the first difference.
import { spawnSync } from 'node:child_process';
import { loadComposeModel } from '../../runner/src/compose/model/load-compose-model';
import { ComposeModelUnsupported } from '../../runner/src/compose/model/core/model-tree';
import { printComposeJson } from '../../runner/src/compose/model/core/print-compose-json';
import { printComposeYaml } from '../../runner/src/compose/model/core/print-compose-yaml';
import type { ModelMap } from '../../runner/src/compose/model/core/model-tree';
import { firstModelDifference } from '../../runner/src/compose/model/core/first-difference';

export const PROBE_PROJECT = 'harbor-model-probe';
/** A fixed HOME, so `~` means the same to both sides and nothing of the user's leaks in. */
export const PROBE_HOME = '/home/harbor-model';

export interface DifferentialResult {
  /** compose failed: its stderr. */
  composeError?: string;
  /** Harbor's model declined (it falls back to compose then): the reason. */
  unsupported?: string;
  /** The first differing field, `path: compose=… harbor=…`; undefined when both models are equal. */
  difference?: string;
  /** True when the two JSON texts are byte for byte the same. */
  sameBytes: boolean;
}

export interface YamlDifferentialResult {
  /** Harbor's YAML printer declined (Harbor then asks compose for the YAML): the reason. */
  unsupported?: string;
  /** The first differing line, `line N: compose=… harbor=…`; undefined when the texts are the same. */
  difference?: string;
}

/** The env both sides run with: PATH and a fixed HOME, plus the case's variables (nothing else of this process). */
export function probeEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: PROBE_HOME, ...extra };
  if (process.env.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  return env;
}

/** One comparison: compose first (run directly, no runner), then the model. */
export function compareWithCompose(dir: string, files: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): DifferentialResult {
  const env = probeEnv(extraEnv);
  const run = runComposeConfig(dir, files, env);
  let harbor: string | undefined;
  let unsupported: string | undefined;
  try {
    harbor = printComposeJson(loadComposeModel({ project: { name: PROBE_PROJECT, directory: dir }, files, env }));
  } catch (err) {
    if (!(err instanceof ComposeModelUnsupported)) throw err;
    unsupported = err.message;
  }
  if (run.status !== 0) return { composeError: run.stderr.trim(), ...(unsupported !== undefined && { unsupported }), ...(harbor === undefined ? {} : { difference: 'compose failed but the model gave a result' }), sameBytes: false };
  if (harbor === undefined) return { unsupported: unsupported!, sameBytes: false };
  const difference = firstModelDifference(JSON.parse(run.stdout), JSON.parse(harbor));
  return { ...(difference !== undefined && { difference }), sameBytes: run.stdout.trim() === harbor.trim() };
}

/**
 * `docker compose config` (YAML) beside Harbor's YAML of its model for the same files and env: the texts must be
 * the same byte for byte, or the printer must decline. Call it where the JSON models agree.
 */
export function compareYamlWithCompose(dir: string, files: readonly string[], extraEnv: Readonly<Record<string, string>> = {}): YamlDifferentialResult {
  const env = probeEnv(extraEnv);
  const argv = ['compose', '-p', PROBE_PROJECT, '--project-directory', dir, ...files.flatMap((f) => ['-f', f]), 'config'];
  const run = spawnSync('docker', argv, { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`docker compose config failed: ${run.stderr.trim()}`);
  let harbor: string;
  try {
    harbor = printComposeYaml(loadComposeModel({ project: { name: PROBE_PROJECT, directory: dir }, files, env }) as ModelMap);
  } catch (err) {
    if (!(err instanceof ComposeModelUnsupported)) throw err;
    return { unsupported: err.message };
  }
  if (harbor === run.stdout) return {};
  const a = run.stdout.split('\n');
  const b = harbor.split('\n');
  let i = 0;
  while (a[i] === b[i]) i++;
  return { difference: `line ${i + 1}: compose=${JSON.stringify(a[i])} harbor=${JSON.stringify(b[i])}` };
}

/** `docker compose config --format json` for these files (relative to `dir`, or absolute), parsed; throws with compose's stderr. */
export function composeConfig(dir: string, files: readonly string[], env: Readonly<Record<string, string>>): unknown {
  const run = runComposeConfig(dir, files, env);
  if (run.status !== 0) throw new Error(`docker compose config failed: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout);
}

/** Runs `docker compose config --format json` on the host (not through the runner) with exactly `env`. */
export function runComposeConfig(dir: string, files: readonly string[], env: Readonly<Record<string, string>>): { status: number | null; stdout: string; stderr: string } {
  const argv = ['compose', '-p', PROBE_PROJECT, '--project-directory', dir, ...files.flatMap((f) => ['-f', f]), 'config', '--format', 'json'];
  return spawnSync('docker', argv, { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
}
