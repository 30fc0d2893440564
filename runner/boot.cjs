'use strict';
// The runner's entry point in the image: runs the bundle (harbor.cjs, beside this file) through V8's code
// cache, so a command does not spend ~40 ms parsing 850 KB of JavaScript before it starts.
//
//   node boot.cjs <harbor arguments>    run Harbor (what the image's ENTRYPOINT does)
//   node boot.cjs --write-code-cache    at image build: run `harbor --help`, then save the cache
//
// Node 20 has no code cache for ES modules or a built-in one for CommonJS (module.enableCompileCache
// came in Node 22.1), hence this file: it is plain CommonJS, not bundled, and has no dependencies. On Node 24
// it still beats module.enableCompileCache for every command that loads the CLI (bench/compile-cache.mjs):
// Node's cache holds only what V8 compiles up front, this one what `--help` ran.
// A cache V8 does not accept (another Node, other V8 flags, a changed bundle) is ignored and the bundle
// compiles as usual: the cache changes only how fast Harbor starts, never what it does.
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const bundle = join(__dirname, 'harbor.cjs');
const cacheFile = `${bundle}.v8-cache`;
const writing = process.argv[2] === '--write-code-cache';

function readCache() {
  if (writing) return undefined;
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

const cachedData = readCache();
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
// For `harbor doctor`: whether this start used the cache.
globalThis.__harborCodeCache = cachedData === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';

if (writing) {
  // `--help` evaluates every module and runs the CLI's common path, so their compiled code is included.
  process.argv.splice(2, Infinity, '--help');
  process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
}

// Run the bundle as Node runs a CommonJS main module: its own module object, require, __filename.
const mod = new Module(bundle, null);
mod.filename = bundle;
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, __dirname);
