// Parses /proc/self/mountinfo into the runner's mount table: where each mount sits and whether it is read-only.

export interface Mount {
  /** Where the mount sits in the runner's filesystem (octal escapes decoded). */
  mountPoint: string;
  /** Mounted read-only (the mount's own options, or its filesystem's). */
  readOnly: boolean;
}

/** mountinfo escapes space, tab, newline and backslash as \040, \011, \012 and \134. */
function unescapeField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * One line per mount: `ID PARENT MAJ:MIN ROOT MOUNT-POINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER-OPTIONS`
 * (proc(5)). Lines that do not have that shape are skipped.
 */
export function parseMountInfo(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    const dash = fields.indexOf('-', 6);
    if (fields.length < 10 || dash < 0) continue;
    const options = fields[5]!.split(',');
    const superOptions = (fields[dash + 3] ?? '').split(',');
    mounts.push({ mountPoint: unescapeField(fields[4]!), readOnly: options.includes('ro') || superOptions.includes('ro') });
  }
  return mounts;
}
