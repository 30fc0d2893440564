// A QR code of a URL for the terminal: two rows of modules per line (Unicode half blocks), light on dark.
import { renderUnicodeCompact } from 'uqr';

/**
 * uqr is dependency-free and pure; its compact rendering draws light modules as blocks with a one-module
 * quiet zone, which phone cameras read on dark and light terminals alike.
 */
export function renderQr(text: string): string {
  return `${renderUnicodeCompact(text, { border: 2 })}\n`;
}
