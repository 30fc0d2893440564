// The paths below var/run/ that templates share with others, and which of them templates may never write.

export const RUN_DIR = 'var/run';
/** Lists every rendered file with its source and hash (see build-template-manifest.ts). */
export const MANIFEST_PATH = 'var/run/manifest.json';
/** Harbor's own bookkeeping: the home lock, the staging tree and the commit journal. */
export const STATE_DIR = 'var/run/.harbor';

const RESERVED: ReadonlyArray<[prefix: string, owner: string]> = [
  [MANIFEST_PATH, 'the templates manifest'],
  ['var/run/.env.run', 'the persisted env file'],
  ['var/run/overlays/', 'generated compose overlays'],
  [`${STATE_DIR}/`, "Harbor's lock and commit journal"],
];

/**
 * Why a home-relative output path may not be rendered to, or undefined when it may.
 * @example reservedRunPath('var/run/overlays/x.yml') // 'generated compose overlays'
 */
export function reservedRunPath(path: string): string | undefined {
  for (const [prefix, owner] of RESERVED) {
    if (path === prefix || path === prefix.replace(/\/$/, '') || (prefix.endsWith('/') && path.startsWith(prefix))) return owner;
  }
  return undefined;
}
