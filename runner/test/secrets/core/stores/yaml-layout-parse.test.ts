// The fast sops-layout YAML reader gives exactly the full reader's branches (comments placed alike), or gives up; never anything else.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { SopsList, SopsMap, SopsValue } from '../../../../src/secrets/core/sops-tree';
import { parseSopsLayoutYaml } from '../../../../src/secrets/core/stores/yaml-layout-parse';
import { parseYamlComposed, parseYamlStore } from '../../../../src/secrets/core/stores/yaml-parse';
import { renderYamlStore } from '../../../../src/secrets/core/stores/yaml-render';

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'sops');

/** 'fast' when the layout reader took the text (and agreed), 'full' when it gave up, 'error' when the full reader throws. */
function compare(text: string): 'fast' | 'full' | 'error' {
  let full: SopsMap[] | undefined;
  try {
    full = parseYamlComposed(text, 't.yaml');
  } catch {
    full = undefined;
  }
  const fast = parseSopsLayoutYaml(text);
  if (fast === undefined) return full ? 'full' : 'error';
  assert.ok(full, `the layout reader accepted YAML the full reader rejects:\n${text}`);
  assert.deepStrictEqual(fast, full, text);
  return 'fast';
}

/** A small deterministic PRNG (mulberry32), so failures reproduce: an integer in [0, n). */
function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const STRINGS = [
  'plain', 'two words', 'true', 'yes', 'null', '~', '', '123', '0x1F', '1_000', '1.5', '.5', '-.inf', '2024-01-01', '2024-01-01T10:00:00Z',
  'a: b', 'a:b', 'x:', ' lead', 'trail ', '#hash', 'a #b', 'a#b', '- dash', '-dash', '-', '---', '...', '[a]', '{b}', '&a', '*b', '!t', '%p', '@x',
  '`y', "it's", 'say "hi"', 'back\\slash', 'tab\there', 'é', 'two\nlines\n', 'keep\n\n', 'strip\nme', ' \nx', '?q', ':c', ',', '<<', '|', '>',
  'ENC[AES256_GCM,data:8CvE,iv:tjchf/lmMpXDOA1tLE/N4oY9IqJIzfQ/7NlvQlDUtoA=,tag:1aFCHIRp3j/VPNcCEsE95A==,type:str]', '9223372036854775808',
];
const KEYS = ['a', 'b_c', 'with space', 'true', '123', '-k', 'x:y', 'é', '"q"', "it's", '', 'password', 'a.b', '<<', 'k#1', 'null'];

function generateValue(pick: (n: number) => number, depth: number): SopsValue {
  const kind = pick(depth > 3 ? 6 : 9);
  switch (kind) {
    case 0: case 1: return { type: 'str', value: STRINGS[pick(STRINGS.length)]! };
    case 2: return { type: 'int', value: String(pick(100000) - 50) };
    case 3: return { type: 'float', value: (pick(1000) + 0.5) / 8 };
    case 4: return pick(2) ? { type: 'bool', value: pick(2) === 1 } : { type: 'null' };
    case 5: return { type: 'time', value: '2024-01-02T03:04:05Z' };
    case 6: case 7: return generateMap(pick, depth + 1);
    default: {
      const list: SopsList = { type: 'list', items: [] };
      for (let n = pick(4); n > 0; n--) list.items.push(generateValue(pick, depth + 1));
      return list;
    }
  }
}

function generateMap(pick: (n: number) => number, depth: number): SopsMap {
  const map: SopsMap = { type: 'map', items: [] };
  for (let n = pick(5); n > 0; n--) {
    // Keys repeat now and then: both readers must reject the duplicate.
    const key = pick(3) ? `k${pick(40)}` : KEYS[pick(KEYS.length)]!;
    if (pick(40) === 0) map.items.push({ type: 'comment', value: ' note' });
    map.items.push({ type: 'entry', key, value: generateValue(pick, depth) });
  }
  return map;
}

