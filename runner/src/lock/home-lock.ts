// Keeps two Harbor runs on one home from interleaving: a lock file in var/run/.harbor/, taken over when stale.
import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, readlink, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { EXIT, HarborError } from '../shared/core/errors';
import { STATE_DIR } from '../shared/core/run-paths';

export const LOCK_PATH = `${STATE_DIR}/lock`;

/** What the lock file says about its holder. */
export interface LockOwner {
  pid: number;
  /** `pid:[inode]` of the holder's pid namespace: each runner container has its own, so a pid means something only within it. */
  pidNamespace: string;
  hostname: string;
  startedAt: string;
  command: string;
  token: string;
}

export interface HomeLock {
  /** Absolute path of the lock file. */
  path: string;
  owner: LockOwner;
  release(): Promise<void>;
}

/** The part of the consola logger the lock uses (tests pass a recorder). */
export interface LockLog {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export interface HomeLockOptions {
  log: LockLog;
  /** Shown to a run that waits: 'harbor deploy'. */
  command?: string;
  /** How long to wait for another run; default 120 s. */
  timeoutMs?: number;
  pollMs?: number;
  /** A lock whose heartbeat is older than this is stale even when its pid cannot be checked; default 30 s. */
  staleMs?: number;
  heartbeatMs?: number;
}

/** Tokens of the locks this process holds: acquiring twice in one process is a bug, not a stale lock. */
const held = new Set<string>();

/**
 * The file is created complete and atomically (written aside, then hard-linked into place), so a reader never
 * sees half a lock. A holder is dead when it shares our pid namespace and its pid is gone; runs in other runner
 * containers cannot be probed by pid, so every holder refreshes the file's mtime and a lock whose heartbeat
 * stopped for `staleMs` (a SIGKILLed run) is taken over too.
 */
export async function acquireHomeLock(home: string, options: HomeLockOptions): Promise<HomeLock> {
  const { log, timeoutMs = 120_000, pollMs = 250, staleMs = 30_000, heartbeatMs = 5_000 } = options;
  const path = join(home, LOCK_PATH);
  await mkdir(dirname(path), { recursive: true });
  const owner: LockOwner = {
    pid: process.pid,
    pidNamespace: await pidNamespace(),
    hostname: hostname(),
    startedAt: new Date().toISOString(),
    command: options.command ?? 'harbor',
    token: randomUUID(),
  };
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  for (;;) {
    if (await tryCreate(path, owner)) break;
    const holder = await readHolder(path);
    if (holder === undefined) continue;
    if (holder.owner && holder.owner.pid === process.pid && holder.owner.pidNamespace === owner.pidNamespace && held.has(holder.owner.token)) {
      throw new Error(`acquireHomeLock: this process already holds ${LOCK_PATH}; pass the HomeLock down instead`);
    }
    if (isStale(holder, owner.pidNamespace, staleMs)) {
      await takeOver(path, holder, log);
      continue;
    }
    const pid = holder.owner?.pid ?? '?';
    if (!announced) {
      log.info(`waiting for another harbor run (pid ${pid}) to finish…`);
      log.debug(`lock holder: ${holder.text.trim()}`);
      announced = true;
    }
    if (Date.now() >= deadline) {
      throw new HarborError(`another harbor run (pid ${pid}, ${holder.owner?.command ?? 'unknown command'}, started ${holder.owner?.startedAt ?? '?'}) still holds ${LOCK_PATH} after ${Math.round(timeoutMs / 1000)}s`, {
        code: 'LOCKED',
        exitCode: EXIT.locked,
        hint: `wait for it to finish and try again; if no harbor run is active on this home, delete ${LOCK_PATH}`,
      });
    }
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
  held.add(owner.token);
  return startHolding(path, owner, log, heartbeatMs);
}

function startHolding(path: string, owner: LockOwner, log: LockLog, heartbeatMs: number): HomeLock {
  const ours = (text: string) => parseOwner(text)?.token === owner.token;
  const heartbeat = setInterval(() => {
    void readFile(path, 'utf8')
      .then((text) => {
        if (!ours(text)) throw new Error('lost');
        const now = new Date();
        return utimes(path, now, now);
      })
      .catch(() => {
        clearInterval(heartbeat);
        log.warn(`${LOCK_PATH} is no longer held by this run (another run took it over)`);
      });
  }, heartbeatMs);
  heartbeat.unref();
  // A normal exit (including Ctrl-C through main's handler) releases synchronously; SIGKILL leaves a stale lock.
  const onExit = () => {
    try {
      if (ours(readFileSync(path, 'utf8'))) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  process.once('exit', onExit);
  let released = false;
  return {
    path,
    owner,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      process.removeListener('exit', onExit);
      held.delete(owner.token);
      const text = await readFile(path, 'utf8').catch(() => '');
      if (ours(text)) await unlink(path).catch(() => undefined);
    },
  };
}

async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  const aside = `${path}.${owner.token}.tmp`;
  await writeFile(aside, `${JSON.stringify(owner)}\n`, { mode: 0o644 });
  try {
    await link(aside, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

interface Holder {
  text: string;
  owner: LockOwner | undefined;
  mtimeMs: number;
}

async function readHolder(path: string): Promise<Holder | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { text, owner: parseOwner(text), mtimeMs: info.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function isStale(holder: Holder, ourNamespace: string, staleMs: number): boolean {
  if (Date.now() - holder.mtimeMs > staleMs) return true;
  const owner = holder.owner;
  if (owner === undefined || owner.pidNamespace !== ourNamespace) return false;
  if (owner.pid === process.pid) return true; // our pid in our namespace, and not one of our locks: a previous run's
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Only one waiter may remove a stale lock, and only the very lock it judged stale (same text). */
async function takeOver(path: string, holder: Holder, log: LockLog): Promise<void> {
  const guard = `${path}.takeover`;
  let handle;
  try {
    handle = await open(guard, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const age = await stat(guard).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > 10_000) await unlink(guard).catch(() => undefined);
    else await sleep(50);
    return;
  }
  try {
    const now = await readFile(path, 'utf8').catch(() => undefined);
    if (now === holder.text) {
      await unlink(path);
      const o = holder.owner;
      log.warn(o ? `removed a stale lock left by a harbor run that is gone (pid ${o.pid}, ${o.command}, started ${o.startedAt})` : `removed an unreadable stale lock ${LOCK_PATH}`);
    }
  } finally {
    await handle.close();
    await unlink(guard).catch(() => undefined);
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const data = JSON.parse(text) as Partial<LockOwner>;
    if (typeof data.pid !== 'number' || typeof data.token !== 'string') return undefined;
    return { pid: data.pid, pidNamespace: String(data.pidNamespace ?? ''), hostname: String(data.hostname ?? ''), startedAt: String(data.startedAt ?? ''), command: String(data.command ?? ''), token: data.token };
  } catch {
    return undefined;
  }
}

async function pidNamespace(): Promise<string> {
  // Linux names the namespace; elsewhere (no /proc) one host is one namespace.
  return readlink('/proc/self/ns/pid').catch(() => `host:${hostname()}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
