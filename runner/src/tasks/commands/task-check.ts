// `harbor task check DIR...`: validates task directories (task.toml for every schema version, required files); exit 1 when any is invalid.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { resolveHostPath } from '../../shared/host-path';
import { findTaskDirs } from '../find-task-dirs';
import { checkTaskDir } from '../load-task';

export const taskCheckCommand = defineCommand({
  usage: 'task check <...dirs>',
  group: 'Tasks',
  summary: 'Validate Harbor-format task directories (task.toml 1.0-1.4, required files), every error at once',
  options: [
    { flags: '--disable-verification', description: 'Do not require tests/test.sh (as `task run --disable-verification`)' },
    { flags: '--json', description: 'Print [{"dir", "valid", "errors": [...], "warnings": [...], "unsupported": [...]}]' },
  ],
  examples: [
    './harbor.sh task check tasks/hello-world',
    './harbor.sh task check tasks/          (a folder of tasks: each subfolder with a task.toml)',
    'errors name the place: tasks/x/task.toml:12: environment.memory_mb: memory = "2G" (2048 MB) and memory_mb = 1024 disagree',
  ],
  schema: v.object({ disableVerification: v.optional(v.boolean(), false), json: v.optional(v.boolean(), false) }),
  async run({ args, options, deps }) {
    for (const dir of args) await resolveHostPath(deps, dir, 'read');
    const dirs = await findTaskDirs(args, deps.cwd);
    const inRunner = deps.env.HARBOR_IN_RUNNER === '1';
    const checks = [];
    for (const dir of dirs) checks.push(await checkTaskDir(dir, { cwd: deps.cwd, home: deps.home, inRunner, disableVerification: options.disableVerification }));
    const invalid = checks.filter((c) => c.errors.length > 0).length;
    if (options.json) {
      deps.out(`${JSON.stringify(checks.map((c) => ({ dir: c.shown, valid: c.errors.length === 0, errors: c.errors, warnings: c.warnings, unsupported: c.unsupported })), null, 2)}\n`);
      return invalid ? 1 : 0;
    }
    for (const c of checks) {
      for (const w of c.warnings) deps.log.warn(w);
      for (const u of c.unsupported) deps.log.warn(`${u} (task run refuses this task)`);
      for (const e of c.errors) deps.out(`✖ ${e}\n`);
      if (c.errors.length === 0) deps.out(`✔ ${c.shown}: valid (${c.task!.name}, schema ${c.task!.config.schemaVersion}${c.task!.config.steps ? `, ${c.task!.config.steps.length} steps` : ''})\n`);
    }
    if (checks.length > 1) deps.out(`${checks.length - invalid} of ${checks.length} task${checks.length === 1 ? '' : 's'} valid\n`);
    return invalid ? 1 : 0;
  },
});
