// Renders what went wrong with each failing service: the reason, its failing healthcheck output, its last log lines.
import { redactSecrets } from '../../shared/core/redact-secrets';
import type { ContainerFailure } from './select-failing-containers';

export interface FailureDetails extends ContainerFailure {
  /** The container's last log lines (compose logs --tail), as captured. */
  logs: string;
}

/**
 * One block per service; every secret value of the stack is masked in what the service printed.
 * @example renderFailureReport([{ service: 'a', container: 'p-a-1', reason: 'exited with code 3', logs: 'bye\n' }], 20, [])
 *   // '✖ a (p-a-1): exited with code 3\n  last 20 log lines:\n    bye\n'
 */
export function renderFailureReport(failures: readonly FailureDetails[], lines: number, secretValues: readonly string[]): string {
  let out = '';
  for (const f of failures) {
    out += `✖ ${f.service || f.container} (${f.container}): ${f.reason}\n`;
    if (f.healthOutput) {
      out += `  last failing healthcheck (exit ${f.healthOutput.exitCode}):\n${indent(redactSecrets(f.healthOutput.output, secretValues)) || '    (no output)\n'}`;
    }
    const logs = redactSecrets(f.logs, secretValues);
    out += logs.trim() ? `  last ${lines} log lines:\n${indent(logs)}` : '  (no log output)\n';
  }
  return out;
}

function indent(text: string): string {
  const trimmed = text.replace(/\s+$/, '');
  return trimmed ? `${trimmed.split('\n').map((l) => `    ${l}`).join('\n')}\n` : '';
}
