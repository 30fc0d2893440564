// Turns `docker ps --format '{{json .}}'` lines of Harbor's cloudflared containers into a list, and prints it.
import { PROJECT_LABEL, SERVICE_LABEL, TARGET_LABEL, TUNNEL_LABEL, type TunnelKind } from './tunnel-labels';

export interface TunnelContainer {
  id: string;
  name: string;
  kind: TunnelKind;
  project: string;
  /** The service a quick tunnel reaches ('' for the named tunnel). */
  service: string;
  /** Its target on the stack network: http://<service>:<port>. */
  target: string;
  running: boolean;
  /** docker's "Up 3 minutes" / "Exited (1) 2 seconds ago". */
  status: string;
  /** When it was created (docker's CreatedAt text). */
  createdAt: string;
}

/** One JSON object per line, as `docker ps --format '{{json .}}'` prints them. Lines without Harbor's labels are skipped. */
export function parseTunnelContainers(stdout: string): TunnelContainer[] {
  const found: TunnelContainer[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as Record<string, string>;
    const labels = parseLabels(row.Labels ?? '');
    const kind = labels[TUNNEL_LABEL];
    if (kind !== 'quick' && kind !== 'named') continue;
    found.push({
      id: row.ID ?? '',
      name: row.Names ?? '',
      kind,
      project: labels[PROJECT_LABEL] ?? '',
      service: labels[SERVICE_LABEL] ?? '',
      target: labels[TARGET_LABEL] ?? '',
      running: (row.State ?? '') === 'running',
      status: row.Status ?? '',
      createdAt: row.CreatedAt ?? '',
    });
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** docker prints labels as "a=1,b=2"; Harbor's label values hold no comma. */
function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) labels[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return labels;
}

export interface TunnelRow {
  tunnel: TunnelContainer;
  url: string | undefined;
}

/** The table `harbor tunnel ls` prints: service, URL, status (with age), container. */
export function renderTunnelTable(rows: readonly TunnelRow[]): string {
  if (rows.length === 0) return 'no tunnels (start one with: harbor tunnel SERVICE)\n';
  const lines = [['SERVICE', 'URL', 'STATUS', 'CONTAINER']];
  for (const { tunnel, url } of rows) {
    lines.push([tunnel.kind === 'named' ? '(named)' : tunnel.service, url ?? '-', tunnel.status, tunnel.name]);
  }
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  return lines.map((l) => l.map((cell, i) => (i === l.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}
