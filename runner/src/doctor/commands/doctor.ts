// `harbor doctor`: checks the engine, compose, the home mount, disk and keys; exit 1 on any error.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { buildDoctorReport, type DoctorCheck } from '../core/doctor-report';
import { readDoctorProbes } from '../doctor-probes';
import { judgeDockerConfig } from '../core/judge-docker-config';
import { judgeLayout } from '../core/judge-layout';
import { readDockerConfig } from '../read-docker-config';
import { loadHomeDescriptor } from '../../source/load-home-descriptor';
import { HarborError } from '../../shared/core/errors';
import { ACTIONS } from '../../workflow/action-registry';

const MARK: Record<DoctorCheck['status'], string> = { ok: '✔', warn: '⚠', error: '✖' };

export const doctorCommand = defineCommand({
  usage: 'doctor',
  group: 'Runner',
  summary: 'Check the Docker engine, compose, the home mount, disk space, the age key, the home\'s layout and the Docker client config',
  options: [{ flags: '--json', description: 'Print the checks as JSON: {"ok": bool, "checks": [{name, status, message, hint?}]}' }],
  examples: ['./harbor.sh doctor', './harbor.sh doctor --json | jq .checks'],
  schema: v.object({ json: v.optional(v.boolean(), false) }),
  async run({ options, deps }) {
    const layout = await loadHomeDescriptor(deps.home, { actions: ACTIONS }).then(
      (loaded) => loaded.layout,
      (err: unknown) => {
        if (!(err instanceof HarborError)) throw err;
        return { error: err.message, hint: err.hint };
      },
    );
    const checks = [...buildDoctorReport(await readDoctorProbes(deps)), judgeLayout(layout), judgeDockerConfig(await readDockerConfig(deps.env))];
    const ok = !checks.some((c) => c.status === 'error');
    if (options.json) {
      deps.out(`${JSON.stringify({ ok, checks }, null, 2)}\n`);
    } else {
      const width = Math.max(...checks.map((c) => c.name.length));
      for (const c of checks) {
        deps.out(`${MARK[c.status]} ${c.name.padEnd(width)}  ${c.message}\n`);
        if (c.hint && c.status !== 'ok') deps.out(`  ${' '.repeat(width)}  → ${c.hint}\n`);
      }
    }
    return ok ? 0 : 1;
  },
});
