// Checks one allowed_hosts entry as the framework does: a hostname, *.suffix, an IP literal or a CIDR; no URL, port or path.

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/**
 * undefined when fine, else what is wrong.
 * @example checkAllowedHost('*.example.com') // undefined
 * @example checkAllowedHost('https://example.com') // 'a URL is not a host: write "example.com"'
 */
export function checkAllowedHost(entry: string): string | undefined {
  const host = entry.trim().toLowerCase().replace(/\.$/, '');
  if (host === '') return 'must not be empty';
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(host)) return `a URL is not a host: write "${host.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').split(/[/:]/)[0]}"`;
  if (host.includes('/')) {
    const [ip, bits, ...rest] = host.split('/');
    const max = IPV4.test(ip!) ? 32 : ip!.includes(':') ? 128 : -1;
    if (rest.length || max < 0 || !/^\d+$/.test(bits!) || Number(bits) > max) return `"${entry}" is neither a host nor a CIDR (paths are not allowed)`;
    return undefined;
  }
  if (IPV4.test(host)) return undefined;
  if (host.includes(':')) {
    if (/^[0-9a-f:]+$/.test(host) && host.split(':').length >= 3) return undefined;
    return `"${entry}": ports are not allowed (write the host only)`;
  }
  const name = host.startsWith('*.') ? host.slice(2) : host;
  if (!name.split('.').every((label) => LABEL.test(label))) return `"${entry}" is not a hostname (letters, digits, "-" and ".", or "*.suffix")`;
  return undefined;
}
