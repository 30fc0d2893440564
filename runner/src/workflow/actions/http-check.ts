// The `http.check` action: a URL answers the expected status within a timeout, checked from the stack network.
import * as v from 'valibot';
import { runHttpCheck } from '../../health/run-http-check';
import { defineAction } from '../action';

const Params = v.strictObject({
  /** The URL, as services see each other: service name and container port. @example 'http://hello/' */
  url: v.pipe(v.string(), v.regex(/^https?:\/\/[^\s/]+/, 'must be an http(s):// URL')),
  /** The status that counts as success (default 200). @example 204 */
  status: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(100, 'must be an HTTP status (100-599)'), v.maxValue(599, 'must be an HTTP status (100-599)')), 200),
  /** Seconds to keep retrying (every 500 ms) before failing (default 30). @example 60 */
  timeout: v.optional(v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')), 30),
  /** The compose network to check from (default harbor-network, else default). @example 'backend' */
  network: v.optional(v.pipe(v.string(), v.minLength(1, 'must not be empty'))),
});

export const httpCheckAction = defineAction({
  name: 'http.check',
  summary: 'Check that a URL answers the expected status within a timeout, from a throwaway container on the stack network',
  params: Params,
  plan: (p) => ({ description: `check ${p.url} answers ${p.status} within ${p.timeout}s (from the stack network)` }),
  run: async (p, ctx) => {
    const answer = await runHttpCheck(ctx.deps, { project: ctx.projectName, url: p.url, status: p.status, timeout: p.timeout, network: p.network });
    ctx.log.info(`${p.url} answered ${answer.status}`);
    return { summary: `${p.url} answered ${answer.status}`, data: { url: p.url, status: answer.status, tries: answer.tries, network: answer.network } };
  },
});
