// The entry point and the only place that calls process.exit; it loads the rest of the CLI lazily.
// esbuild keeps a dynamically imported module unevaluated until it is needed, so `--version` never pays for the libraries.
// No top-level await: the bundle is CommonJS (runner/build.mjs says why).
import { HARBOR_VERSION } from '../shared/version';

/** The process ends here only: at the end of a run, and on a signal once what Harbor started has stopped (run-main.ts). */
function exit(code: number): never {
  return process.exit(code);
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
    process.stdout.write(`harbor ${HARBOR_VERSION}\n`);
    return 0;
  }
  const { runMain } = await import('./run-main');
  return runMain(argv, exit);
}

// Wait for stdout to drain before exiting so piped data is never cut short.
void main(process.argv.slice(2)).then((code) => process.stdout.write('', () => exit(code)));
