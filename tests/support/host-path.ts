// A PATH for end-to-end tests that holds docker, coreutils and shells but no node, npm, deno, python, jq or yq.
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FORBIDDEN = /^(node|nodejs|npm|npx|corepack|deno|python[0-9.]*|jq|yq|tsx|tsc)$/;
const SOURCES = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

let cached: string | undefined;

/** A fresh directory of symlinks to every host tool except the forbidden ones. */
export function hostOnlyPath(): string {
  if (cached) return cached;
  const dir = mkdtempSync(join(tmpdir(), 'harbor-path-'));
  for (const source of SOURCES) {
    if (!existsSync(source)) continue;
    for (const name of readdirSync(source)) {
      if (FORBIDDEN.test(name) || existsSync(join(dir, name))) continue;
      symlinkSync(join(source, name), join(dir, name));
    }
  }
  cached = dir;
  return dir;
}

/** Writes `dir/tool`: records each call in `log` (`--call--`, then one argument per line), then runs the real tool. */
function writeRecorder(dir: string, tool: string, log: string, options: { recordOnly: string[]; withName: boolean }): void {
  const real = SOURCES.map((s) => join(s, tool)).find((p) => existsSync(p));
  if (!real) throw new Error(`no ${tool} binary on this host`);
  const name = options.withName ? ` ${tool}` : '';
  const skip = options.recordOnly.length ? `case \${1:-} in ${options.recordOnly.join('|')}) exit 0 ;; esac\n` : '';
  writeFileSync(join(dir, tool), `#!/bin/sh\n{ echo --call--; printf '%s\\n'${name} "$@"; } >> '${log}'\n${skip}exec ${real} "$@"\n`);
  chmodSync(join(dir, tool), 0o755);
}

/**
 * A PATH whose `docker` records its argv (one argument per line, calls separated by `--call--`) in
 * `log`, then runs the real docker: a recording wrapper, not a fake.
 */
export function recordingDockerPath(log: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-docker-rec-'));
  writeRecorder(dir, 'docker', log, { recordOnly: [], withName: false });
  return `${dir}:${hostOnlyPath()}`;
}

/**
 * A PATH whose listed tools record each call in `log` as recordingDockerPath does, with the tool's name
 * first. A call whose first argument is in the tool's list is only recorded (exit 0); the rest run the
 * real tool. For tests of the shim's decisions where running the real command would change the host.
 */
export function recordingToolsPath(log: string, tools: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-tools-rec-'));
  for (const [tool, recordOnly] of Object.entries(tools)) writeRecorder(dir, tool, log, { recordOnly, withName: true });
  return `${dir}:${hostOnlyPath()}`;
}

/** The calls a recording PATH saw in `log`, each as its argv (with the tool's name first for recordingToolsPath). */
export function recordedCalls(log: string): string[][] {
  return readFileSync(log, 'utf8').split('--call--\n').filter(Boolean).map((c) => c.trimEnd().split('\n'));
}
