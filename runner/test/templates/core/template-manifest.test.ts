import { deepStrictEqual, throws } from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HarborError } from '../../../src/shared/core/errors';
import { parseTemplateManifest, renderTemplateManifest, type TemplateManifest } from '../../../src/templates/core/template-manifest';

const H = 'a'.repeat(64);
const manifest: TemplateManifest = {
  files: new Map([
    ['var/run/web/config/b', { source: 'stacks/web/templates/b.tmpl', service: 'web', engine: 'envsubst' as const, sha256: H, mode: 0o600, secret: true }],
    ['var/run/shared/a', { source: 'etc/a', service: null, engine: 'copy' as const, sha256: H, mode: 0o755, secret: false }],
  ]),
};

describe('template manifest', () => {
  it('renders sorted, with octal modes and no timestamps, and parses back', () => {
    const text = renderTemplateManifest(manifest);
    deepStrictEqual(text, `{
  "version": 1,
  "files": {
    "var/run/shared/a": {
      "source": "etc/a",
      "service": null,
      "engine": "copy",
      "sha256": "${H}",
      "mode": "0755",
      "secret": false
    },
    "var/run/web/config/b": {
      "source": "stacks/web/templates/b.tmpl",
      "service": "web",
      "engine": "envsubst",
      "sha256": "${H}",
      "mode": "0600",
      "secret": true
    }
  }
}
`);
    deepStrictEqual([...parseTemplateManifest(text, 'var/run/manifest.json').files], [...manifest.files].reverse());
  });

  const bad: Array<{ name: string; text: string; message: string }> = [
    { name: 'not JSON', text: '{"version":', message: 'var/run/manifest.json: not a valid templates manifest (Unexpected end of JSON input)' },
    { name: 'another version', text: '{"version":2,"files":{}}', message: 'var/run/manifest.json: not a valid templates manifest (version: Invalid type: Expected 1 but received 2)' },
    { name: 'a bad mode', text: `{"version":1,"files":{"x":{"source":"s","service":null,"engine":"copy","sha256":"${H}","mode":"644","secret":false}}}`, message: 'var/run/manifest.json: not a valid templates manifest (files.x.mode: Invalid format: Expected /^0[0-7]{3}$/ but received "644")' },
  ];
  for (const c of bad) {
    it(`rejects ${c.name}`, () => {
      throws(() => parseTemplateManifest(c.text, 'var/run/manifest.json'), (err: HarborError) => {
        deepStrictEqual([err.message, err.hint, err.code], [c.message, 'delete var/run/manifest.json: the next prepare renders every template again (files it wrote before are then left in place)', 'MANIFEST']);
        return true;
      });
    });
  }
});
