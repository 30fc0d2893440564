// Reads one stage of a Dockerfile as its instructions, and replays a bundle stage's steps on the host: what
// tests/e2e/runner-build-context.test.ts runs on the build context docker exported.
import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Instruction {
  /** Upper-case keyword: RUN, COPY, WORKDIR, … */
  keyword: string;
  /** The rest of the instruction, continuation lines joined. */
  args: string;
}

/** The instructions of the stage named `stage` (after its FROM), in order; throws when there is no such stage. */
export function parseStage(dockerfile: string, stage: string): Instruction[] {
  // Comments are whole lines (also inside a continued instruction); a trailing backslash continues a line.
  const lines = dockerfile.split('\n').filter((line) => !/^\s*#/.test(line));
  const logical: string[] = [];
  let current = '';
  for (const line of lines) {
    const continued = /\\\s*$/.test(line);
    current += continued ? line.replace(/\\\s*$/, '') : line;
    if (!continued) {
      if (current.trim()) logical.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) logical.push(current.trim());
  const instructions = logical.map((text) => {
    const [, keyword = '', args = ''] = /^(\S+)\s*([\s\S]*)$/.exec(text) ?? [];
    return { keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ').trim() };
  });
  const start = instructions.findIndex((i) => i.keyword === 'FROM' && new RegExp(`\\sAS\\s+${stage}$`, 'i').test(i.args));
  if (start < 0) throw new Error(`the Dockerfile has no stage named ${stage}`);
  const end = instructions.findIndex((i, n) => n > start && i.keyword === 'FROM');
  return instructions.slice(start + 1, end < 0 ? undefined : end);
}

export type ReplayResult = { ok: true; steps: string[] } | { ok: false; steps: string[]; failed: string; output: string };

/**
 * Replays a stage that builds from the exported context, as docker would: `COPY --from=context / ./` copies
 * the context into `workDir`, each RUN runs with `sh -c` there (its --mount flags dropped: the host's npm
 * cache stands in for the cache mount), in order, stopping at the first that fails. `env` is added to each
 * RUN's environment. An instruction the replay does not know fails it, so a change to the stage cannot
 * slip past the test unreplayed.
 */
export function replayStage(instructions: Instruction[], contextDir: string, workDir: string, env: Record<string, string>): ReplayResult {
  const steps: string[] = [];
  const base = hostToolEnv();
  for (const { keyword, args } of instructions) {
    const step = `${keyword} ${args}`;
    steps.push(step);
    if (keyword === 'WORKDIR') continue; // workDir stands for it
    if (keyword === 'COPY' && args === '--from=context / ./') {
      cpSync(contextDir, workDir, { recursive: true });
      continue;
    }
    if (keyword === 'RUN') {
      const command = args.replace(/^(--mount=\S+\s+)+/, '');
      const r = spawnSync('sh', ['-c', command], { cwd: workDir, env: { ...base, ...env }, encoding: 'utf8' });
      if (r.status !== 0) return { ok: false, steps, failed: step, output: `${r.stdout}${r.stderr}` };
      continue;
    }
    return { ok: false, steps, failed: step, output: `the replay does not know ${keyword} ${args}: teach tests/support/dockerfile-stage.ts` };
  }
  return { ok: true, steps };
}

/**
 * The test's environment for running node and npm as a user would: the node running the tests first on PATH,
 * and none of the npm_* variables an enclosing `npm test` sets (npm_config_local_prefix would point a nested
 * npm at the checkout instead of its working directory).
 */
export function hostToolEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined && !/^npm_/i.test(name)) env[name] = value;
  env.PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
  return env;
}
