// Merges env layers, lowest precedence first, recording which layer and file set each value and what it overrode.
import { EnvError } from '../../shared/core/errors';
import { Secret } from '../../shared/core/secret';
import type { EnvSourceType } from '../../descriptor/core/env-config-schema';
import { parseDotenv, type DotenvEntry } from './parse-dotenv';

/** One env layer, read: dotenv text (parsed here, Compose's way) or values already decoded (sops). */
export interface EnvLayer {
  type: EnvSourceType;
  /** Shown to users: the type, plus the service for per-service layers ('service web'). */
  name: string;
  /** Relative to the Harbor home. */
  file: string;
  secret: boolean;
  /** Set for layers read once per service (`${service}` in the source's file). */
  service?: string;
  content: { kind: 'dotenv'; text: string } | { kind: 'values'; values: ReadonlyMap<string, string> };
}

/** One value as a layer set it. Secret values are wrapped so that logs and JSON never show them. */
export interface EnvDefinition {
  value: string | Secret;
  secret: boolean;
  layer: string;
  file: string;
  /** Absent for sources that have no lines (sops YAML/JSON). */
  line?: number;
}

export interface MergedEnvEntry extends EnvDefinition {
  /** The lower definitions this one overrode, lowest first. */
  overridden: EnvDefinition[];
}

/** name → the winning definition, in the order names were first set. */
export type MergedEnv = ReadonlyMap<string, MergedEnvEntry>;

export interface LayerKeys {
  layer: string;
  file: string;
  service?: string;
  /** Names the layer sets, plus bare `NAME` lines (declared, value from elsewhere). */
  keys: string[];
}

export interface EnvMerge {
  env: MergedEnv;
  layerKeys: LayerKeys[];
  /** For the command to log: references to unset or later-set variables. */
  warnings: string[];
}

/** Runner variables that hold key material: a reference to them makes the value secret. */
const RUNNER_SECRET_NAMES = new Set(['SOPS_AGE_KEY', 'AGE_PRIVATE_KEY']);

interface Definition {
  key: string;
  value: string;
  secret: boolean;
  layer: EnvLayer;
  line: number | undefined;
  /** Each reference, resolved: a definition index, 'runner', or undefined (not set at that point). */
  references: Array<{ name: string; target: number | 'runner' | undefined }>;
  unset: string[];
}

/**
 * Merges layers lowest first. Each dotenv layer is read as Compose reads it; a reference in a value sees, in
 * order: the same file's earlier keys, the layers below, then `runnerEnv`. A value that uses a secret is secret.
 * Throws EnvError on a reference cycle (A uses B set later, B uses A), naming every variable in it.
 */
export function mergeEnvLayers(layers: readonly EnvLayer[], runnerEnv: Readonly<Record<string, string | undefined>>): EnvMerge {
  const defs: Definition[] = [];
  const current = new Map<string, number>();
  const layerKeys: LayerKeys[] = [];

  for (const layer of layers) {
    const keys: string[] = [];
    const before = new Map(current);
    const resolveOutside = (name: string) => before.get(name) ?? (runnerEnv[name] !== undefined ? ('runner' as const) : undefined);
    const add = (def: Definition) => {
      current.set(def.key, defs.length);
      defs.push(def);
      if (!keys.includes(def.key)) keys.push(def.key);
    };
    if (layer.content.kind === 'values') {
      for (const [key, value] of layer.content.values) add({ key, value, secret: layer.secret, layer, line: undefined, references: [], unset: [] });
    } else {
      const parsed = parseDotenv(layer.content.text, {
        file: layer.file,
        secret: layer.secret,
        lookup: (name) => {
          const target = before.get(name);
          return target !== undefined ? defs[target]!.value : runnerEnv[name];
        },
      });
      const fileLatest = new Map<string, number>();
      for (const entry of parsed.entries) {
        const references = resolveReferences(entry, fileLatest, resolveOutside);
        const secret = layer.secret || references.some(({ name, target }) => isSecretTarget(defs, name, target));
        fileLatest.set(entry.key, defs.length);
        add({ key: entry.key, value: entry.value, secret, layer, line: entry.line, references, unset: entry.unset });
      }
      for (const { key } of parsed.unresolved) if (!keys.includes(key)) keys.push(key);
    }
    layerKeys.push({ layer: layer.name, file: layer.file, ...(layer.service !== undefined && { service: layer.service }), keys });
  }

  const finalDef = (name: string) => current.get(name);
  throwOnCycle(defs, finalDef);
  return { env: buildMergedEnv(defs), layerKeys, warnings: referenceWarnings(defs, finalDef) };
}

