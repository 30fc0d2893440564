// Reads a quick tunnel's public URL: from cloudflared's metrics (`/quicktunnel`), or from its log box.

/**
 * cloudflared's `/quicktunnel` answers `{"hostname":"<name>.trycloudflare.com"}` (empty before the tunnel exists).
 * @example parseQuickTunnelHostname('{"hostname":"a-b.trycloudflare.com"}') // 'https://a-b.trycloudflare.com'
 */
export function parseQuickTunnelHostname(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const hostname = (parsed as { hostname?: unknown } | null)?.hostname;
  if (typeof hostname !== 'string' || !/^[a-z0-9.-]+$/i.test(hostname.replace(/^https:\/\//, ''))) return undefined;
  return hostname.startsWith('https://') ? hostname : `https://${hostname}`;
}

// Only a URL standing alone in the box counts: error lines name https://api.trycloudflare.com too.
const LOG_URL = /\|\s+(https:\/\/[a-z0-9-]+\.trycloudflare\.com)\s+\|/gi;

/**
 * The URL in cloudflared's box (`|  https://<name>.trycloudflare.com  |`), the newest when a restart printed
 * several. The disclaimer's links (cloudflare.com) never match.
 */
export function parseQuickTunnelLog(log: string): string | undefined {
  const all = [...log.matchAll(LOG_URL)];
  return all.length ? all[all.length - 1]![1]!.toLowerCase() : undefined;
}

/** The last `count` non-empty lines of a log, for an error that shows what cloudflared said. */
export function lastLogLines(log: string, count = 10): string {
  return log.split('\n').filter((l) => l.trim() !== '').slice(-count).join('\n');
}
