// Decides how one template file is produced (liquid, envsubst or a byte copy) and the name it is written under.
import type { TemplateEngine } from '../../descriptor/core/templates-config-schema';

export interface EnginePick {
  engine: TemplateEngine | 'copy';
  /** The file's path below its template folder, without a template suffix. */
  outputRel: string;
  /** True when a `.liquid`/`.tmpl` suffix asked for rendering (a binary file is then an error, not a copy). */
  bySuffix: boolean;
}

/**
 * `.liquid` is always liquid; `.tmpl` uses the entry's engine, else `prepare.interpolation.engine`; other files
 * use the entry's engine, else are copied. A file named just `.tmpl` or `.liquid` has no suffix to drop.
 * @example pickEngine('nginx/site.conf.tmpl', undefined, 'envsubst') // { engine: 'envsubst', outputRel: 'nginx/site.conf', bySuffix: true }
 */
export function pickEngine(rel: string, entryEngine: TemplateEngine | undefined, tmplEngine: TemplateEngine): EnginePick {
  const base = rel.slice(rel.lastIndexOf('/') + 1);
  if (base.endsWith('.liquid') && base !== '.liquid') return { engine: 'liquid', outputRel: rel.slice(0, -'.liquid'.length), bySuffix: true };
  if (base.endsWith('.tmpl') && base !== '.tmpl') return { engine: entryEngine ?? tmplEngine, outputRel: rel.slice(0, -'.tmpl'.length), bySuffix: true };
  return { engine: entryEngine ?? 'copy', outputRel: rel, bySuffix: false };
}
