// Fake actions for engine tests: they record what ran, in order, and succeed or fail on demand (no Docker).
import * as v from 'valibot';
import { CommandError } from '../../src/shared/core/errors';
import { defineAction, type ActionDefinition, type SourceSelection } from '../../src/workflow/action';

export interface FakeActions {
  actions: readonly ActionDefinition[];
  /** `<stage>:<action>:<id>` for every run, in order. */
  ran: string[];
}

export function createFakeActions(): FakeActions {
  const ran: string[] = [];
  const actions = [
    defineAction({
      name: 'fake.ok',
      summary: 'succeeds',
      params: v.strictObject({ id: v.string(), urls: v.optional(v.array(v.string())) }),
      plan: (p, ctx) => ({ description: `ok ${p.id}`, argv: ['fake', ctx.projectName, p.id] }),
      run: async (p, ctx) => {
        ran.push(`${ctx.stage}:fake.ok:${p.id}`);
        return { summary: `did ${p.id}`, urls: p.urls, data: { id: p.id } };
      },
    }),
    defineAction({
      name: 'fake.fail',
      summary: 'fails like compose does',
      params: v.strictObject({ id: v.string(), exitCode: v.optional(v.number(), 17) }),
      plan: (p) => ({ description: `fail ${p.id}` }),
      run: async (p, ctx) => {
        ran.push(`${ctx.stage}:fake.fail:${p.id}`);
        throw new CommandError(`docker compose up failed (exit ${p.exitCode})`, { exitCode: p.exitCode });
      },
    }),
  ];
  return { actions, ran };
}

export const SELECTION: SourceSelection = { files: ['etc/stacks/compose.yml'], services: ['hello'], options: ['hello'], capabilities: [] };
