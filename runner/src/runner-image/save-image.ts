// Streams `docker save` into an archive file (gzip when asked), atomically: a failed save leaves no file.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { ConsolaInstance } from 'consola';
import { writeFileAtomic } from '../shared/atomic-write';
import { CommandError } from '../shared/core/errors';

export async function saveImage(image: string, file: string, gzip: boolean, log: ConsolaInstance): Promise<void> {
  await writeFileAtomic(file, async (partial) => {
    log.debug(`$ docker save ${image} > ${partial}${gzip ? ' (gzip)' : ''}`);
    const child = spawn('docker', ['save', image], { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
    const out = createWriteStream(partial);
    await (gzip ? pipeline(child.stdout, createGzip({ level: 6 }), out) : pipeline(child.stdout, out));
    const code = await exited;
    if (code !== 0) throw new CommandError(`docker save ${image} failed: ${stderr.trim() || `exit ${code}`}`, { exitCode: code });
  }, { mode: 0o644, createDir: false });
}
