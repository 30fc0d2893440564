// Reads etc/harbor.yaml and an optional stacks/<stack>/harbor.yaml, then validates and merges them (core).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { didYouMean } from '../shared/core/closest-names';
import { DEFAULT_DESCRIPTOR } from './core/default-descriptor';
import type { Descriptor } from './core/descriptor-schema';
import { validateDescriptor } from './core/validate-descriptor';
import { parseYamlSource, type YamlSource } from './core/yaml-source';
import { DescriptorError, UsageError } from '../shared/core/errors';
import type { ActionSchema } from './core/action-schema';

export const SYSTEM_DESCRIPTOR = 'etc/harbor.yaml';
export const STACKS_DIR = 'stacks';

export interface LoadedDescriptor {
  descriptor: Descriptor;
  /** The files that were read, relative to the home; empty when the defaults were used. */
  files: string[];
}

export interface LoadDescriptorOptions {
  /** Merge stacks/<stack>/harbor.yaml over the system descriptor (`--stack`). */
  stack?: string | undefined;
  /** The actions steps may name: the workflow's registry (ACTIONS), or fakes in tests. */
  actions: readonly ActionSchema[];
  /**
   * Stands in for a missing etc/harbor.yaml, validated as one (v1's layout: source/load-home-descriptor.ts);
   * default: DEFAULT_DESCRIPTOR.
   */
  base?: Record<string, unknown> | undefined;
}

/** A stack name is one directory under stacks/: no separators, no `..`. */
const STACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Loads the descriptor of `home`. With no etc/harbor.yaml (and no stack override) it is DEFAULT_DESCRIPTOR.
 * @example const { descriptor, files } = await loadDescriptor('/srv/harbor', { stack: 'webui', actions: ACTIONS })
 */
export async function loadDescriptor(home: string, options: LoadDescriptorOptions): Promise<LoadedDescriptor> {
  const system = await readSource(home, SYSTEM_DESCRIPTOR);
  const override = options.stack === undefined ? undefined : await readStackOverride(home, options.stack);
  const files = [system, override].filter((s): s is YamlSource => s !== undefined).map((s) => s.file);
  if (files.length === 0 && options.base === undefined) return { descriptor: DEFAULT_DESCRIPTOR, files };
  return { descriptor: validateDescriptor({ system, override, base: options.base }, options.actions), files };
}

async function readStackOverride(home: string, stack: string): Promise<YamlSource | undefined> {
  if (!STACK_NAME.test(stack)) {
    throw new UsageError(`--stack: "${stack}" is not a stack name`, { hint: `a stack is a directory directly under ${STACKS_DIR}/` });
  }
  const stacks = await listStacks(home);
  if (!stacks.includes(stack)) {
    throw new DescriptorError(`unknown stack "${stack}"${didYouMean(stack, stacks)}`, {
      hint: stacks.length ? `stacks are the directories in ${STACKS_DIR}/: ${stacks.join(', ')}` : `${STACKS_DIR}/ has no stack directories`,
    });
  }
  return readSource(home, `${STACKS_DIR}/${stack}/harbor.yaml`);
}

async function listStacks(home: string): Promise<string[]> {
  try {
    const entries = await readdir(join(home, STACKS_DIR), { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw readError(STACKS_DIR, err);
  }
}

/** The parsed file, or undefined when it does not exist. */
async function readSource(home: string, file: string): Promise<YamlSource | undefined> {
  let text: string;
  try {
    text = await readFile(join(home, file), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw readError(file, err);
  }
  return parseYamlSource(text, file);
}

function readError(file: string, err: unknown): DescriptorError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  return new DescriptorError(`cannot read ${file}: ${code}`, { hint: 'check that the Harbor home is readable by your user', cause: err });
}
