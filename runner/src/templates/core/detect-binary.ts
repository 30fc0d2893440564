// Tells binary files from text: a NUL byte in the first 8 KB (git's rule) or bytes that are not valid UTF-8.
const SNIFF_BYTES = 8192;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Returns the decoded text (a BOM kept, so rendering gives it back), or undefined for a binary file.
 * @example decodeText(new Uint8Array([0x61, 0x00])) // undefined
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}
