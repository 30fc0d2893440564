// runHookProcess with a fake process (no Docker): prefixed and masked lines, exit codes, the timeout, a routine's messages.
import { deepStrictEqual, equal, match, rejects } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HookError } from '../../src/shared/core/errors';
import { parseHookPoint } from '../../src/descriptor/core/hook-points';
import type { HooksConfig } from '../../src/descriptor/core/hooks-schema';
import { planPointHooks } from '../../src/hooks/core/plan-hooks';
import { renderRoutineMessage } from '../../src/hooks/core/routine-protocol';
import { runHookProcess, type HookProcess } from '../../src/hooks/run-hook-process';
import type { SpawnLines } from '../../src/hooks/spawn-lines';
import { createFakeDeps } from '../support/fake-deps';

function planned(hook: Record<string, unknown>) {
  const parsed = parseHookPoint('pre_deploy', []);
  if (!parsed.ok) throw new Error(parsed.message);
  return planPointHooks({ point: parsed.point, config: { autodiscover: false, timeout: 300, pre_deploy: [hook] } as unknown as HooksConfig, services: [], discovered: [], env: {} })[0]!;
}

/** A fake process: emits `lines`, then exits with `code` (or never, until killed through stop()). */
function fakeSpawn(lines: Array<['stdout' | 'stderr', string]>, code: number | 'hang', written: string[] = []): { spawn: SpawnLines; kill: () => void } {
  let kill = () => undefined as void;
  const spawn: SpawnLines = (_argv, options) => {
    const exited = new Promise<number>((resolve) => {
      kill = () => resolve(137);
      setImmediate(() => {
        for (const [stream, line] of lines) options.onLine(stream, line);
        if (code !== 'hang') setTimeout(() => resolve(code), 20);
      });
    });
    return { write: (text) => void written.push(text), exited };
  };
  return { spawn, kill: () => kill() };
}

async function run(hook: Record<string, unknown>, lines: Array<['stdout' | 'stderr', string]>, code: number | 'hang', answer: (argv: readonly string[]) => object = () => ({})) {
  const deps = createFakeDeps(answer);
  const out: string[] = [];
  const written: string[] = [];
  const fake = fakeSpawn(lines, code, written);
  let stopped = 0;
  const p: HookProcess = {
    planned: planned(hook),
    argv: ['docker', 'run', 'x'],
    env: {},
    secretValues: ['s3cret'],
    stop: async () => {
      stopped++;
      fake.kill();
    },
    compose: { project: 'demo', files: ['etc/stacks/compose.yml'], env: { API_TOKEN: 's3cret' } },
  };
  const result = runHookProcess({ run: deps.run, spawnLines: fake.spawn, writeErr: (t) => void out.push(t), log: deps.log, home: '/h' }, p);
  return { result, out, written, calls: deps.calls, stopped: () => stopped };
}

describe('runHookProcess', () => {
  it('prefixes every line with the label and masks secrets; exit 0 resolves', async () => {
    const r = await run({ run: 'x', name: 'migrate' }, [['stdout', 'token s3cret'], ['stderr', 'done']], 0);
    await r.result;
    deepStrictEqual(r.out, ['[pre_deploy:migrate] token [redacted]\n', '[pre_deploy:migrate] done\n']);
  });

  it('a non-zero exit is a HookError naming the hook and its place; a read-only write gets the var/run/ hint', async () => {
    const plain = await run({ run: 'x' }, [], 3);
    await rejects(plain.result, (err: HookError) => err instanceof HookError && err.message === 'pre_deploy:run (hooks.pre_deploy[0]) failed with exit code 3' && err.exitCode === 6);
    const ro = await run({ run: 'x' }, [['stderr', "sh: 1: cannot create etc/x: Read-only file system"]], 2);
    await rejects(ro.result, (err: HookError) => /write under var\/run\//.test(err.hint ?? ''));
  });

  it('at its timeout the hook is stopped and the error says so', async () => {
    const r = await run({ run: 'x', timeout: 1 }, [['stdout', 'started']], 'hang');
    await rejects(r.result, (err: HookError) => err.code === 'HOOK_TIMEOUT' && err.message === 'pre_deploy:run (hooks.pre_deploy[0]) timed out after 1s: it was stopped and removed');
    equal(r.stopped(), 1);
  });

  it("a routine's compose request runs compose in the runner and answers on stdin, masked without secrets: true", async () => {
    const r = await run({ type: 'ts_routine', module: 'a.ts' }, [['stdout', renderRoutineMessage({ type: 'compose', id: 1, args: ['config'] }).trimEnd()]], 0, () => ({ stdout: 'TOKEN: s3cret\n' }));
    await r.result;
    await new Promise((resolve) => setTimeout(resolve, 10));
    deepStrictEqual(r.calls.map((c) => [c.argv.slice(-1), c.options.env]), [[['config'], { API_TOKEN: 's3cret' }]]);
    deepStrictEqual(r.written.map((w) => JSON.parse(w)), [{ id: 1, code: 0, stdout: 'TOKEN: [redacted]\n', stderr: '' }]);
    deepStrictEqual(r.out, [], 'a message is not output');
  });

  it('a routine that threw: its message (masked) and file:line', async () => {
    const r = await run({ type: 'ts_routine', module: 'a.ts', name: 'check' }, [['stdout', renderRoutineMessage({ type: 'error', message: 'bad s3cret', location: 'a.ts:3' }).trimEnd()]], 1);
    await rejects(r.result, (err: HookError) => {
      match(err.message, /^pre_deploy:check \(hooks\.pre_deploy\[0\]\) threw: bad \[redacted\] \(at a\.ts:3\)$/);
      return err.code === 'HOOK_THREW';
    });
  });
});
