// Runs `harbor secrets decrypt FILE` (the command's own run: read, parse, data key, values, MAC, render,
// print) in this process and prints how long it took, as JSON. bench/secrets.ts bundles this file and runs
// it with the runner image's Node, one fresh process per cold measurement.
//   node secrets-probe.cjs once FILE PLAIN          one run in a fresh process: {"ms": …}
//   node secrets-probe.cjs warm FILE PLAIN RUNS     RUNS runs in one process: {"ms": [...]}
//   node secrets-probe.cjs phases FILE RUNS         where the time goes: {"parse": [...], …}
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createConsola } from 'consola';
import { openFileDataKey } from '../../runner/src/secrets/sops-file';
import { secretsDecryptCommand } from '../../runner/src/secrets/commands/secrets-decrypt';
import { openTree } from '../../runner/src/secrets/core/open-tree';
import { parseSopsDocument, renderPlainDocument } from '../../runner/src/secrets/core/sops-document';
import { effectiveCryptRule } from '../../runner/src/secrets/core/sops-metadata';
import type { Deps } from '../../runner/src/shared/deps';

const env = { SOPS_AGE_KEY_FILE: process.env.SOPS_AGE_KEY_FILE ?? '', HOME: '/nonexistent' };

/** Runs the command as `harbor secrets decrypt FILE` does, printing into a string. */
async function decryptCommand(file: string): Promise<string> {
  let printed = '';
  const deps: Deps = {
    log: createConsola({ level: 0 }),
    out: (text) => void (printed += text),
    env,
    home: tmpdir(),
    cwd: tmpdir(),
    run: () => Promise.reject(new Error('the bench runs no process')),
    debug: false,
  };
  await secretsDecryptCommand.run({ args: [file], options: { ignoreMac: false }, deps } as never);
  return printed;
}

async function timed(file: string, plain: string): Promise<number> {
  const t0 = performance.now();
  const out = await decryptCommand(file);
  const ms = performance.now() - t0;
  if (out !== plain) throw new Error(`${file}: the plaintext differs from the original`);
  return ms;
}

async function phases(file: string, runs: number): Promise<Record<string, number[]>> {
  const text = readFileSync(file, 'utf8');
  const t: Record<string, number[]> = { parse: [], 'data key': [], 'values + MAC': [], render: [] };
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      t[name]!.push(now - t0);
      t0 = now;
    };
    const doc = parseSopsDocument(text, 'yaml', file);
    lap('parse');
    const key = await openFileDataKey(file, doc, env);
    lap('data key');
    const meta = doc.metadata;
    const opened = openTree(doc.branches, key, { rule: effectiveCryptRule(meta), macOnlyEncrypted: meta.macOnlyEncrypted, encoding: 'utf8', file });
    lap('values + MAC');
    renderPlainDocument(opened.branches, 'yaml');
    lap('render');
  }
  return t;
}

const [mode, file, third, fourth] = process.argv.slice(2);
if (!file) throw new Error('usage: secrets-probe once|warm|phases FILE …');
if (mode === 'once') {
  console.log(JSON.stringify({ ms: await timed(file, readFileSync(third!, 'utf8')) }));
} else if (mode === 'warm') {
  const plain = readFileSync(third!, 'utf8');
  const ms: number[] = [];
  for (let r = 0; r < Number(fourth); r++) ms.push(await timed(file, plain));
  console.log(JSON.stringify({ ms }));
} else if (mode === 'phases') {
  console.log(JSON.stringify(await phases(file, Number(third))));
} else {
  throw new Error(`unknown mode ${mode}`);
}
