// The phases of a trial inside a started environment: healthcheck, oracle solve.sh, tests/test.sh, artifacts.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { glob } from 'tinyglobby';
import { buildExcludeGlobs, topmostPaths } from './core/artifact-excludes';
import type { ComposeEnvironment } from './compose-environment';
import { parseReward, type Rewards } from './core/parse-reward';
import { resolveEnvTemplates } from './core/resolve-env-templates';
import type { ArtifactConfig, CollectHook, Healthcheck, PhaseConfig, VerifierConfig } from './core/task-config';
import { TrialError } from './trial-error';

const ROOT = { user: 0 } as const;

export interface PhaseContext {
  env: ComposeEnvironment;
  workdir: string | undefined;
  multiplier: number;
  /** The host environment, for ${VAR} templates in [verifier].env. */
  hostEnv: Readonly<Record<string, string | undefined>>;
}

/** `[environment].healthcheck`, Docker HEALTHCHECK style: tries every interval; failures in the start period do not count. */
export async function runHealthcheck(ctx: PhaseContext, check: Healthcheck, sleep: (ms: number) => Promise<void>, now: () => number): Promise<void> {
  const start = now();
  let failures = 0;
  let last = '';
  for (;;) {
    const r = await ctx.env.exec(check.command, { workdir: ctx.workdir, timeoutMs: check.timeoutSec * 1000 });
    if (r.code === 0 && !r.timedOut) return;
    last = r.timedOut ? `timed out after ${check.timeoutSec}s` : `exit ${r.code}${r.stderr.trim() ? `: ${r.stderr.trim().split('\n').pop()}` : ''}`;
    const inStartPeriod = now() - start < check.startPeriodSec * 1000;
    if (!inStartPeriod && ++failures > check.retries) {
      throw new TrialError('HealthcheckError', `Healthcheck failed after ${failures} attempt${failures === 1 ? '' : 's'}: ${check.command} (${last})`, 'environment healthcheck');
    }
    await sleep((inStartPeriod ? check.startIntervalSec : check.intervalSec) * 1000);
  }
}

export interface AgentOutcome {
  error?: TrialError;
  /** A missing solve.sh skips verification (FileNotFoundError), as in the framework. */
  skipVerification: boolean;
  /** solve.sh's exit code, when it ran to its end. */
  exitCode?: number;
}

/** The oracle: upload solution/ to /solution, chmod +x as root, run it as agent.user in WORKDIR, output to /logs/agent/oracle.txt. */
export async function runOracle(ctx: PhaseContext, solutionDir: string, agent: PhaseConfig, solutionEnv: Readonly<Record<string, string>>, hostAgentDir: string, fresh: boolean): Promise<AgentOutcome> {
  const script = join(solutionDir, 'solve.sh');
  if (!(await isFile(script))) {
    return { error: new TrialError('FileNotFoundError', `Solution script not found: ${script}`, 'agent execution'), skipVerification: true };
  }
  // A later step must not see the previous step's solution; a fresh container has none (one exec saved).
  if (!fresh) await mustSucceed(ctx.env.exec('rm -rf /solution', ROOT), 'agent execution', 'clearing /solution');
  await mustSucceed(ctx.env.copyIn(solutionDir, '/solution'), 'agent execution', 'uploading solution/ to /solution');
  await mustSucceed(ctx.env.exec('chmod +x /solution/solve.sh', ROOT), 'agent execution', 'chmod +x /solution/solve.sh');
  const timeoutMs = agent.timeoutSec === null ? undefined : agent.timeoutSec * ctx.multiplier * 1000;
  const r = await ctx.env.exec('(/solution/solve.sh) > /logs/agent/oracle.txt 2>&1', {
    user: agent.user,
    workdir: ctx.workdir,
    env: { DEBIAN_FRONTEND: 'noninteractive', ...solutionEnv },
    timeoutMs,
  });
  if (r.timedOut) {
    return { error: new TrialError('AgentTimeoutError', `Agent execution timed out after ${agent.timeoutSec! * ctx.multiplier} seconds`, 'agent execution'), skipVerification: false };
  }
  // The framework (0.20+) records a failing solve.sh in agent/exit-code.txt and still verifies.
  if (r.code !== 0) await writeFile(join(hostAgentDir, 'exit-code.txt'), `${r.code}\n`);
  return { skipVerification: false, exitCode: r.code };
}

export interface VerifierOutcome {
  rewards: Rewards | null;
  error?: TrialError;
}

/**
 * tests/test.sh: uploaded to /tests (each of `testDirs` over the last; none for a separate verifier image), run as
 * verifier.user in WORKDIR with [verifier].env, output to /logs/verifier/test-stdout.txt. Its exit code is ignored:
 * only the reward file counts.
 */
