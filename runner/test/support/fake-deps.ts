// A Deps whose process runner is a fake that records argv and env and answers from a script (no Docker needed).
import { createConsola } from 'consola';
import type { RunOptions, RunResult } from '../../src/shared/process-runner';
import type { Deps } from '../../src/shared/deps';

export interface FakeCall {
  argv: string[];
  options: RunOptions;
}

export interface FakeDeps extends Deps {
  calls: FakeCall[];
  stdout: string[];
  logs: string[];
}

/** `answer` decides each call's result; the default succeeds with empty output. */
export function createFakeDeps(
  answer: (argv: readonly string[]) => Partial<RunResult> | Error = () => ({}),
  home = '/srv/harbor',
): FakeDeps {
  const calls: FakeCall[] = [];
  const stdout: string[] = [];
  const logs: string[] = [];
  const log = createConsola({ level: 4, reporters: [{ log: (entry) => logs.push(`${entry.type}: ${entry.args.join(' ')}`) }] });
  return {
    calls,
    stdout,
    logs,
    log,
    out: (text) => stdout.push(text),
    env: {},
    home,
    cwd: home,
    debug: false,
    run: async (argv, options = {}) => {
      calls.push({ argv: [...argv], options });
      const a = answer(argv);
      if (a instanceof Error) throw a;
      return { code: 0, stdout: '', stderr: '', ...a };
    },
  };
}
