// A PATH for end-to-end tests that holds docker, coreutils and shells but no node, npm, deno, python, jq or yq.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
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

/**
 * A PATH whose `docker` records its argv (one argument per line, calls separated by `--call--`) in
 * `log`, then runs the real docker: a recording wrapper, not a fake.
 */
export function recordingDockerPath(log: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'harbor-docker-rec-'));
  const wrapper = join(dir, 'docker');
  const real = SOURCES.map((s) => join(s, 'docker')).find((p) => existsSync(p));
  if (!real) throw new Error('no docker binary on this host');
  writeFileSync(wrapper, `#!/bin/sh\n{ echo --call--; printf '%s\\n' "$@"; } >> '${log}'\nexec ${real} "$@"\n`);
  chmodSync(wrapper, 0o755);
  mkdirSync(dir, { recursive: true });
  return `${dir}:${hostOnlyPath()}`;
}
