// Expands `prepare.templates` for the selected services into jobs with checked, home-relative paths.
import { posix } from 'node:path';
import { DescriptorError } from '../../shared/core/errors';
import { RUN_DIR, reservedRunPath } from '../../shared/core/run-paths';
import type { TemplateEngine, TemplateEntry } from '../../descriptor/core/templates-config-schema';

export interface TemplateJob {
  /** Dotted descriptor path, for messages: 'prepare.templates[0]'. */
  entry: string;
  /** The service `${service}` stood for, or null for an entry that does not mention it. */
  service: string | null;
  /** The glob, home-relative, `${service}` replaced. */
  pattern: string;
  /** The folder before the first glob character: outputs keep their path below it; includes stay in it. */
  folder: string;
  /** No glob characters: the pattern names one file, which must exist. */
  literal: boolean;
  /** Home-relative output folder (`toIsDir`) or file, always inside var/run/. */
  to: string;
  toIsDir: boolean;
  engine: TemplateEngine | undefined;
  secrets: boolean;
}

const GLOB_CHARS = /[*?[\]{}()!]/;
const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * One job per entry and service when the entry mentions `${service}`, else one job for the entry.
 * @example buildTemplateJobs([{ from: 'stacks/${service}/templates/**', to: 'var/run/${service}/config/', secrets: false }], ['web'])[0].folder // 'stacks/web/templates'
 */
export function buildTemplateJobs(entries: readonly TemplateEntry[], services: readonly string[]): TemplateJob[] {
  const jobs: TemplateJob[] = [];
  entries.forEach((item, index) => {
    const entry = `prepare.templates[${index}]`;
    checkPlaceholders(item.from, `${entry}.from`);
    checkPlaceholders(item.to, `${entry}.to`);
    const perService = item.from.includes('${service}') || item.to.includes('${service}');
    for (const service of perService ? services : [null]) {
      const expand = (text: string) => (service === null ? text : text.split('${service}').join(service));
      jobs.push(buildJob(entry, item, service, expand(item.from), expand(item.to)));
    }
  });
  return jobs;
}

function buildJob(entry: string, item: TemplateEntry, service: string | null, from: string, to: string): TemplateJob {
  const pattern = insideHome(from, `${entry}.from`);
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((segment) => GLOB_CHARS.test(segment));
  const literal = firstGlob === -1;
  const folder = (literal ? segments.slice(0, -1) : segments.slice(0, firstGlob)).join('/') || '.';
  const toIsDir = to.endsWith('/') || !literal;
  const target = insideRun(to, `${entry}.to`);
  const reserved = reservedRunPath(target) ?? (toIsDir ? reservedRunPath(`${target}/x`) : undefined);
  if (reserved !== undefined) {
    throw new DescriptorError(`${entry}.to: "${to}" is where Harbor keeps ${reserved}`, {
      hint: 'render templates to their own folder, e.g. var/run/${service}/config/',
    });
  }
  return { entry, service, pattern, folder, literal, to: target, toIsDir, engine: item.engine, secrets: item.secrets };
}

function insideHome(path: string, where: string): string {
  const normal = posix.normalize(path).replace(/\/$/, '');
  if (posix.isAbsolute(path) || normal === '..' || normal.startsWith('../')) {
    throw new DescriptorError(`${where}: "${path}" is outside the home`, { hint: 'template paths are relative to the Harbor home, e.g. stacks/${service}/templates/**' });
  }
  return normal;
}

function insideRun(path: string, where: string): string {
  const normal = posix.normalize(path).replace(/\/$/, '');
  if (posix.isAbsolute(path) || (normal !== RUN_DIR && !normal.startsWith(`${RUN_DIR}/`))) {
    throw new DescriptorError(`${where}: "${path}" is outside var/run/`, { hint: 'templates are rendered below var/run/ in the home, e.g. var/run/${service}/config/' });
  }
  return normal;
}

function checkPlaceholders(text: string, where: string): void {
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match[1] !== 'service') throw new DescriptorError(`${where}: unknown placeholder "${match[0]}" in "${text}"`, { hint: 'only ${service} is replaced in template paths' });
  }
}
