// Compares the compose env a prepare would use with the hashes the last prepare recorded: added, changed, removed names.
import { compareCodePoints } from '../../shared/core/compare-code-points';
import { maskSecret } from '../../env/core/mask-secret';
import { Secret } from '../../shared/core/secret';
import { hashEnvValue } from './prepare-state';

export interface EnvChange {
  name: string;
  secret: boolean;
  /** The new value to show: a plain value as is, a secret as `[secret 1a2b3c4d]` (maskSecret). */
  shown: string;
}

export interface EnvChanges {
  /** False when no earlier prepare recorded its env: every name counts as added. */
  previous: boolean;
  added: EnvChange[];
  changed: EnvChange[];
  /** Names the last prepare had and this one has not (their values are unknown: only hashes were kept). */
  removed: string[];
  unchanged: number;
}

export interface EnvChangesInput {
  /** The last prepare's name → hash (PrepareState.env), undefined when there is none. */
  previous: Readonly<Record<string, string>> | undefined;
  /** The home's hash key; undefined when none exists yet (then there is no previous state either). */
  key: Uint8Array | undefined;
  composeEnv: Readonly<Record<string, string>>;
  /** selectSecretValues: a value equal to a secret's plaintext is shown masked, whatever its name. */
  secretValues: readonly string[];
  /** Random per run, never shown: mask tags tell secrets apart within one output only. */
  runKey: Uint8Array;
}

/**
 * Old values are never known (only hashes were stored), so a change shows the new value alone.
 * @example planEnvChanges({ previous: { A: h1 }, key, composeEnv: { A: '2', B: 'x' }, secretValues: ['x'], runKey })
 *   // { previous: true, added: [{ name: 'B', secret: true, shown: '[secret …]' }], changed: [{ name: 'A', secret: false, shown: '2' }], removed: [], unchanged: 0 }
 */
export function planEnvChanges(input: EnvChangesInput): EnvChanges {
  const secrets = new Set(input.secretValues);
  const previous = input.key === undefined ? undefined : input.previous;
  const changes: EnvChanges = { previous: previous !== undefined, added: [], changed: [], removed: [], unchanged: 0 };
  for (const name of Object.keys(input.composeEnv).sort(compareCodePoints)) {
    const value = input.composeEnv[name]!;
    const secret = secrets.has(value);
    const change = { name, secret, shown: secret ? maskSecret(new Secret(value), input.runKey) : value };
    const before = previous?.[name];
    if (before === undefined) changes.added.push(change);
    else if (before !== hashEnvValue(input.key!, name, value)) changes.changed.push(change);
    else changes.unchanged++;
  }
  for (const name of Object.keys(previous ?? {}).sort(compareCodePoints)) {
    if (!Object.hasOwn(input.composeEnv, name)) changes.removed.push(name);
  }
  return changes;
}
