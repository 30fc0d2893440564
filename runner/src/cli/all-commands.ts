// The list of every CLI command, in help order within each group. Add a command here to expose it.
import type { CommandSpec } from '../shared/command-spec';
import { deployCommand } from '../workflow/commands/deploy';
import { planCommand } from '../workflow/commands/plan';
import { destroyCommand } from '../workflow/commands/destroy';
import { upCommand } from '../compose/commands/up';
import { downCommand } from '../compose/commands/down';
import { restartCommand } from '../compose/commands/restart';
import { psCommand } from '../compose/commands/ps';
import { logsCommand } from '../compose/commands/logs';
import { execCommand } from '../compose/commands/exec';
import { shellCommand } from '../compose/commands/shell';
import { pullCommand } from '../compose/commands/pull';
import { buildCommand } from '../compose/commands/build';
import { cmdCommand } from '../compose/commands/cmd';
import { lsCommand } from '../source/commands/ls';
import { urlCommand } from '../compose/commands/url';
import { openCommand } from '../open/commands/open';
import { qrCommand } from '../open/commands/qr';
import { historyCommand, historyRunCommand } from '../history/commands/history';
import { configCommand } from '../compose/commands/config';
import { descriptorCheckCommand } from '../descriptor/commands/descriptor-check';
import { descriptorSchemaCommand } from '../descriptor/commands/descriptor-schema';
import { doctorCommand } from '../doctor/commands/doctor';
import { envCommand } from '../env/commands/env';
import { envExplainCommand } from '../env/commands/env-explain';
import { envSetCommand } from '../env/commands/env-set';
import { envUnsetCommand } from '../env/commands/env-unset';
import { runCommand } from '../workflow/commands/run';
import { svcCommand } from '../svc/commands/svc';
import { sizeCommand } from '../size/commands/size';
import { runnerSaveCommand } from '../runner-image/commands/runner-save';
import { secretsDecryptCommand } from '../secrets/commands/secrets-decrypt';
import { secretsEncryptCommand } from '../secrets/commands/secrets-encrypt';
import { secretsEditCommand } from '../secrets/commands/secrets-edit';
import { secretsSetCommand } from '../secrets/commands/secrets-set';
import { secretsUnsetCommand } from '../secrets/commands/secrets-unset';
import { secretsUpdatekeysCommand } from '../secrets/commands/secrets-updatekeys';
import { secretsRotateCommand } from '../secrets/commands/secrets-rotate';
import { secretsKeygenCommand } from '../secrets/commands/secrets-keygen';
import { secretsAuditCommand } from '../secrets/commands/secrets-audit';
import { secretsLintCommand } from '../secrets/commands/secrets-lint';
import { tunnelCommand } from '../tunnels/commands/tunnel';
import { tunnelLsCommand } from '../tunnels/commands/tunnel-ls';
import { tunnelStopCommand } from '../tunnels/commands/tunnel-stop';
import { tunnelNamedCommand } from '../tunnels/commands/tunnel-named';
import { taskCheckCommand } from '../tasks/commands/task-check';
import { taskSchemaCommand } from '../tasks/commands/task-schema';
import { taskRunCommand } from '../tasks/commands/task-run';
import { verifyCommand } from '../tasks/commands/verify';
import { createCompletionCommand } from '../completion/commands/completion';
import { GLOBAL_OPTIONS } from './cli';

// Prints scripts from this very list (read when it runs, after the list exists).
const completionCommand = createCompletionCommand(() => ({ commands: ALL_COMMANDS, globalOptions: GLOBAL_OPTIONS }));

export const ALL_COMMANDS: readonly CommandSpec[] = [
  // Keep one command per line so parallel additions merge cleanly.
  deployCommand,
  planCommand,
  destroyCommand,
  upCommand,
  downCommand,
  restartCommand,
  psCommand,
  logsCommand,
  execCommand,
  shellCommand,
  pullCommand,
  buildCommand,
  cmdCommand,
  lsCommand,
  urlCommand,
  openCommand,
  qrCommand,
  historyCommand,
  historyRunCommand,
  tunnelCommand,
  tunnelLsCommand,
  tunnelStopCommand,
  tunnelNamedCommand,
  configCommand,
  sizeCommand,
  runCommand,
  svcCommand,
  descriptorCheckCommand,
  descriptorSchemaCommand,
  envCommand,
  envExplainCommand,
  envSetCommand,
  envUnsetCommand,
  doctorCommand,
  runnerSaveCommand,
  completionCommand,
  secretsDecryptCommand,
  secretsEncryptCommand,
  secretsEditCommand,
  secretsSetCommand,
  secretsUnsetCommand,
  secretsUpdatekeysCommand,
  secretsRotateCommand,
  secretsKeygenCommand,
  secretsAuditCommand,
  secretsLintCommand,
  taskCheckCommand,
  taskSchemaCommand,
  taskRunCommand,
  verifyCommand,
];
