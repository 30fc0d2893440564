// Shows a secret as a short tag that tells two secrets apart within one run, and nothing more.
import { createHmac } from 'node:crypto';
import type { Secret } from '../../shared/core/secret';

/**
 * `[secret 1a2b3c4d]`: the first 8 hex of HMAC-SHA256(runKey, value). The key is random per run and never
 * shown, so the tag cannot be checked against guesses offline (a bare SHA-256 of a short password could), and
 * tags from two runs cannot be linked. Equal tags within one output mean equal values.
 * @example maskSecret(new Secret('hunter2'), randomBytes(32)) // '[secret 5e0c9a17]'
 */
export function maskSecret(value: Secret, runKey: Uint8Array): string {
  const tag = createHmac('sha256', runKey).update(value.reveal()).digest('hex').slice(0, 8);
  return `[secret ${tag}]`;
}
