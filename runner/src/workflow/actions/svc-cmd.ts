// The `svc.cmd` action: runs a service's own command (stacks/<service>/harbor.yaml `commands:` or cmd/ scripts).
import * as v from 'valibot';
import { CommandError } from '../../shared/core/errors';
import { loadServiceCommands, selectServiceCommand } from '../../svc/load-service-commands';
import { runServiceCommand } from '../../svc/run-service-command';
import { defineAction } from '../action';

const Params = v.strictObject({
  /** The folder under stacks/ that declares the command. @example 'ollama' */
  service: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a service name (a folder under stacks/)')),
  /** The command's name. @example 'pull' */
  command: v.pipe(v.string(), v.minLength(1, 'must name a command')),
  /** Its arguments. @example ['llama3.2'] */
  args: v.optional(v.array(v.string()), []),
});

export const svcCmdAction = defineAction({
  name: 'svc.cmd',
  summary: "Run a service's own command (harbor svc SERVICE COMMAND): commands: in stacks/<service>/harbor.yaml or a script in cmd/",
  params: Params,
  plan: (p) => ({ description: `run ${p.service} ${p.command}${p.args.length ? ` ${p.args.join(' ')}` : ''} (stacks/${p.service})` }),
  run: async (p, ctx) => {
    const command = selectServiceCommand(p.service, await loadServiceCommands(ctx.home, p.service), p.command);
    const { code } = await runServiceCommand(ctx.deps, {
      command,
      args: p.args,
      project: { name: ctx.projectName, directory: ctx.home },
      files: ctx.selection.files,
      env: ctx.composeEnv,
      secretValues: ctx.secretValues ?? [],
      // A stage never takes the terminal: exec/run get -T.
      interactive: false,
    });
    if (code !== 0) throw new CommandError(`${p.service} ${p.command} failed (exit ${code})`, { exitCode: code, hint: `its output is above; run it alone with \`harbor svc ${p.service} ${p.command}\`` });
    return { summary: `${p.service} ${p.command} done` };
  },
});
