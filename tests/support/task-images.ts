// Test cleanup for `harbor task run`: the task images Harbor keeps (hb__<task>:<hash>) for the fixture tasks.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = fileURLToPath(new URL('../fixtures/tasks', import.meta.url));

/**
 * Removes every hb__<prefix><fixture>[-verifier] image (and only those: other tasks' images are not ours). Test files
 * that run at once copy the fixtures under their own prefix, so one never removes an image the other is using.
 */
export function removeFixtureTaskImages(prefix = ''): void {
  const names = new Set(readdirSync(FIXTURES).flatMap((t) => [`hb__${prefix}${t}`, `hb__${prefix}${t}-verifier`]));
  const images = spawnSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' }).stdout.split('\n').filter((i) => names.has(i.split(':')[0]!));
  if (images.length) spawnSync('docker', ['image', 'rm', ...images], { stdio: 'ignore' });
}
