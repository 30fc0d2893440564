// Picks the sops store for a file from its name (or --input-type/--output-type), as sops does.

export const SOPS_FORMATS = ['yaml', 'json', 'dotenv', 'ini', 'binary'] as const;
export type SopsFormat = (typeof SOPS_FORMATS)[number];

/** `.yaml`/`.yml` → yaml, `.json` → json, `.env` → dotenv, `.ini` → ini, anything else → binary. */
export function selectSopsFormat(path: string, override?: string): SopsFormat {
  if (override) return override as SopsFormat;
  const lower = path.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.env')) return 'dotenv';
  if (lower.endsWith('.ini')) return 'ini';
  return 'binary';
}
