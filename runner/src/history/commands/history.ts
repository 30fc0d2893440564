// `harbor history [-n N] [--json] [--clear]` and `harbor history run N`: the commands run through Harbor on this home.
import * as v from 'valibot';
import { defineCommand } from '../../shared/command-spec';
import { UsageError } from '../../shared/core/errors';
import { HISTORY_PATH, REDACTED, parseEntryNumber, quoteWord, renderHistory } from '../core/history-entry';
import { clearHistory, readHistory } from '../record-history';

const Count = v.pipe(v.string(), v.regex(/^[1-9]\d{0,6}$/, 'must be a whole number from 1'), v.transform(Number));

export const historyCommand = defineCommand({
  usage: 'history',
  group: 'Inspect',
  summary: `List the commands run through Harbor on this home (${HISTORY_PATH}): number, time, exit code, duration`,
  options: [
    { flags: '-n, --count <count>', description: 'Only the last COUNT entries (default: all that are kept, HARBOR_HISTORY_SIZE, 1000)' },
    { flags: '--json', description: 'Print the entries as a JSON list of {n, time, argv, exit, durationMs, cwd}' },
    { flags: '--clear', description: 'Forget every entry' },
  ],
  examples: ['./harbor.sh history', './harbor.sh history -n 5', './harbor.sh history run 12   # run entry 12 again', './harbor.sh history --json | jq ".[-1].exit"', 'HARBOR_HISTORY_SIZE=0 ./harbor.sh up   # not recorded'],
  schema: v.object({ count: v.optional(Count), json: v.optional(v.boolean(), false), clear: v.optional(v.boolean(), false) }),
  async run({ options, deps }) {
    if (options.clear) {
      if (options.count !== undefined || options.json) throw new UsageError('history: --clear takes no other option', { hint: 'run `harbor history --clear` alone' });
      await clearHistory(deps.home);
      deps.log.info(`history cleared (${HISTORY_PATH})`);
      return;
    }
    const entries = (await readHistory(deps.home)).slice(-(options.count ?? Number.MAX_SAFE_INTEGER));
    if (options.json) deps.out(`${JSON.stringify(entries, null, 2)}\n`);
    else if (entries.length === 0) deps.log.info(`no history yet (${HISTORY_PATH})`);
    else deps.out(renderHistory(entries));
  },
});

export const historyRunCommand = defineCommand({
  usage: 'history run <n>',
  group: 'Inspect',
  summary: 'Run entry N of `harbor history` again, from the current directory (it is recorded as the command it runs)',
  examples: ['./harbor.sh history run 12'],
  schema: v.object({}),
  async run({ args, deps }) {
    const parsed = parseEntryNumber(args[0]);
    if ('error' in parsed) throw new UsageError(parsed.error, { hint: 'list the entries with `harbor history`' });
    const entry = (await readHistory(deps.home)).find((e) => e.n === parsed.n);
    if (!entry) throw new UsageError(`history: no entry ${parsed.n}`, { hint: `list the entries with \`harbor history\` (${HISTORY_PATH} keeps the last HARBOR_HISTORY_SIZE, 1000 by default)` });
    if (entry.argv.some((a) => a.includes(REDACTED))) {
      throw new UsageError(`history: entry ${parsed.n} held a value Harbor did not record (${REDACTED}); it cannot be run again`, { hint: 'type the command again with its value' });
    }
    if (!deps.rerun) throw new UsageError('history run: cannot run a command from here', { hint: 'run it through ./harbor.sh' });
    deps.log.info(`running again: harbor ${entry.argv.map(quoteWord).join(' ')}`);
    return deps.rerun(entry.argv);
  },
});