function mutate(text: string, pick: (n: number) => number): string {
  const at = pick(text.length + 1);
  const alphabet = [' ', '  ', '-', '- ', ':', ': ', '"', "'", '|', '|-', '|+', '\n', '#', '{}', '[]', 'x', '\t', '---\n', '&a ', '*a', '!!str '];
  switch (pick(6)) {
    case 0: return text.slice(0, at) + alphabet[pick(alphabet.length)]! + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(at + 1 + pick(3));
    case 2: {
      const lines = text.split('\n');
      const i = pick(lines.length);
      lines.splice(i, 0, lines[pick(lines.length)]!);
      return lines.join('\n');
    }
    case 3: {
      const lines = text.split('\n');
      lines.splice(pick(lines.length), 0, `${' '.repeat(pick(10))}#${pick(2) ? ' note' : ''}`);
      return lines.join('\n');
    }
    case 4: {
      const lines = text.split('\n');
      const i = pick(lines.length);
      lines[i] += ' '.repeat(1 + pick(2)) + '# after';
      return lines.join('\n');
    }
    default: {
      const lines = text.split('\n');
      const i = pick(lines.length);
      lines[i] = pick(2) ? ` ${lines[i]}` : lines[i]!.replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
  }
}

test('fixtures: the layout reader takes every sops fixture and agrees with the full reader', () => {
  const files = readdirSync(fixtures).filter((f) => /\.ya?ml(\.plain)?$/.test(f) && !readFileSync(join(fixtures, f), 'utf8').startsWith('EXPECT-ERROR'));
  const outcomes = Object.fromEntries(files.map((f) => [f, compare(readFileSync(join(fixtures, f), 'utf8'))]));
  assert.deepStrictEqual(outcomes, {
    'comments.enc.yaml': 'fast', 'comments.enc.yaml.plain': 'fast',
    'comments_unencrypted_comments.yaml': 'fast', 'comments_unencrypted_comments.yaml.plain': 'fast',
    'example.yaml': 'fast', 'example.yaml.plain': 'fast',
    'format.enc.yaml': 'fast', 'format.enc.yaml.plain': 'fast',
    'tampered-ciphertext.enc.yaml': 'fast', 'tampered.enc.yaml': 'fast', 'wrong-key.enc.yaml': 'fast',
  });
});

test('layouts sops, yaml.v2 and hand edits write: read fast, same branches', () => {
  const cases: Array<{ name: string; text: string; expected: 'fast' | 'full' | 'error' }> = [
    { name: 'yaml.v3 sops metadata', text: 'a: x\nsops:\n    age:\n        - enc: |\n            line1\n            line2\n          recipient: r\n    lastmodified: "2020-10-07T15:49:13Z"\n    version: 3.13.2\n', expected: 'fast' },
    { name: 'yaml.v2 sequence at its key\'s indent', text: 'sops:\n    kms: []\n    age:\n    -   recipient: r\n        enc: |\n            x\n    lastmodified: \'2020-10-07T15:49:13Z\'\n', expected: 'fast' },
    { name: 'literal |- with an empty line inside', text: 'k: |-\n    a\n\n    b\nn: 1\n', expected: 'fast' },
    { name: 'literal |+ keeps trailing empty lines', text: 'k: |+\n    a\n\n\nn: 1\n', expected: 'fast' },
    { name: 'literal | clips them', text: 'k: |\n    a\n\n\nn: 1\n', expected: 'fast' },
    { name: 'literal with deeper lines', text: 'k: |\n    a\n      b\n    c\n', expected: 'fast' },
    { name: 'quoted keys and values', text: '"123": \'it\'\'s\'\n\'true\': "x: y"\nk: ""\n', expected: 'fast' },
    { name: 'nulls and empty collections', text: 'a:\nb: {}\nc: []\nd:\n    -\n    - {}\n    - ~\n', expected: 'fast' },
    { name: 'nested sequences and maps in sequences', text: 'l:\n  - - a\n    - b\n  - k: v\n    m:\n      - 1\n  -   x: 2\n', expected: 'fast' },
    { name: 'blank lines between entries', text: 'a: 1\n\nb:\n\n    c: 2\n\n', expected: 'fast' },
    { name: 'plain scalars with inner indicators', text: 'a: b:c\nd: x#y\ne: -5\nf: a, b [c] {d}\ng: 0x1F\nh: 2024-01-01\n', expected: 'fast' },
    { name: 'comments on their own lines, at any column', text: '# top\na:\n    # head\n    b: 1\n  # odd column\n    c: 2\n# foot of a\nl:\n    #x\n    - 1\n    -   k: v\n        # in the item\n        j: 2\n', expected: 'fast' },
    { name: 'comments after values', text: 'a: 1 # one\nb: "q # not a comment"  #two\nl:\n    - x #three\n    - \'y\' # four\nc: a#b\n', expected: 'fast' },
    { name: 'comment lines inside a literal block are text', text: 'k: |\n    # text\n    more\nn: 1\n', expected: 'fast' },
    { name: 'comment after key:', text: 'a: # c\n    b: 1\n', expected: 'full' },
    { name: 'comment after a dash', text: 'l:\n    - # c\n      b: 1\n', expected: 'full' },
    { name: 'comment after a block header', text: 'a: | # c\n    x\n', expected: 'full' },
    { name: 'comment line ending a block scalar', text: 'a: |\n    x\n# c\nb: 1\n', expected: 'full' },
    { name: 'comment inside a plain key', text: 'a #b: c\n', expected: 'error' },
    { name: 'anchor and alias', text: 'a: &x 1\nb: *x\n', expected: 'full' },
    { name: 'tag', text: 'a: !!str 1\n', expected: 'full' },
    { name: 'folded block', text: 'a: >\n    x\n', expected: 'full' },
    { name: 'multi-line plain scalar', text: 'a: x\n    y\n', expected: 'full' },
    { name: 'escapes in double quotes', text: 'a: "x\\ty"\n', expected: 'full' },
    { name: 'two documents', text: 'a: 1\n---\nb: 2\n', expected: 'full' },
    { name: 'flow mapping', text: 'a: {b: 1}\n', expected: 'full' },
    { name: 'tab', text: 'a:\tx\n', expected: 'full' },
    { name: 'CRLF', text: 'a: x\r\n', expected: 'full' },
    { name: 'no final newline', text: 'a: x', expected: 'full' },
    { name: 'duplicate key', text: 'a: 1\na: 2\n', expected: 'error' },
    { name: 'non-string key', text: '1: x\n', expected: 'error' },
    { name: 'top-level sequence', text: '- a\n', expected: 'error' },
    { name: 'int out of range', text: 'a: 9223372036854775808\n', expected: 'error' },
    { name: 'bad indentation', text: 'a:\n    b: 1\n  c: 2\n', expected: 'error' },
    { name: 'value after a nested map', text: 'a: 1\n  b: 2\n', expected: 'error' },
  ];
  for (const c of cases) assert.equal(compare(c.text), c.expected, c.name);
});

test('generated trees rendered by Harbor (indent 4 and 2): fast and full readers agree', () => {
  const pick = random(20260522);
  const counts = { fast: 0, full: 0, error: 0 };
  for (let i = 0; i < 600; i++) {
    const branches = [generateMap(pick, 0)];
    if (pick(30) === 0) branches.push(generateMap(pick, 0));
    counts[compare(renderYamlStore(branches, pick(2) ? 4 : 2))]++;
  }
  // Most generated files are in the layout; the rest exercise giving up (comments, documents, duplicates).
  assert.ok(counts.fast > 200 && counts.full > 50 && counts.error > 10, JSON.stringify(counts));
});

test('mutated sops files (comments added too): the layout reader never accepts what the full reader rejects or reads differently', () => {
  const pick = random(7);
  const seeds = [
    readFileSync(join(fixtures, 'format.enc.yaml'), 'utf8'),
    'a: x\nl:\n    - 1\n    - k: v\n      m: |\n        t\n    -\n',
    'sops:\n    age:\n    -   recipient: r\n        enc: |+\n            x\n\n    v: \'q\'\n',
    readFileSync(join(fixtures, 'example.yaml'), 'utf8'),
  ];
  const counts = { fast: 0, full: 0, error: 0 };
  for (let i = 0; i < 3000; i++) {
    let text = seeds[pick(seeds.length)]!;
    for (let n = 1 + pick(3); n > 0; n--) text = mutate(text, pick);
    counts[compare(text)]++;
  }
  assert.ok(counts.fast > 300 && counts.error > 300, JSON.stringify(counts));
});

test('parseYamlStore takes the fast reader and keeps the full reader\'s errors', () => {
  const text = readFileSync(join(fixtures, 'format.enc.yaml'), 'utf8');
  assert.deepStrictEqual(parseYamlStore(text, 'f.yaml'), parseYamlComposed(text, 'f.yaml'));
  assert.throws(() => parseYamlStore('a: 1\na: 2\n', 'f.yaml'), /^SecretError: f\.yaml:2: Map keys must be unique/);
});
