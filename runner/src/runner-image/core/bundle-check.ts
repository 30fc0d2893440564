// Judges the runner bundle `harbor doctor` found: its sha256 against the hash the image's label records.

/** The image label holding the bundle's sha256 (Dockerfile.runner sets it; harbor.sh computes it). */
export const BUNDLE_LABEL = 'io.harbor.bundle-sha256';

export type BundleProbe =
  /** Harbor runs from source (tests, development), not from the runner image. */
  | { state: 'source' }
  | { state: 'unreadable'; path: string; reason: string }
  /** label: as read ('' or 'unknown' when the image records none); undefined when it could not be read. */
  | { state: 'read'; sha256: string; label: string | undefined };

/** A `harbor doctor` check, in the shape doctor prints (doctor sits above this folder, so the type is spelled here). */
export interface BundleCheck {
  name: string;
  status: 'ok' | 'warn' | 'error';
  message: string;
  hint?: string;
}

/** One `harbor doctor` check that shows the bundle's hash, so an image can be matched with a checkout. */
export function buildBundleCheck(p: BundleProbe): BundleCheck {
  if (p.state === 'source') return { name: 'bundle', status: 'ok', message: 'not checked: Harbor runs from source, not from the runner image' };
  if (p.state === 'unreadable') {
    return { name: 'bundle', status: 'error', message: `cannot read the bundle ${p.path}: ${p.reason}`, hint: 'rebuild the runner image: ./harbor.sh runner build' };
  }
  const hash = `sha256 ${p.sha256}`;
  if (p.label === undefined) {
    return {
      name: 'bundle',
      status: 'warn',
      message: `${hash}; the image's ${BUNDLE_LABEL} label could not be read`,
      hint: 'run doctor through ./harbor.sh, which starts the runner container that reads its own labels',
    };
  }
  if (p.label === '' || p.label === 'unknown') {
    return {
      name: 'bundle',
      status: 'warn',
      message: `${hash}; the image does not record it (built without ./harbor.sh)`,
      hint: 'rebuild the image with ./harbor.sh runner build, which labels it with the bundle hash',
    };
  }
  if (p.label !== p.sha256) {
    return {
      name: 'bundle',
      status: 'error',
      message: `${hash}, but the image's ${BUNDLE_LABEL} label names ${p.label}`,
      hint: 'the bundle was changed after the image was built: rebuild it with ./harbor.sh runner build',
    };
  }
  return { name: 'bundle', status: 'ok', message: `${hash} (as the image's ${BUNDLE_LABEL} label records)` };
}
