// The `log.info` action: prints a message to the log (e.g. a reminder after deploy).
import * as v from 'valibot';
import { defineAction } from '../action';

export const logInfoAction = defineAction({
  name: 'log.info',
  summary: 'Print a message to the log',
  params: v.strictObject({
    /** @example 'Stack is up: remember to run migrations' */
    message: v.pipe(v.string(), v.minLength(1, 'must not be empty')),
  }),
  plan: (params) => ({ description: `log "${params.message}"` }),
  run: async (params, ctx) => {
    ctx.log.info(params.message);
    return { summary: params.message };
  },
});
