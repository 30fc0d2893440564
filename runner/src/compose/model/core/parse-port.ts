// Parses a short-syntax port (`127.0.0.1:8080-8081:80-81/udp`) as compose-go types.ParsePortConfig (docker/go-connections nat) does.
import { compareCodePoints } from '../../../shared/core/compare-code-points';
import { unsupported, type ModelMap } from './model-tree';

/**
 * One mapping per container port, in the order of their `port/proto` keys as strings (nat sorts them so).
 * @example parsePortSpec('8080:80', 'x') // [{ mode: 'ingress', target: 80, published: '8080', protocol: 'tcp' }]
 */
export function parsePortSpec(raw: string, where: string): ModelMap[] {
  const parts = raw.split(':');
  const n = parts.length;
  let containerPort = parts[n - 1]!;
  const hostPort = n >= 2 ? parts[n - 2]! : '';
  const ip = n === 3 ? parts[0]! : n > 3 ? parts.slice(0, n - 2).join(':') : '';
  const fail = (why: string): never => unsupported(`port "${raw}": ${why}: compose reports it`, where);
  let proto = 'tcp';
  const slash = containerPort.split('/');
  if (containerPort === '' || slash[0] === '') containerPort = '';
  else if (slash.length > 1 && slash[1] !== '') {
    proto = slash[1]!;
    containerPort = slash[0]!;
  } else containerPort = slash[0]!;
  if (ip !== '' && !/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(ip)) {
    unsupported(`port "${raw}": host IP ${ip} (only IPv4 is reproduced)`, where);
  }
  if (containerPort === '') fail('no port specified');
  const [start, end] = parseRange(containerPort) ?? fail('invalid container port');
  let hostStart = 0;
  let hostEnd = 0;
  if (hostPort !== '') [hostStart, hostEnd] = parseRange(hostPort) ?? fail('invalid host port');
  if (hostPort !== '' && end - start !== hostEnd - hostStart && end !== start) fail('ranges of different sizes');
  const protocol = proto.toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(protocol)) fail(`invalid protocol ${proto}`);
  const entries: Array<{ key: string; port: ModelMap }> = [];
  for (let i = 0; i <= end - start; i++) {
    let published = hostPort === '' ? '' : String(hostStart + i);
    if (start === end && hostStart !== hostEnd) published = `${published}-${hostEnd}`;
    const port: ModelMap = { mode: 'ingress' };
    if (ip !== '') port.host_ip = ip;
    port.target = start + i;
    if (published !== '') port.published = published;
    port.protocol = protocol;
    entries.push({ key: `${start + i}/${protocol}`, port });
  }
  return entries.sort((a, b) => compareCodePoints(a.key, b.key)).map((e) => e.port);
}

/** nat.ParsePortRange: `80` or `8000-8010`, each an unsigned 16-bit decimal. */
function parseRange(text: string): [number, number] | undefined {
  const one = (s: string): number | undefined => (/^[0-9]+$/.test(s) && Number(s) <= 65535 ? Number(s) : undefined);
  if (!text.includes('-')) {
    const n = one(text);
    return n === undefined ? undefined : [n, n];
  }
  const [a, b, ...rest] = text.split('-');
  if (rest.length > 0) return undefined;
  const start = one(a!);
  const end = one(b!);
  if (start === undefined || end === undefined || end < start) return undefined;
  return [start, end];
}