function resolveReferences(
  entry: DotenvEntry,
  fileLatest: ReadonlyMap<string, number>,
  resolveOutside: (name: string) => number | 'runner' | undefined,
): Definition['references'] {
  if (entry.inherited) return [{ name: entry.key, target: resolveOutside(entry.key) }];
  return entry.references.map(({ name, from }) => ({
    name,
    target: from === 'file' ? fileLatest.get(name) : from === 'outside' ? resolveOutside(name) : undefined,
  }));
}

function isSecretTarget(defs: readonly Definition[], name: string, target: number | 'runner' | undefined): boolean {
  if (target === 'runner') return RUNNER_SECRET_NAMES.has(name);
  return target !== undefined && defs[target]!.secret;
}

function buildMergedEnv(defs: readonly Definition[]): MergedEnv {
  const history = new Map<string, EnvDefinition[]>();
  for (const def of defs) {
    const list = history.get(def.key) ?? [];
    list.push(publicDefinition(def));
    history.set(def.key, list);
  }
  const env = new Map<string, MergedEnvEntry>();
  for (const [key, list] of history) {
    const winner = list[list.length - 1]!;
    env.set(key, { ...winner, overridden: list.slice(0, -1) });
  }
  return env;
}

function publicDefinition(def: Definition): EnvDefinition {
  return {
    value: def.secret ? new Secret(def.value) : def.value,
    secret: def.secret,
    layer: def.layer.name,
    file: def.layer.file,
    ...(def.line !== undefined && { line: def.line }),
  };
}

function where(def: Definition): string {
  return def.line === undefined ? def.layer.file : `${def.layer.file}:${def.line}`;
}

/**
 * Edges from each definition to what it uses: earlier definitions it resolved to, and (forward) the final
 * definition of a name that was not set yet but is set later. Only a forward edge can close a cycle. A reference
 * to the variable's own name always means its previous value (PATH=${PATH}:/x), never a forward edge.
 */
function edges(defs: readonly Definition[], index: number, finalDef: (name: string) => number | undefined): number[] {
  const def = defs[index]!;
  const out: number[] = [];
  for (const { name, target } of def.references) {
    if (typeof target === 'number') out.push(target);
    else if (target === undefined && name !== def.key) {
      const later = finalDef(name);
      if (later !== undefined && later > index) out.push(later);
    }
  }
  return out;
}

function throwOnCycle(defs: readonly Definition[], finalDef: (name: string) => number | undefined): void {
  // Iterative depth-first search: a long chain of references must not overflow the stack.
  const state = new Uint8Array(defs.length); // 0 new, 1 on the path, 2 done
  for (let root = 0; root < defs.length; root++) {
    if (state[root] !== 0) continue;
    const stack: Array<{ index: number; next: number[] }> = [{ index: root, next: edges(defs, root, finalDef) }];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = top.next.pop();
      if (next === undefined) {
        state[top.index] = 2;
        stack.pop();
      } else if (state[next] === 1) {
        const path = stack.map((frame) => frame.index);
        throw cycleError(defs, path.slice(path.indexOf(next)));
      } else if (state[next] === 0) {
        state[next] = 1;
        stack.push({ index: next, next: edges(defs, next, finalDef) });
      }
    }
  }
}

function cycleError(defs: readonly Definition[], cycle: number[]): EnvError {
  const names = [...cycle, cycle[0]!].map((d) => `${defs[d]!.key} (${where(defs[d]!)})`);
  return new EnvError(`env reference cycle: ${names.join(' uses ')}`, {
    code: 'ENV_CYCLE',
    hint: 'env files are read top to bottom (as Compose reads them), so one of these would be empty: give one of them a value that does not use the other',
  });
}

function referenceWarnings(defs: readonly Definition[], finalDef: (name: string) => number | undefined): string[] {
  const warnings: string[] = [];
  defs.forEach((def, index) => {
    for (const name of new Set(def.unset)) {
      const later = finalDef(name);
      warnings.push(
        later !== undefined && later > index && name !== def.key
          ? `${where(def)}: ${def.key} uses \${${name}}, which is set only later (${where(defs[later]!)}): env files are read top to bottom, as Compose reads them, so it is empty here`
          : `${where(def)}: ${def.key} uses \${${name}}, which is not set: it is empty (as in Compose)`,
      );
    }
  });
  return warnings;
}