export async function runVerifier(ctx: PhaseContext, testDirs: readonly string[], verifier: VerifierConfig, hostVerifierDir: string, fresh: boolean): Promise<VerifierOutcome> {
  const resolved = resolveEnvTemplates(verifier.env, ctx.hostEnv, ['verifier', 'env']);
  if (resolved.issues.length) {
    return { rewards: null, error: new TrialError('ValueError', resolved.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '), 'verifier') };
  }
  if (testDirs.length) {
    if (!fresh) await mustSucceed(ctx.env.exec('rm -rf /tests', ROOT), 'verifier', 'clearing /tests');
    for (const dir of testDirs) await mustSucceed(ctx.env.copyIn(dir, '/tests'), 'verifier', `uploading ${basename(dir)}/ to /tests`);
  }
  await mustSucceed(ctx.env.exec('chmod +x /tests/test.sh', ROOT), 'verifier', 'chmod +x /tests/test.sh');
  const r = await ctx.env.exec('(/tests/test.sh) > /logs/verifier/test-stdout.txt 2>&1', {
    user: verifier.user,
    workdir: ctx.workdir,
    env: resolved.env,
    timeoutMs: verifier.timeoutSec * ctx.multiplier * 1000,
  });
  if (r.timedOut) return { rewards: null, error: new TrialError('VerifierTimeoutError', `Verifier execution timed out after ${verifier.timeoutSec * ctx.multiplier} seconds`, 'verifier') };
  const outcome = parseReward({
    json: await readFile(join(hostVerifierDir, 'reward.json'), 'utf8').catch(() => undefined),
    txt: await readFile(join(hostVerifierDir, 'reward.txt'), 'utf8').catch(() => undefined),
    dir: hostVerifierDir,
  });
  if ('error' in outcome) return { rewards: null, error: new TrialError(outcome.error.type, outcome.error.message, 'verifier') };
  return { rewards: outcome.rewards };
}

export interface ManifestEntry {
  source: string;
  destination: string;
  status: 'ok' | 'failed';
  /** What the artifact's `exclude` patterns removed, relative to the destination. */
  excluded?: string[];
  error?: string;
}

/** Best effort: each configured artifact copied into artifacts/ (beside what /logs/artifacts already holds), then manifest.json. */
export async function collectArtifacts(ctx: PhaseContext, artifacts: readonly ArtifactConfig[], hostArtifactsDir: string): Promise<void> {
  const entries: ManifestEntry[] = [{ source: '/logs/artifacts', destination: '.', status: 'ok' }];
  for (const a of artifacts) {
    const destination = a.destination ?? basename(a.source.replace(/\/+$/, ''));
    const target = join(hostArtifactsDir, destination);
    await mkdir(join(target, '..'), { recursive: true });
    const source = a.source.startsWith('/') || !ctx.workdir ? a.source : `${ctx.workdir}/${a.source}`;
    const r = await ctx.env.copyOut(source, target, a.service);
    if (r.code !== 0) {
      entries.push({ source: a.source, destination, status: 'failed', error: r.stderr.trim().split('\n').pop() ?? `exit ${r.code}` });
      continue;
    }
    const excluded = await applyExcludes(target, a.exclude);
    entries.push({ source: a.source, destination, status: 'ok', ...(excluded.length ? { excluded } : {}) });
  }
  await writeFile(join(hostArtifactsDir, 'manifest.json'), `${JSON.stringify(entries, null, 2)}\n`);
}

/**
 * Removes what an artifact's `exclude` patterns match from its copy (a pattern without "/" matches at any depth);
 * returns the removed paths relative to the copy ("." when the copied file itself is excluded).
 */
async function applyExcludes(target: string, patterns: readonly string[]): Promise<string[]> {
  const globs = buildExcludeGlobs(patterns);
  if (globs.length === 0) return [];
  const isDirectory = (await stat(target)).isDirectory();
  const cwd = isDirectory ? target : dirname(target);
  const matches = await glob(globs, { cwd, dot: true, onlyFiles: false, expandDirectories: false, followSymbolicLinks: false, deep: isDirectory ? Infinity : 1 });
  const removed = isDirectory ? topmostPaths(matches) : topmostPaths(matches).filter((m) => m === basename(target));
  for (const path of removed) await rm(join(cwd, path), { recursive: true, force: true });
  return isDirectory ? removed : removed.map(() => '.');
}

/** `[[verifier.collect]]` hooks, best effort: a failure is returned as a warning, never a trial error. */
export async function runCollectHooks(ctx: PhaseContext, hooks: readonly CollectHook[]): Promise<string[]> {
  const warnings: string[] = [];
  for (const hook of hooks) {
    const r = await ctx.env.exec(hook.command, { service: hook.service, user: hook.user, workdir: hook.service === 'main' ? ctx.workdir : undefined, timeoutMs: hook.timeoutSec * ctx.multiplier * 1000 });
    if (r.timedOut || r.code !== 0) warnings.push(`[[verifier.collect]] ${hook.command} (${hook.service}): ${r.timedOut ? `timed out after ${hook.timeoutSec * ctx.multiplier}s` : `exit ${r.code}`}`);
  }
  return warnings;
}

async function mustSucceed(p: Promise<{ code: number; stderr: string }>, phase: string, what: string): Promise<void> {
  const r = await p;
  if (r.code !== 0) throw new TrialError('RuntimeError', `${what} failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`, phase);
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}
