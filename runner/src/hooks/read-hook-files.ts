// Finds autodiscoverable hook scripts and checks, before anything runs, that every hook's file is there and usable.
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { HookError } from '../shared/core/errors';
import { suggestNames } from '../descriptor/core/suggest-names';
import { listHookPoints } from '../descriptor/core/hook-points';
import type { DiscoveredHook } from './core/plan-hooks';
import type { HooksConfig, Hook } from '../descriptor/core/hooks-schema';

/**
 * stacks/<service>/hooks/<point>.sh for every service folder (the selection is not known yet when pre_source
 * runs, and every file is checked up front). Other .sh files there (helpers) are left alone; one whose name
 * is close to a point gets a warning.
 */
export async function readDiscoveredHooks(home: string, customStages: readonly string[], warn: (message: string) => void): Promise<DiscoveredHook[]> {
  const points = listHookPoints(customStages).filter((p) => p !== 'pre_source');
  const services = await readdir(join(home, 'stacks'), { withFileTypes: true }).catch(() => []);
  const found: DiscoveredHook[] = [];
  for (const folder of services.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const files = await readdir(join(home, 'stacks', folder, 'hooks')).catch(() => [] as string[]);
    for (const file of files.filter((f) => f.endsWith('.sh')).sort()) {
      const point = file.slice(0, -3);
      const script = `stacks/${folder}/hooks/${file}`;
      if (points.includes(point)) found.push({ service: folder, point, script });
      else if (point === 'pre_source') warn(`${script} is not run: pre_source runs before any service is selected (declare it under hooks.pre_source)`);
      else if (/^(pre|post)_/.test(point)) warn(`${script} is not run: "${point}" is no hook point${suggestNames(point, points)}`);
    }
  }
  return found;
}

/** Every script and module the descriptor's hooks (and the discovered ones) name exists; scripts are executable. */
export async function checkHookFiles(home: string, config: HooksConfig, discovered: readonly DiscoveredHook[]): Promise<void> {
  const problems: string[] = [];
  for (const [point, hooks] of Object.entries(config)) {
    if (!Array.isArray(hooks)) continue;
    for (const [index, hook] of (hooks as Hook[]).entries()) {
      const where = `hooks.${point}[${index}]`;
      if (hook.script !== undefined) problems.push(...(await checkFile(home, hook.script, where, true)));
      if (hook.module !== undefined) problems.push(...(await checkFile(home, hook.module, where, false)));
    }
  }
  if (config.autodiscover) for (const d of discovered) problems.push(...(await checkFile(home, d.script, `autodiscovered ${d.point}`, true)));
  if (problems.length === 0) return;
  throw new HookError(problems.join('\n'), {
    code: 'HOOK_FILE',
    hint: 'hook files are relative to the Harbor home; scripts run by their #! line, so they must be executable (chmod +x)',
  });
}

async function checkFile(home: string, file: string, where: string, executable: boolean): Promise<string[]> {
  const path = join(home, file);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) return [`${where}: ${file} does not exist`];
  if (!info.isFile()) return [`${where}: ${file} is not a file`];
  if (!executable) return [];
  const runnable = await access(path, constants.X_OK).then(() => true, () => false);
  return runnable ? [] : [`${where}: ${file} is not executable (chmod +x ${file})`];
}
