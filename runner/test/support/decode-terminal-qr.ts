// Test helper: reads a QR code printed with Unicode half blocks (light modules drawn) back into its text, with jsQR.
import jsQR from 'jsqr';

const HALF: Record<string, [boolean, boolean]> = { '█': [true, true], '▀': [true, false], '▄': [false, true], ' ': [false, false] };

/** The first block of lines made only of half blocks is the code; each character is two modules stacked. */
export function decodeTerminalQr(text: string): string | undefined {
  const lines = text.split('\n').filter((l) => l.length > 0 && [...l].every((ch) => ch in HALF));
  if (lines.length === 0) return undefined;
  const width = Math.max(...lines.map((l) => [...l].length));
  const rows: boolean[][] = [];
  for (const line of lines) {
    const chars = [...line.padEnd(width, ' ')];
    rows.push(chars.map((ch) => HALF[ch]![0]), chars.map((ch) => HALF[ch]![1]));
  }
  // Scale each module to 4x4 pixels with a light margin, so jsQR finds the finder patterns easily.
  const scale = 4;
  const margin = 4;
  const w = (width + margin * 2) * scale;
  const h = (rows.length + margin * 2) * scale;
  const data = new Uint8ClampedArray(w * h * 4).fill(255);
  rows.forEach((row, y) => row.forEach((light, x) => {
    if (light) return;
    for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) {
      const i = (((y + margin) * scale + dy) * w + (x + margin) * scale + dx) * 4;
      data[i] = data[i + 1] = data[i + 2] = 0;
    }
  }));
  return jsQR(data, w, h)?.data;
}
