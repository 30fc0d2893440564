// Reads the files each template job's glob matches, refusing symlinks that lead out of the template folder.
import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { glob } from 'tinyglobby';
import type { TemplateJob } from './core/build-template-jobs';
import type { TemplateSourceFile, TemplateSourceSet } from './core/rendered-tree';
import { compareCodePoints } from '../shared/core/compare-code-points';
import { EnvError } from '../shared/core/errors';

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
  if (job.literal) checkLiteral(home, job);
  const folderReal = await realpath(join(home, job.folder)).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return undefined;
    throw err;
  });
  if (folderReal === undefined) return { job, files: [] };
  const paths = job.literal
    ? [job.pattern]
    : await glob(job.pattern, { cwd: home, dot: true, onlyFiles: true, followSymbolicLinks: true, expandDirectories: false });
  paths.sort(compareCodePoints);
  // Synchronous reads: for a thousand small files they are several times faster than the thread pool.
  const dirs = new Map<string, Stats>();
  const files = paths.map((path) => readOne(home, job, folderReal, path, dirs));
  return { job, files };
}

function readOne(home: string, job: TemplateJob, folderReal: string, path: string, dirs: Map<string, Stats>): TemplateSourceFile {
  const abs = join(home, path);
  const info = lstatSync(abs);
  const linked = linkedFoldersOnTheWay(home, job.folder, path, dirs);
  // Every link on the way must itself stay inside the folder, not only the file it finally leads to.
  for (const dir of linked) checkInside(home, job, folderReal, dir, realpathSync(join(home, dir)));
  if (info.isSymbolicLink() || linked.length > 0) {
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      throw new EnvError(`${path}: broken symlink`, { hint: 'point the link at an existing file in the template folder, or remove it' });
    }
    checkInside(home, job, folderReal, path, real);
  }
  const target = info.isSymbolicLink() ? statSync(abs) : info;
  if (!target.isFile()) throw new EnvError(`${path}: not a regular file`, { hint: 'template folders may hold files, folders and links to files inside them only' });
  const bytes = readFileSync(abs);
  return { path, rel: job.folder === '.' ? path : path.slice(job.folder.length + 1), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), mode: target.mode & 0o777 };
}

function checkInside(home: string, job: TemplateJob, folderReal: string, path: string, real: string): void {
  if (real === folderReal || real.startsWith(folderReal + sep)) return;
  let link = '';
  try {
    link = ` (to ${readlinkSync(join(home, path))})`;
  } catch {
    // not itself a link: the path leads out through a linked folder, named in its own error
  }
  throw new EnvError(`${path}: symlink points outside the template folder ${job.folder}${link}`, {
    hint: `copy the file into ${job.folder}/ instead of linking to it`,
  });
}

/** The folders between the template folder and the file that are links (then the file may live elsewhere). */
function linkedFoldersOnTheWay(home: string, folder: string, path: string, dirs: Map<string, Stats>): string[] {
  const linked: string[] = [];
  const start = folder === '.' ? 0 : folder.length + 1;
  for (let slash = path.indexOf('/', start); slash !== -1; slash = path.indexOf('/', slash + 1)) {
    const dir = path.slice(0, slash);
    let info = dirs.get(dir);
    if (info === undefined) dirs.set(dir, (info = lstatSync(join(home, dir))));
    if (info.isSymbolicLink()) linked.push(dir);
  }
  return linked;
}

function checkLiteral(home: string, job: TemplateJob): void {
  let info: Stats;
  try {
    info = lstatSync(join(home, job.pattern));
  } catch {
    throw new EnvError(`${job.entry}.from: ${job.pattern} does not exist`, { hint: 'create the template, or fix the path (relative to the home)' });
  }
  if (info.isDirectory()) {
    throw new EnvError(`${job.entry}.from: ${job.pattern} is a folder`, { hint: `use ${job.pattern}/** for every file in it` });
  }
}
