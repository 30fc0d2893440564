// A tar archive (ustar) holding one folder and one file, built in memory: how the tunnel token reaches its container.
// `docker cp -` reads a tar stream from stdin, so the token goes from the runner's memory straight into the
// container's filesystem: never argv, env, a label, or a file on the host. One file needs ~30 lines, not a library.

const BLOCK = 512;

export interface TarFile {
  /** The folder, relative (e.g. 'run/harbor'); created with mode 0700. */
  dir: string;
  /** The file name inside it. */
  name: string;
  content: Uint8Array;
  /** Owner of both (cloudflared's image runs as 65532). */
  uid: number;
  gid: number;
  /** The file's mode, e.g. 0o400. */
  mode: number;
}

export function buildTarOneFile(file: TarFile, mtime = 0): Uint8Array {
  const dirHeader = header(`${file.dir}/`, 0, 0o700, file.uid, file.gid, '5', mtime);
  const fileHeader = header(`${file.dir}/${file.name}`, file.content.length, file.mode, file.uid, file.gid, '0', mtime);
  const padded = Math.ceil(file.content.length / BLOCK) * BLOCK;
  const out = new Uint8Array(BLOCK * 2 + padded + BLOCK * 2);
  out.set(dirHeader, 0);
  out.set(fileHeader, BLOCK);
  out.set(file.content, BLOCK * 2);
  return out;
}

function header(path: string, size: number, mode: number, uid: number, gid: number, type: '0' | '5', mtime: number): Uint8Array {
  if (new TextEncoder().encode(path).length > 100) throw new Error(`tar path too long: ${path}`);
  const h = new Uint8Array(BLOCK);
  const put = (offset: number, length: number, text: string) => h.set(new TextEncoder().encode(text).subarray(0, length), offset);
  const octal = (value: number, length: number) => value.toString(8).padStart(length - 1, '0');
  put(0, 100, path);
  put(100, 8, octal(mode, 8));
  put(108, 8, octal(uid, 8));
  put(116, 8, octal(gid, 8));
  put(124, 12, octal(size, 12));
  put(136, 12, octal(mtime, 12));
  put(148, 8, '        '); // the checksum field counts as spaces while the checksum is summed
  put(156, 1, type);
  put(257, 6, 'ustar');
  put(263, 2, '00');
  const sum = h.reduce((a, b) => a + b, 0);
  put(148, 8, `${octal(sum, 7)}\0`);
  return h;
}
