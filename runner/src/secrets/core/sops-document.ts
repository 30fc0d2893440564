// Splits a sops file into data branches and metadata, and joins them back, for every store.
import { SecretError } from '../../shared/core/errors';
import { flattenMetadata, unflattenMetadata } from './flat-metadata';
import type { SopsFormat } from './sops-format';
import { parseMetadata, renderMetadata, type SopsMetadata } from './sops-metadata';
import { entry, mapGet, type SopsBranches, type SopsMap } from './sops-tree';
import { parseDotenvStore, renderDotenvStore } from './stores/dotenv-store';
import { parseIniStore, renderIniStore } from './stores/ini-store';
import { parseJsonStore } from './stores/json-parse';
import { renderJsonStore } from './stores/json-render';
import { parseYamlStore } from './stores/yaml-parse';
import { renderYamlStore } from './stores/yaml-render';
import type { StringEncoding } from './value-cipher';

export interface SopsDocument {
  branches: SopsBranches;
  metadata: SopsMetadata;
}

export interface RenderOptions {
  /** YAML indent (sops `stores.yaml.indent`, default 4); JSON indent in spaces (default: a tab). */
  yamlIndent?: number;
  jsonIndent?: number;
}

/** Binary files are the JSON store around one `data` string whose characters are the file's bytes. */
export function stringEncodingFor(format: SopsFormat): StringEncoding {
  return format === 'binary' ? 'latin1' : 'utf8';
}

const NOT_ENCRYPTED_HINT = 'the file has no sops metadata: encrypt it first with `harbor secrets encrypt`';

function withoutKey(m: SopsMap, key: string): SopsMap {
  return { type: 'map', items: m.items.filter((i) => !(i.type === 'entry' && i.key === key)) };
}

/** Parses plaintext (no metadata) into branches. */
export function parsePlainDocument(text: string, format: SopsFormat, file: string): SopsBranches {
  switch (format) {
    case 'yaml': return parseYamlStore(text, file);
    case 'json': return [parseJsonStore(text, file)];
    case 'dotenv': return [parseDotenvStore(text, file)];
    case 'ini': return [parseIniStore(text, file)];
    case 'binary': return [{ type: 'map', items: [entry('data', { type: 'str', value: text })] }];
  }
}

/** Whether plaintext already carries sops metadata (sops refuses to encrypt such a file twice). */
export function hasSopsMetadata(branches: SopsBranches, format: SopsFormat): boolean {
  const first = branches[0];
  if (!first) return false;
  if (format === 'dotenv') return first.items.some((i) => i.type === 'entry' && i.key.startsWith('sops_'));
  return mapGet(first, 'sops') !== undefined;
}

/** Parses an encrypted file: its data branches (still encrypted) and its metadata. */
export function parseSopsDocument(text: string, format: SopsFormat, file: string): SopsDocument {
  const missing = () => new SecretError(`${file}: sops metadata not found`, { hint: NOT_ENCRYPTED_HINT });
  if (format === 'dotenv' || format === 'ini') {
    const [branch] = format === 'dotenv' ? [parseDotenvStore(text, file)] : [parseIniStore(text, file)];
    let pairs: Array<[string, string]>;
    let data: SopsMap;
    if (format === 'dotenv') {
      pairs = branch!.items.flatMap((i) => (i.type === 'entry' && i.key.startsWith('sops_') && i.value.type === 'str' ? [[i.key.slice(5), i.value.value] as [string, string]] : []));
      data = { type: 'map', items: branch!.items.filter((i) => !(i.type === 'entry' && i.key.startsWith('sops_'))) };
    } else {
      const section = mapGet(branch!, 'sops');
      pairs = section?.type === 'map' ? section.items.flatMap((i) => (i.type === 'entry' && i.value.type === 'str' ? [[i.key, i.value.value.replace(/\\n/g, '\n')] as [string, string]] : [])) : [];
      data = withoutKey(branch!, 'sops');
    }
    if (pairs.length === 0) throw missing();
    return { branches: [data], metadata: parseMetadata(unflattenMetadata(pairs, file), file) };
  }
  const branches = format === 'yaml' ? parseYamlStore(text, file) : [parseJsonStore(text, file)];
  const meta = branches[0] ? mapGet(branches[0], 'sops') : undefined;
  if (!meta) throw missing();
  if (meta.type !== 'map') throw new SecretError(`${file}: the "sops" key must hold a mapping`, { hint: NOT_ENCRYPTED_HINT });
  return { branches: branches.map((b) => withoutKey(b, 'sops')), metadata: parseMetadata(meta, file) };
}

/** Renders decrypted branches in a store's plaintext form (binary: the raw bytes as a latin1 string). */
export function renderPlainDocument(branches: SopsBranches, format: SopsFormat, options: RenderOptions = {}): string {
  const first = branches[0] ?? { type: 'map', items: [] };
  switch (format) {
    case 'yaml': return renderYamlStore(branches, options.yamlIndent);
    case 'json': return renderJsonStore(first, options.jsonIndent === undefined || options.jsonIndent < 0 ? '\t' : ' '.repeat(options.jsonIndent));
    case 'dotenv': return renderDotenvStore(first);
    case 'ini': return renderIniStore(first);
    case 'binary': {
      const data = mapGet(first, 'data');
      if (data?.type !== 'str') throw new SecretError('binary output needs a top-level "data" string', { hint: 'use --output-type yaml or json' });
      return data.value;
    }
  }
}

/** Renders an encrypted file with its metadata in sops 3.13's layout. */
export function renderSopsDocument(doc: SopsDocument, format: SopsFormat, options: RenderOptions = {}): string {
  const meta = renderMetadata(doc.metadata);
  const first = doc.branches[0] ?? { type: 'map', items: [] };
  switch (format) {
    case 'yaml': return renderYamlStore(doc.branches.map((b) => ({ type: 'map', items: [...b.items, entry('sops', meta)] })), options.yamlIndent);
    case 'json':
    case 'binary': return renderJsonStore({ type: 'map', items: [...first.items, entry('sops', meta)] }, options.jsonIndent === undefined || options.jsonIndent < 0 ? '\t' : ' '.repeat(options.jsonIndent));
    case 'dotenv': return renderDotenvStore(first, flattenMetadata(meta));
    case 'ini': return renderIniStore(first, flattenMetadata(meta));
  }
}
