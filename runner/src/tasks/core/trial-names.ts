// Names of a trial, its compose project and its task image, as the framework forms them.

/**
 * `<task[:32] without trailing _ or ->__<7-char id>`.
 * @example buildTrialName('hello-world', 'aB3dE5f') // 'hello-world__aB3dE5f'
 */
export function buildTrialName(taskDirName: string, id: string): string {
  return `${taskDirName.slice(0, 32).replace(/[_-]+$/, '')}__${id}`;
}

/** A compose project name (lower-case letters, digits, "_" and "-"). @example buildProjectName('Hello.W__aB3') // 'hb-hello-w__ab3' */
export function buildProjectName(trialName: string): string {
  return `hb-${trialName.toLowerCase().replace(/[^a-z0-9_-]/g, '-')}`;
}

/** The image built from a task's environment/: tagged by content so a changed Dockerfile is rebuilt. */
export function buildImageName(taskDirName: string, contentHash: string): string {
  return `hb__${taskDirName.toLowerCase().replace(/[^a-z0-9_.-]/g, '-')}:${contentHash.slice(0, 12)}`;
}

/** The alphabet of shortuuid (no 0/1/I/O/l), from which the framework draws trial ids. */
export const SHORT_ID_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Seven characters from random bytes (given, so this stays pure). */
export function buildShortId(bytes: Uint8Array): string {
  return [...bytes.slice(0, 7)].map((b) => SHORT_ID_ALPHABET[b % SHORT_ID_ALPHABET.length]).join('');
}
