// The runner's version: injected by the bundler, read from package.json when run from source (tests).
import { createRequire } from 'node:module';

declare const __HARBOR_VERSION__: string | undefined;

function versionFromPackageJson(): string {
  const require = createRequire(import.meta.url);
  return (require('../../../package.json') as { version: string }).version;
}

export const HARBOR_VERSION: string =
  typeof __HARBOR_VERSION__ === 'string' ? __HARBOR_VERSION__ : versionFromPackageJson();
