// The live progress line of a job: done/total, running, errors and the mean reward so far.

export interface ProgressState {
  total: number;
  done: number;
  running: number;
  errors: number;
  /** Sum of rewards (missing = 0) over done trials. */
  rewardSum: number;
}

/** @example renderProgress({ total: 4, done: 2, running: 2, errors: 1, rewardSum: 1 }) // '2/4 done · 2 running · 1 error · mean reward 0.500' */
export function renderProgress(p: ProgressState): string {
  const mean = p.done ? (p.rewardSum / p.done).toFixed(3) : '-';
  return `${p.done}/${p.total} done · ${p.running} running · ${p.errors} error${p.errors === 1 ? '' : 's'} · mean reward ${mean}`;
}
