// Runs a `host: true` hook on the host: hands the shim (harbor.sh, which runs on the host) a request and streams the result.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { join, relative } from 'node:path';
import type { Deps } from '../shared/deps';
import { HookError } from '../shared/core/errors';
import { redactSecrets } from '../shared/core/redact-secrets';
import type { PlannedHook } from './core/plan-hooks';
import { renderHostEnv } from './core/render-host-env';

export interface HostHookRun {
  planned: PlannedHook;
  env: Record<string, string>;
  secretValues: readonly string[];
}

/**
 * The protocol (docs/Harbor-Hooks.md, "Host hooks"): with --allow-host-hooks, harbor.sh makes a private folder
 * under var/run/.harbor/ with a FIFO `requests`, serves it while the runner runs, and passes its path as
 * HARBOR_HOST_HOOKS_DIR. For each hook the runner makes <dir>/<id>/ with `label`, `timeout`, `run.sh` (the
 * script or a line that execs the script file) and three FIFOs: `env` (export lines the shim sources, so
 * secret values never reach a file or argv), `out` (the hook's output) and `rc` (its exit code, or `timeout`).
 * It then writes <id> to `requests`. The shim checks the request, says what it runs, runs run.sh with the
 * host's /bin/sh in the home, in its own session (setsid), and kills that whole process group on timeout.
 */
export async function runHostHook(deps: Deps, r: HostHookRun): Promise<void> {
  const { planned } = r;
  const dir = deps.env.HARBOR_HOST_HOOKS_DIR;
  const inside = dir ? relative(join(deps.home, 'var/run/.harbor'), dir) : '';
  if (!dir || inside.startsWith('..') || inside === '' || inside.includes('/')) {
    throw new HookError(`${planned.label} (${planned.origin}) runs on the host, but no host-hook channel is open`, {
      code: 'HOOK_HOST_CHANNEL',
      hint: 'host hooks run through ./harbor.sh with --allow-host-hooks (the shim on the host runs them); the runner alone cannot',
    });
  }
  const id = `h${randomBytes(6).toString('hex')}`;
  const request = join(dir, id);
  const script = planned.hook.script !== undefined ? `exec ${quote(join(deps.home, planned.hook.script))}\n` : `${planned.hook.run!}\n`;
  deps.log.withTag('hooks').info(`${planned.label} runs ON THE HOST as your user, in ${deps.home}:\n${script.trimEnd().replace(/^/gm, '    | ')}`);
  await mkdir(request, { mode: 0o700 });
  try {
    await writeFile(join(request, 'label'), `${planned.label}\n`);
    await writeFile(join(request, 'timeout'), `${planned.hook.timeout}\n`);
    await writeFile(join(request, 'run.sh'), script, { mode: 0o600 });
    const fifos = ['env', 'out', 'rc'].map((name) => join(request, name));
    const made = await deps.run(['mkfifo', '-m', '600', ...fifos], { stdio: 'capture' });
    if (made.code !== 0) throw new HookError(`${planned.label}: cannot make the host-hook FIFOs: ${made.stderr.trim()}`);
    await sendRequest(join(dir, 'requests'), id, planned);
    await withDeadline(exchange(request, r), (planned.hook.timeout + 30) * 1000, planned);
  } finally {
    await rm(request, { recursive: true, force: true });
  }
}

/** The FIFO exchange with the shim for one request; throws the hook's failure. */
async function exchange(request: string, r: HostHookRun): Promise<void> {
  const { planned } = r;
  // The shim opens `out` (the hook's output) for writing first, then the hook's shell sources `env`, then the
  // shim writes `rc`. Each open blocks until the other end opens too, so `out` is opened before `env` is written.
  const prefix = `[${planned.label}] `;
  const lines = createInterface({ input: createReadStream(join(request, 'out'), { encoding: 'utf8' }), crlfDelay: Infinity });
  const printed = (async () => {
    for await (const line of lines) process.stderr.write(`${prefix}${redactSecrets(line, r.secretValues)}\n`);
  })();
  const envFile = await open(join(request, 'env'), 'w');
  await envFile.writeFile(renderHostEnv(r.env));
  await envFile.close();
  await printed;
  const rc = (await readFile(join(request, 'rc'), 'utf8')).trim();
  if (rc === '0') return;
  if (rc === 'timeout') {
    throw new HookError(`${planned.label} (${planned.origin}) timed out after ${planned.hook.timeout}s: its process group on the host was killed`, {
      code: 'HOOK_TIMEOUT',
      hint: 'raise its timeout: (seconds) in the descriptor, or hooks.timeout for every hook',
    });
  }
  throw new HookError(`${planned.label} (${planned.origin}) failed on the host with exit code ${rc}`, {
    code: 'HOOK_FAILED',
    hint: 'its output is above, prefixed with its name; set continueOnError: true on the hook to go on when it fails',
  });
}

/** A shim that never answers (it refused the request, or is gone) must not hang the runner: its opens block forever. */
async function withDeadline(work: Promise<void>, ms: number, planned: PlannedHook): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HookError(`${planned.label}: the shim did not finish the host hook within ${ms / 1000}s`, { code: 'HOOK_HOST_CHANNEL', hint: 'see harbor.sh\'s messages above; run with --debug' })), ms);
  });
  try {
    await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** O_NONBLOCK: opening a FIFO nobody reads fails at once (ENXIO) instead of hanging when the shim is gone. */
async function sendRequest(fifo: string, id: string, planned: PlannedHook): Promise<void> {
  let handle;
  // The shim reopens the FIFO after each request: give it a moment before deciding it is gone.
  for (let attempt = 0; handle === undefined; attempt++) {
    try {
      handle = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENXIO' && attempt < 40) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      throw new HookError(`${planned.label}: the shim's host-hook channel does not answer (${(err as NodeJS.ErrnoException).code})`, {
      code: 'HOOK_HOST_CHANNEL',
      cause: err,
      hint: 'run Harbor through ./harbor.sh with --allow-host-hooks',
      });
    }
  }
  await handle.writeFile(`${id}\n`);
  await handle.close();
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
