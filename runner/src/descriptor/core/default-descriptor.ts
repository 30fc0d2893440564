// The descriptor Harbor uses when a home has no etc/harbor.yaml: v1's behaviour on the default rules.
import * as v from 'valibot';
import { DescriptorSchema, type Descriptor } from './descriptor-schema';

/** `{ version: 1 }` with every default filled in: compose files from etc/stacks, no profiles, default stages. */
export const DEFAULT_DESCRIPTOR: Descriptor = deepFreeze(v.parse(DescriptorSchema, { version: 1 }));

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
