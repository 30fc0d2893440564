// Reads a verifier's reward files as the framework does: reward.json (a flat object of numbers) first, then reward.txt (one float).

export type Rewards = Record<string, number>;

/** The framework's exception names: tools that read result.json group trials by them. */
export type RewardErrorType = 'RewardFileNotFoundError' | 'RewardFileEmptyError' | 'VerifierOutputParseError';

export type RewardOutcome = { rewards: Rewards } | { error: { type: RewardErrorType; message: string } };

/** A file's text, or undefined when it does not exist. */
export interface RewardFiles {
  json: string | undefined;
  txt: string | undefined;
  /** Where they are, for messages (the trial's verifier/ folder). */
  dir: string;
}

// Python's float(): optional sign, decimal or exponent forms, inf/infinity/nan, surrounding whitespace.
const PY_FLOAT = /^\s*[+-]?((\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][+-]?\d+)?|inf|infinity|nan)\s*$/i;

/**
 * @example parseReward({ json: undefined, txt: '1\n', dir: 'v' }) // { rewards: { reward: 1 } }
 * @example parseReward({ json: '{"reward": "x"}', txt: undefined, dir: 'v' }).error.type // 'VerifierOutputParseError'
 */
export function parseReward(files: RewardFiles): RewardOutcome {
  if (files.json !== undefined) {
    const file = `${files.dir}/reward.json`;
    if (files.json.length === 0) return fail('RewardFileEmptyError', `Reward file is empty at ${file}`);
    let data: unknown;
    try {
      data = JSON.parse(files.json);
    } catch (err) {
      return fail('VerifierOutputParseError', `Failed to parse rewards from JSON file ${file}: ${(err as Error).message}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return fail('VerifierOutputParseError', `Failed to parse rewards from JSON file ${file}: expected an object of numbers such as {"reward": 1.0}`);
    }
    const bad = Object.entries(data).filter(([, value]) => typeof value !== 'number');
    if (bad.length) {
      return fail('VerifierOutputParseError', `Failed to parse rewards from JSON file ${file}: values must be numbers, not ${bad.map(([k, val]) => `${k}=${JSON.stringify(val)}`).join(', ')} (put details in another file, e.g. verifier/evaluation.json)`);
    }
    return { rewards: data as Rewards };
  }
  if (files.txt !== undefined) {
    const file = `${files.dir}/reward.txt`;
    if (files.txt.length === 0) return fail('RewardFileEmptyError', `Reward file is empty at ${file}`);
    if (!PY_FLOAT.test(files.txt)) return fail('VerifierOutputParseError', `Failed to parse rewards from text file ${file}: ${JSON.stringify(files.txt.slice(0, 80))} is not a number`);
    return { rewards: { reward: pyFloat(files.txt) } };
  }
  return fail('RewardFileNotFoundError', `No reward file found at ${files.dir}/reward.json or ${files.dir}/reward.txt`);
}

function pyFloat(text: string): number {
  const t = text.trim().toLowerCase().replace(/_/g, '');
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  return Number(t);
}

function fail(type: RewardErrorType, message: string): RewardOutcome {
  return { error: { type, message } };
}
