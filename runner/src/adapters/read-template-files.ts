// Reads the files each template job's glob matches, refusing symlinks that lead out of the template folder.
import { lstat, readFile, realpath, readlink, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { glob } from 'tinyglobby';
import type { TemplateJob } from '../core/templates/build-template-jobs';
import type { TemplateSourceFile, TemplateSourceSet } from '../core/templates/rendered-tree';
import { compareCodePoints } from '../core/compare-code-points';
import { EnvError } from '../errors';

/**
 * A glob that matches nothing (a service without a template folder) gives an empty set; a literal `from`
 * must exist. Every file, including those reached through a linked folder, must resolve inside the job's
 * template folder, so a link cannot pull /etc/shadow or another stack's secrets into var/run/.
 * @example await readTemplateFiles('/srv/harbor', jobs) // [{ job, files: [{ path, rel, bytes, mode }] }]
 */
export async function readTemplateFiles(home: string, jobs: readonly TemplateJob[]): Promise<TemplateSourceSet[]> {
  return Promise.all(jobs.map((job) => readJob(home, job)));
}

async function readJob(home: string, job: TemplateJob): Promise<TemplateSourceSet> {
  if (job.literal) await checkLiteral(home, job);
  const folderReal = await realpath(join(home, job.folder)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });
  if (folderReal === undefined) return { job, files: [] };
  const paths = job.literal
    ? [job.pattern]
    : await glob(job.pattern, { cwd: home, dot: true, onlyFiles: true, followSymbolicLinks: true, expandDirectories: false });
  paths.sort(compareCodePoints);
  const files = await Promise.all(paths.map((path) => readOne(home, job, folderReal, path)));
  return { job, files };
}

async function readOne(home: string, job: TemplateJob, folderReal: string, path: string): Promise<TemplateSourceFile> {
  const abs = join(home, path);
  const real = await realpath(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new EnvError(`${path}: broken symlink`, { hint: 'point the link at an existing file in the template folder, or remove it' });
    throw err;
  });
  if (real !== folderReal && !real.startsWith(folderReal + sep)) {
    const link = await readlink(abs).catch(() => undefined);
    throw new EnvError(`${path}: symlink points outside the template folder ${job.folder}${link === undefined ? '' : ` (to ${link})`}`, {
      hint: `copy the file into ${job.folder}/ instead of linking to it`,
    });
  }
  const info = await stat(real);
  if (!info.isFile()) throw new EnvError(`${path}: not a regular file`, { hint: 'template folders may hold files, folders and links to files inside them only' });
  const bytes = await readFile(real);
  return { path, rel: job.folder === '.' ? path : path.slice(job.folder.length + 1), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), mode: info.mode & 0o777 };
}

async function checkLiteral(home: string, job: TemplateJob): Promise<void> {
  const info = await lstat(join(home, job.pattern)).catch(() => undefined);
  if (info === undefined) {
    throw new EnvError(`${job.entry}.from: ${job.pattern} does not exist`, { hint: 'create the template, or fix the path (relative to the home)' });
  }
  if (info.isDirectory()) {
    throw new EnvError(`${job.entry}.from: ${job.pattern} is a folder`, { hint: `use ${job.pattern}/** for every file in it` });
  }
}
