// Fake actions for descriptor tests: the shapes real actions have, with no effects.
import * as v from 'valibot';
import { defineAction, type ActionDefinition } from '../../../src/workflow/action';

export const FAKE_ACTIONS: readonly ActionDefinition[] = [
  defineAction({
    name: 'compose.up',
    summary: 'fake up',
    params: v.strictObject({ services: v.optional(v.array(v.string())), wait: v.optional(v.boolean(), true) }),
    plan: () => ({ description: 'up' }),
    run: async () => ({}),
  }),
  defineAction({
    name: 'compose.down',
    summary: 'fake down',
    params: v.strictObject({ volumes: v.optional(v.boolean(), false) }),
    plan: () => ({ description: 'down' }),
    run: async () => ({}),
  }),
  defineAction({
    name: 'log.info',
    summary: 'fake log',
    params: v.strictObject({ message: v.string() }),
    plan: (p) => ({ description: p.message }),
    run: async () => ({}),
  }),
];
