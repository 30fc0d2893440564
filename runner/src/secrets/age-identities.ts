// Finds the age identities sops 3.13 would use (plus Harbor's AGE_PRIVATE_KEY), from the env given, never process.env.
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { identityToRecipient } from 'age-encryption';
import type { RunProcess } from '../shared/process-runner';

export interface LoadedIdentities {
  /** `AGE-SECRET-KEY-1…` strings, in precedence order, without duplicates. */
  identities: string[];
  /** Where Harbor looked, for "no key" messages (names and paths only). */
  searched: string[];
  /** Sources that were set but failed (never containing key material). */
  errors: string[];
}

export type IdentityEnv = Readonly<Record<string, string | undefined>>;

/** Parses identity text (age-keygen output); the error names the source and line number, never the line. */
export async function parseIdentityText(text: string, source: string, allowSeveralPerLine: boolean): Promise<string[]> {
  if (text.startsWith('age-encryption.org/') || text.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) {
    throw new Error(`${source}: passphrase-protected identity files are not supported (decrypt it with \`age -d\` into SOPS_AGE_KEY_CMD's output)`);
  }
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) continue;
    for (const word of allowSeveralPerLine ? line.trim().split(/\s+/) : [line]) {
      if (word.startsWith('AGE-PLUGIN-')) throw new Error(`${source}:${i + 1}: age plugin identities are not supported`);
      if (!word.startsWith('AGE-SECRET-KEY-1') && !word.startsWith('AGE-SECRET-KEY-PQ-1')) {
        throw new Error(`${source}:${i + 1}: unknown identity type (expected AGE-SECRET-KEY-1…)`);
      }
      try {
        await identityToRecipient(word);
      } catch {
        throw new Error(`${source}:${i + 1}: malformed age identity (bad bech32 encoding)`);
      }
      out.push(word);
    }
  }
  return out;
}

/** `<user config dir>/sops/age/keys.txt`: $XDG_CONFIG_HOME (absolute) else $HOME/.config; macOS: Library/Application Support. */
export function defaultKeysPath(env: IdentityEnv, platform: NodeJS.Platform = process.platform): string | undefined {
  const xdg = env.XDG_CONFIG_HOME;
  if (platform === 'darwin') {
    if (xdg) return join(xdg, 'sops', 'age', 'keys.txt');
    return env.HOME ? join(env.HOME, 'Library', 'Application Support', 'sops', 'age', 'keys.txt') : undefined;
  }
  if (platform === 'win32') return env.AppData ? join(env.AppData, 'sops', 'age', 'keys.txt') : undefined;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'sops', 'age', 'keys.txt');
  return env.HOME ? join(env.HOME, '.config', 'sops', 'age', 'keys.txt') : undefined;
}

/** Splits a command line shell-style (quotes and backslashes), without running a shell. */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  let any = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      any = true;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      any = true;
    } else if (/\s/.test(c)) {
      if (cur || any) out.push(cur);
      cur = '';
      any = false;
    } else cur += c;
  }
  if (cur || any) out.push(cur);
  return out;
}

export interface LoadIdentityOptions {
  /** Runs SOPS_AGE_KEY_CMD; without it the command source is reported as unavailable. */
  run?: RunProcess;
  /** Passed to SOPS_AGE_KEY_CMD as SOPS_AGE_RECIPIENT. */
  recipient?: string;
  platform?: NodeJS.Platform;
}

/**
 * Loads every identity source and merges them, like sops 3.13 (a failing source is reported, the others
 * still count). Order: AGE_PRIVATE_KEY, SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, default keys.txt.
 */
export async function loadAgeIdentities(env: IdentityEnv, options: LoadIdentityOptions = {}): Promise<LoadedIdentities> {
  const found: string[] = [];
  const searched: string[] = [];
  const errors: string[] = [];
  const add = async (label: string, load: () => Promise<string | undefined>, several: boolean) => {
    searched.push(label);
    try {
      const text = await load();
      if (text !== undefined) found.push(...(await parseIdentityText(text, label, several)));
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  };
  const readKeyFile = async (path: string, label: string) => {
    try {
      return await readFile(path, 'utf8');
    } catch (err) {
      throw new Error(`${label}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  if (env.AGE_PRIVATE_KEY) await add('AGE_PRIVATE_KEY', async () => env.AGE_PRIVATE_KEY, true);
  else searched.push('AGE_PRIVATE_KEY');
  if (env.SOPS_AGE_KEY) await add('SOPS_AGE_KEY', async () => env.SOPS_AGE_KEY, true);
  else searched.push('SOPS_AGE_KEY');
  const keyFile = env.SOPS_AGE_KEY_FILE;
  if (keyFile) await add(`SOPS_AGE_KEY_FILE (${keyFile})`, () => readKeyFile(keyFile, 'SOPS_AGE_KEY_FILE'), false);
  else searched.push('SOPS_AGE_KEY_FILE');
  const cmd = env.SOPS_AGE_KEY_CMD;
  if (cmd) {
    await add('SOPS_AGE_KEY_CMD', async () => {
      const argv = splitCommandLine(cmd);
      if (!options.run || argv.length === 0) throw new Error('SOPS_AGE_KEY_CMD: cannot run the command here');
      const result = await options.run(argv, { stdio: 'capture', env: options.recipient ? { SOPS_AGE_RECIPIENT: options.recipient } : {} });
      if (result.code !== 0) throw new Error(`SOPS_AGE_KEY_CMD: the command exited with ${result.code}`);
      return result.stdout;
    }, true);
  } else searched.push('SOPS_AGE_KEY_CMD');
  const def = defaultKeysPath(env, options.platform);
  if (def) {
    searched.push(def);
    let text: string | undefined;
    try {
      text = await readFile(def, 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      try {
        found.push(...(await parseIdentityText(text, def, false)));
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
  }
  return { identities: [...new Set(found)], searched, errors };
}
