// RFC 3339 times as Go prints them (RFC3339Nano: fraction trimmed, `Z` for a zero offset).

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/;

/** Canonical RFC3339Nano text of an RFC 3339 time, or undefined when Go's time.Parse(RFC3339) would fail. */
export function parseRfc3339(text: string): string | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  return formatTimeParts(y!, mo!, d!, h!, mi!, s!, frac, zone!);
}

/** Zero-padded Go RFC3339Nano from parts; checks the ranges Go checks. */
export function formatTimeParts(
  y: string, mo: string, d: string, h: string, mi: string, s: string, frac: string | undefined, zone: string,
): string | undefined {
  const [Y, M, D, H, MI, S] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const days = new Date(Date.UTC(Y, M, 0)).getUTCDate();
  if (M < 1 || M > 12 || D < 1 || D > days || H > 23 || MI > 59 || S > 59) return undefined;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const fraction = (frac ?? '').slice(0, 9).replace(/0+$/, '');
  const z = zone.toUpperCase() === 'Z' || zone === '+00:00' ? 'Z' : zone;
  return `${pad(Y, 4)}-${pad(M)}-${pad(D)}T${pad(H)}:${pad(MI)}:${pad(S)}${fraction ? `.${fraction}` : ''}${z}`;
}

/** The `lastmodified` string as sops feeds it to the MAC's AAD: seconds precision, `Z` or `±hh:mm`. */
export function lastModifiedAad(text: string): string | undefined {
  const t = parseRfc3339(text);
  return t?.replace(/\.\d+/, '');
}
