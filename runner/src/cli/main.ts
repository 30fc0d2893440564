// The entry point and the only place that calls process.exit. It loads the CLI lazily: esbuild keeps a
// dynamically imported module unevaluated until it is needed, so `--version` never pays for the libraries.
// No top-level await: the bundle is CommonJS (runner/build.mjs says why).
import { HARBOR_VERSION } from '../shared/version';

async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`harbor ${HARBOR_VERSION}\n`);
    return 0;
  }
  const { runMain } = await import('./run-main');
  return runMain(argv);
}

// Wait for stdout to drain before exiting so piped data is never cut short.
void main(process.argv.slice(2)).then((code) => process.stdout.write('', () => process.exit(code)));
