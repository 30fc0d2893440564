// Renders `harbor plan` for people: the compose files, template and env changes, what restarts, the deploy commands.
import { renderDotenvValue } from '../../env/core/render-dotenv';
import type { EnvChanges } from './plan-env-changes';
import type { RecreatedService } from './plan-recreated-services';

export interface RenderablePlan {
  project: string;
  files: readonly string[];
  services: readonly string[];
  templates: {
    added: ReadonlyArray<{ path: string; source?: string | undefined }>;
    changed: ReadonlyArray<{ path: string; source?: string | undefined; before?: { sha256: string; mode: string } | undefined; after?: { sha256: string; mode: string } | undefined }>;
    removed: ReadonlyArray<{ path: string }>;
    unchanged: number;
  };
  env: EnvChanges;
  overlay: { path: string; changed: boolean; recreate: readonly RecreatedService[] };
  /** The Traefik routing overlay (absent when no routing applies and none is on disk). */
  routing?: { path: string; changed: boolean; routes: Readonly<Record<string, string>>; removed: boolean };
  persistEnv: boolean;
}

/**
 * Secrets appear only as `[secret 1a2b3c4d]` tags (the env changes carry nothing else); plain values are
 * quoted as a dotenv file would hold them. The deploy stage's text (renderStagePlan) follows this.
 * @example renderPreparePlan(plan) // 'plan for project demo: services hello\n  -f etc/stacks/compose.yml\n...'
 */
export function renderPreparePlan(plan: RenderablePlan): string {
  const { templates, env, overlay } = plan;
  const lines = [`plan for project ${plan.project}: services ${plan.services.join(' ') || '(none)'}`, ...plan.files.map((f) => `  -f ${f}`)];
  lines.push(`templates: ${count(templates.added.length, templates.changed.length, templates.removed.length, templates.unchanged)}`);
  for (const f of templates.added) lines.push(`  + ${f.path}${from(f.source)}`);
  for (const f of templates.changed) {
    const modeOnly = f.before?.sha256 === f.after?.sha256;
    lines.push(`  ~ ${f.path}${from(f.source)}${modeOnly ? ` (mode ${f.before?.mode} → ${f.after?.mode})` : ''}`);
  }
  for (const f of templates.removed) lines.push(`  - ${f.path}`);
  lines.push(`env: ${count(env.added.length, env.changed.length, env.removed.length, env.unchanged)}${env.previous ? '' : ' (no earlier prepare recorded its env: every name is new)'}`);
  for (const c of env.added) lines.push(`  + ${c.name}=${value(c)}`);
  for (const c of env.changed) lines.push(`  ~ ${c.name}=${value(c)}`);
  for (const name of env.removed) lines.push(`  - ${name}`);
  const recreate = overlay.recreate.map((r) => `${r.service} (${r.labels.join(', ')})`);
  lines.push(`overlay ${overlay.path}: ${overlay.changed ? 'changes' : 'unchanged'}`);
  lines.push(`recreated for Harbor's labels: ${recreate.join(', ') || '(none)'}; compose also recreates what its own model changes`);
  const routing = plan.routing;
  if (routing !== undefined && (routing.removed || Object.keys(routing.routes).length > 0 || routing.changed)) {
    const routes = Object.entries(routing.routes).map(([service, url]) => `${service} → ${url}`);
    lines.push(`routing overlay ${routing.path}: ${routing.removed ? 'removed (no routing applies)' : routing.changed ? 'changes' : 'unchanged'}${routes.length > 0 ? `: ${routes.join(', ')}` : ''}`);
  }
  if (plan.persistEnv) lines.push('env file var/run/.env.run: written (prepare.env.persist), mode 0600');
  return `${lines.join('\n')}\n`;
}

function count(added: number, changed: number, removed: number, unchanged: number): string {
  return `${added} to add, ${changed} to change, ${removed} to remove, ${unchanged} unchanged`;
}

function from(source: string | undefined): string {
  return source === undefined ? '' : ` (from ${source})`;
}

function value(change: { secret: boolean; shown: string }): string {
  return change.secret ? change.shown : renderDotenvValue(change.shown);
}
