// A service URL seen from another machine: its host part swapped for the host's LAN address (or a given one).
import { UsageError } from '../../shared/core/errors';

/**
 * `url --lan` / `qr --lan`: the host's LAN address from harbor.sh's host facts; `--host ADDR` wins over it.
 * Throws when neither is known.
 * @example selectUrlHost('http://localhost:8080/', { lan: '192.168.1.5' }) // 'http://192.168.1.5:8080/'
 */
export function selectUrlHost(url: string, choice: { lan?: boolean; host?: string | undefined; facts?: { lan?: string | undefined } }): string {
  if (choice.host !== undefined) return replaceUrlHost(url, checkHost(choice.host));
  if (!choice.lan) return url;
  const lan = choice.facts?.lan;
  if (lan === undefined) {
    throw new UsageError('no LAN address found', {
      hint: 'harbor.sh asks `ip route get`, then `hostname -I`, then `ipconfig getifaddr en0`; give the address yourself with --host ADDR',
    });
  }
  return replaceUrlHost(url, lan);
}

function checkHost(host: string): string {
  // A host name or an IP address: nothing that could change the URL's shape.
  if (/^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)$/.test(host)) return host;
  throw new UsageError(`--host "${host}" is not a host name or an IP address`, { hint: 'e.g. --host 192.168.1.5 or --host myserver.lan' });
}

function replaceUrlHost(url: string, host: string): string {
  const shown = host.includes(':') ? `[${host}]` : host;
  return url.replace(/^(https?:\/\/)(\[[^\]]*\]|[^:/?#]+)/, (_, scheme: string) => `${scheme}${shown}`);
}
