// The example stack's own hook (etc/harbor.yaml hooks.post_deploy): a wrong greeting page fails the deploy.
import { equal, match } from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { requireDocker } from '../support/docker-available';
import { makeExampleHome, removeExampleHome, runRunner } from '../support/compose-home';

const example = makeExampleHome();
after(() => removeExampleHome(example));

describe('the example post_deploy hook', () => {
  it('fails the deploy when hello does not show what greeter answers', { timeout: 180_000 }, async (t) => {
    if (!requireDocker(t)) return;
    // hello's CGI now answers something else than greeter's greeting.
    writeFileSync(join(example.home, 'etc/stacks/hello/www/cgi-bin/greeting'), "#!/bin/sh\nprintf 'Content-Type: text/plain\\r\\n\\r\\n'\necho 'not the greeting'\n", { mode: 0o755 });
    const r = await runRunner(example.home, ['deploy', '--capabilities', '']);
    equal(r.code, 6, r.stderr);
    match(r.stderr, /post_deploy:check-greeting \(hooks\.post_deploy\[0\]\) threw: hello's greeting page shows "not the greeting\\n", expected "Greetings from the greeter service\\n" \(at stacks\/hello\/hooks\/check-greeting\.ts:\d+\)/);
  });
});
