// Asks the host to open URLs in the user's browser: appends them to the file harbor.sh reads once the runner exits.
import { appendFile } from 'node:fs/promises';
import { HarborError } from '../shared/core/errors';
import type { Deps } from '../shared/deps';
import { isOpenableUrl } from './core/open-url';

/**
 * A container cannot open the user's browser, so harbor.sh passes HARBOR_OPEN_FILE (a 0600 file of its own under
 * var/run/.harbor/) for commands that may open something; the runner appends one URL per line and the shim
 * opens them after the runner exits 0 (docs/Harbor-Utilities.md, "open"). Without that file (the runner started
 * by other means) nothing can be opened: returns false, and the caller shows the URLs its own way (`harbor open`
 * prints them; up, deploy and stages print every URL anyway, and stdout may be --json).
 */
export async function requestOpen(deps: Pick<Deps, 'env' | 'log'>, urls: readonly string[]): Promise<boolean> {
  for (const url of urls) {
    if (!isOpenableUrl(url)) {
      throw new HarborError(`cannot open ${JSON.stringify(url)}: only http:// and https:// URLs without spaces, quotes or control characters are opened`, {
        code: 'BAD_URL',
        hint: 'give a service name or an http(s) URL',
      });
    }
  }
  const file = deps.env.HARBOR_OPEN_FILE;
  if (!file) {
    for (const url of urls) deps.log.debug(`not started by harbor.sh: open ${url} yourself`);
    return false;
  }
  if (urls.length > 0) await appendFile(file, urls.map((url) => `${url}\n`).join(''));
  for (const url of urls) deps.log.debug(`opening ${url} in the browser`);
  return true;
}
