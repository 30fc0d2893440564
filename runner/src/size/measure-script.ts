// The script the size probe container runs with node: the bytes of files under each path, as docker counts volumes.

// Sums regular files' sizes (a hard-linked file once, directories and symlinks not followed), like the engine's
// own volume sizes in `docker system df -v`. argv: the paths; prints one JSON array of byte counts.
export const MEASURE_SCRIPT = `const fs = require('fs');
const seen = new Set();
function walk(p) {
  let total = 0;
  let st;
  try { st = fs.lstatSync(p); } catch { return 0; }
  if (st.isFile()) {
    const id = st.dev + ':' + st.ino;
    if (st.nlink > 1) { if (seen.has(id)) return 0; seen.add(id); }
    return st.size;
  }
  if (!st.isDirectory()) return 0;
  let names = [];
  try { names = fs.readdirSync(p); } catch { return 0; }
  for (const n of names) total += walk(p + '/' + n);
  return total;
}
console.log(JSON.stringify(process.argv.slice(1).map(walk)));`;
