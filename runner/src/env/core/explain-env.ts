// Explains one variable: every layer that sets it, lowest first, what each overrode, and the winner.
import type { Secret } from '../../shared/core/secret';
import type { EnvDefinition, MergedEnvEntry } from './merge-env-layers';

export interface ExplainedDefinition {
  layer: string;
  file: string;
  line?: number;
  secret: boolean;
  /** The value, or the secret's tag (`[secret 1a2b3c4d]`) unless secrets are shown. */
  shown: string;
}

export interface EnvExplanation {
  name: string;
  /** Lowest first; the last one wins. */
  definitions: ExplainedDefinition[];
}

/**
 * Plain data for `harbor env explain NAME` (and its --json): each definition with its value shown through
 * `show`, which masks secrets unless the user asked to see them.
 * @example explainEnv('PORT', stack.merged.get('PORT')!, (s) => maskSecret(s, key)).definitions.length // 2
 */
export function explainEnv(name: string, entry: MergedEnvEntry, show: (secret: Secret) => string): EnvExplanation {
  const describe = (def: EnvDefinition): ExplainedDefinition => ({
    layer: def.layer,
    file: def.file,
    ...(def.line !== undefined && { line: def.line }),
    secret: def.secret,
    shown: typeof def.value === 'string' ? JSON.stringify(def.value) : show(def.value),
  });
  return { name, definitions: [...entry.overridden, entry].map(describe) };
}

/** The text form: one numbered line per definition, what it overrides, and the winner. */
export function renderEnvExplanation(explanation: EnvExplanation): string {
  const { name, definitions } = explanation;
  const places = definitions.map((d) => (d.line === undefined ? d.file : `${d.file}:${d.line}`));
  const layerWidth = Math.max(...definitions.map((d) => d.layer.length));
  const placeWidth = Math.max(...places.map((p) => p.length));
  const count = definitions.length === 1 ? '1 layer' : `${definitions.length} layers, lowest first`;
  const lines = definitions.map((d, i) => {
    const overrides = i > 0 ? `  (overrides ${i})` : '';
    return `  ${i + 1}. ${d.layer.padEnd(layerWidth)}  ${places[i]!.padEnd(placeWidth)}  ${d.shown}${overrides}`;
  });
  const last = definitions.length - 1;
  return `${name} is set by ${count}:\n${lines.join('\n')}\nwinner: ${last + 1}. ${places[last]} (${definitions[last]!.layer})\n`;
}
