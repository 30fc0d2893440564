// Resolves ${VAR} and ${VAR:-default} in [verifier].env / [environment].env values from the host environment.
import type { TaskIssue } from './task-config';

/**
 * A missing variable without a default is an issue (the framework raises); its value becomes "".
 * @example resolveEnvTemplates({ A: '${X:-1}' }, {}).env // { A: '1' }
 */
export function resolveEnvTemplates(env: Readonly<Record<string, string>>, host: Readonly<Record<string, string | undefined>>, at: (string | number)[] = []): { env: Record<string, string>; issues: TaskIssue[] } {
  const issues: TaskIssue[] = [];
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    out[key] = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback: string | undefined) => {
      const found = host[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      if (found !== undefined) return found;
      issues.push({ path: [...at, key], message: `\${${name}} is not set in Harbor's environment (give it a default: \${${name}:-value})` });
      return '';
    });
  }
  return { env: out, issues };
}
