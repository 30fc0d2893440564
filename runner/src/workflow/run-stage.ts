// Runs a stage: its steps in order, with `when:` skips, `continueOnError`, progress logs and a report per step.
import type { Step } from '../descriptor/core/descriptor-schema';
import { evaluateWhen } from '../descriptor/core/evaluate-when';
import { HarborError } from '../shared/core/errors';
import type { ActionContext } from './action';
import { ACTIONS } from './action-registry';
import type { StageOptions } from './plan-stage';
import { resolveSteps } from './resolve-steps';

export type StepStatus = 'ok' | 'failed' | 'skipped' | 'not-run';

/** One step's outcome, for `--json` and for the caller's summary. */
export interface StepReport {
  index: number;
  label: string;
  action: string;
  name?: string | undefined;
  status: StepStatus;
  durationMs: number;
  summary?: string | undefined;
  urls?: string[] | undefined;
  data?: unknown;
  /** Why a skipped step was skipped. */
  skip?: { expression: string; value: string } | undefined;
  error?: { message: string; code: string; exitCode: number } | undefined;
}

export interface StageResult {
  stage: string;
  /** False when a step failed without continueOnError: the steps after it did not run. */
  ok: boolean;
  durationMs: number;
  steps: StepReport[];
  /** The error that stopped the stage (rethrow it to exit with its code). */
  error?: unknown;
}

export type StageEvent =
  | { type: 'start'; label: string; action: string }
  | { type: 'end'; report: StepReport };

export interface RunStageOptions extends StageOptions {
  /** Milliseconds from a monotonic clock; tests pass a fake. */
  now?: () => number;
  onEvent?: (event: StageEvent) => void;
}

/**
 * Unknown actions and bad params throw a DescriptorError before the first step runs. A failing step stops the
 * stage (later steps are reported `not-run`) and its error is returned in `error`, not thrown, so the caller can
 * still print the report; a step with continueOnError fails alone and the stage goes on.
 */
export async function runStage(stage: string, steps: readonly Step[], ctx: Omit<ActionContext, 'stage' | 'log'>, options: RunStageOptions = {}): Promise<StageResult> {
  const now = options.now ?? (() => performance.now());
  const env = options.env ?? ctx.composeEnv;
  const log = ctx.deps.log;
  const resolved = resolveSteps(stage, steps, options.actions ?? ACTIONS);
  const reports: StepReport[] = [];
  const stageStart = now();
  let error: unknown;

  for (const step of resolved) {
    const base = { index: step.index, label: step.label, action: step.action.name, name: step.name };
    const title = `${step.label} ${step.action.name}${step.name ? ` (${step.name})` : ''}`;
    if (error !== undefined) {
      reports.push({ ...base, status: 'not-run', durationMs: 0 });
      continue;
    }
    const decision = evaluateWhen(step.when, env);
    if (!decision.run) {
      // Safe to print: a value that skips a step is one of the OFF_VALUES, never a secret.
      log.log(`↷ ${title} skipped (when: ${decision.expression} is "${decision.value}")`);
      const report: StepReport = { ...base, status: 'skipped', durationMs: 0, skip: { expression: decision.expression, value: decision.value } };
      reports.push(report);
      options.onEvent?.({ type: 'end', report });
      continue;
    }
    log.start(`${title} …`);
    options.onEvent?.({ type: 'start', label: step.label, action: step.action.name });
    const start = now();
    let report: StepReport;
    try {
      const result = await step.action.run(step.params, { ...ctx, stage, log: log.withTag(step.label) });
      report = { ...base, status: 'ok', durationMs: now() - start, summary: result.summary, urls: result.urls, data: result.data };
      log.success(`${title} (${formatDuration(report.durationMs)})${result.summary ? `: ${result.summary}` : ''}`);
    } catch (err) {
      report = { ...base, status: 'failed', durationMs: now() - start, error: describeError(err) };
      const failed = `${title} failed (${formatDuration(report.durationMs)})`;
      // The stopping error itself is printed once, by the top-level handler, with its hint.
      if (step.continueOnError) log.warn(`${failed}: ${report.error!.message} (continueOnError: going on)`);
      else {
        log.fail(failed);
        error = err;
      }
    }
    reports.push(report);
    options.onEvent?.({ type: 'end', report });
  }
  return { stage, ok: error === undefined, durationMs: now() - stageStart, steps: reports, ...(error === undefined ? {} : { error }) };
}

/** `850ms`, `2.3s` */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)}ms` : `${(ms / 1000).toFixed(1)}s`;
}

function describeError(err: unknown): { message: string; code: string; exitCode: number } {
  if (err instanceof HarborError) return { message: err.message, code: err.code, exitCode: err.exitCode };
  return { message: err instanceof Error ? err.message : String(err), code: 'INTERNAL', exitCode: 1 };
}
