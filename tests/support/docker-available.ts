// Docker tests need a real engine: under CI a missing engine fails the test, elsewhere it skips it.
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

let answers: boolean | undefined;

export function dockerAnswers(): boolean {
  answers ??= spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { stdio: 'ignore' }).status === 0;
  return answers;
}

/** Call first in every Docker test; returns false when the test was skipped. */
export function requireDocker(t: TestContext): boolean {
  if (dockerAnswers()) return true;
  if (process.env.CI) throw new Error('no Docker engine answers, and CI must not skip Docker tests (run ../shared/docker/provision)');
  t.skip('no Docker engine answers');
  return false;
}
