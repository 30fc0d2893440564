// Renders every template in memory into the planned var/run/ tree: the pure heart of prepare and `harbor plan`.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { DescriptorError, EnvError } from '../../shared/core/errors';
import { compareCodePoints } from '../../shared/core/compare-code-points';
import { decodeText } from './detect-binary';
import { pickEngine } from './pick-engine';
import { renderEnvsubst } from './render-envsubst';
import { buildLiquidRenderer, type LiquidRenderer } from './render-liquid';
import type { PlannedFile, PlannedTree, TemplateSourceSet } from './rendered-tree';
import { reservedRunPath } from '../../shared/core/run-paths';
import type { TemplateEngine } from '../../descriptor/core/templates-config-schema';
import type { TemplateValues } from './template-values';

export interface PlanTemplatesInput {
  sets: readonly TemplateSourceSet[];
  values: TemplateValues;
  /** `prepare.interpolation.engine`: the engine of `.tmpl` files in entries without `engine:`. */
  tmplEngine: TemplateEngine;
  /** The services being prepared. */
  services: readonly string[];
}

const encoder = new TextEncoder();

/**
 * Same inputs, same bytes: files are visited in a fixed order and no engine sees a clock or the file system.
 * Liquid files whose name starts with `_` are partials: includable, never written.
 * @example planTemplates({ sets, values, tmplEngine: 'envsubst', services: ['web'] }).files.get('var/run/web/config/app.conf')
 */
export function planTemplates(input: PlanTemplatesInput): PlannedTree {
  const files = new Map<string, PlannedFile>();
  /** Every folder of a planned file, with one file below it. */
  const dirs = new Map<string, string>();
  for (const set of input.sets) {
    const { job } = set;
    let liquid: LiquidRenderer | undefined;
    const texts = new Map<string, string>();
    // Liquid may include any text file of its folder, copied ones too, so it gets all of them.
    const liquidFolder = () => {
      for (const file of set.files) {
        const text = texts.has(file.rel) ? undefined : decodeText(file.bytes);
        if (text !== undefined) texts.set(file.rel, text);
      }
      return buildLiquidRenderer({ folder: job.folder, texts });
    };
    const picks = set.files.map((file) => {
      const pick = pickEngine(file.rel, job.engine, input.tmplEngine);
      const text = pick.engine === 'copy' ? undefined : decodeText(file.bytes);
      if (text === undefined && pick.engine !== 'copy' && pick.bySuffix) {
        throw new EnvError(`${file.path}: binary file cannot be a template`, {
          hint: `drop its ${file.rel.slice(file.rel.lastIndexOf('.'))} suffix to copy it byte for byte`,
        });
      }
      if (text !== undefined) texts.set(file.rel, text);
      return { file, pick, text };
    });
    const outputs = picks.filter(({ pick }) => !(pick.engine === 'liquid' && posix.basename(pick.outputRel).startsWith('_')));
    if (!job.toIsDir && outputs.length > 1) {
      throw new DescriptorError(`${job.entry}.to: "${job.to}" names one file but ${job.pattern} matched ${outputs.length} files`, {
        hint: 'end `to:` with / to render into a folder',
      });
    }
    for (const { file, pick, text } of outputs) {
      const path = job.toIsDir ? posix.join(job.to, pick.outputRel) : job.to;
      checkOutput(path, file.path, job.entry, files, dirs);
      let bytes = file.bytes;
      let secret = false;
      if (text !== undefined && pick.engine !== 'copy') {
        const ctx = { file: file.path, entry: job.entry, values: input.values, allowSecrets: job.secrets };
        if (pick.engine === 'liquid') liquid ??= liquidFolder();
        const rendered = pick.engine === 'liquid' ? liquid!(file.rel, ctx) : renderEnvsubst(text, ctx);
        bytes = encoder.encode(rendered.text);
        secret = rendered.usedSecrets;
      }
      const engine = text === undefined ? 'copy' : pick.engine;
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      files.set(path, { path, source: file.path, service: job.service, engine, bytes, mode: secret ? 0o600 : file.mode & 0o777, sha256, secret });
    }
  }
  const sorted = new Map([...files].sort(([a], [b]) => compareCodePoints(a, b)));
  return { services: [...new Set(input.services)].sort(compareCodePoints), files: sorted };
}

function checkOutput(path: string, source: string, entry: string, files: ReadonlyMap<string, PlannedFile>, dirs: Map<string, string>): void {
  const reserved = reservedRunPath(path);
  if (reserved !== undefined) {
    throw new DescriptorError(`${entry}: ${source} would be written to ${path}, where Harbor keeps ${reserved}`, {
      hint: 'render templates to their own folder, e.g. var/run/${service}/config/',
    });
  }
  const other = files.get(path);
  if (other) {
    throw new DescriptorError(`${entry}: ${source} and ${other.source} would both be written to ${path}`, {
      hint: 'rename one of them, or send one entry to another `to:` folder',
    });
  }
  // A path cannot be both a file and a folder: look at this path's ancestors and at paths below it.
  const ancestors = path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  const clash = ancestors.find((dir) => files.has(dir)) ?? dirs.get(path);
  if (clash !== undefined) {
    throw new DescriptorError(`${entry}: ${source} would be written to ${path}, but ${files.get(clash)!.source} is written to ${clash}`, {
      hint: 'a path cannot be both a file and a folder',
    });
  }
  for (const dir of ancestors) if (!dirs.has(dir)) dirs.set(dir, path);
}
