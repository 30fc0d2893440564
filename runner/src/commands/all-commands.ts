// The list of every CLI command, in help order within each group. Add a command here to expose it.
import type { CommandSpec } from '../command-spec';
import { deployCommand } from './deploy';
import { planCommand } from './plan';
import { destroyCommand } from './destroy';
import { upCommand } from './up';
import { downCommand } from './down';
import { restartCommand } from './restart';
import { psCommand } from './ps';
import { logsCommand } from './logs';
import { execCommand } from './exec';
import { shellCommand } from './shell';
import { pullCommand } from './pull';
import { buildCommand } from './build';
import { cmdCommand } from './cmd';
import { lsCommand } from './ls';
import { urlCommand } from './url';
import { configCommand } from './config';
import { descriptorCheckCommand } from './descriptor-check';
import { descriptorSchemaCommand } from './descriptor-schema';
import { doctorCommand } from './doctor';
import { envCommand } from './env';
import { envExplainCommand } from './env-explain';
import { runCommand } from './run';
import { runnerSaveCommand } from './runner-save';
import { secretsDecryptCommand } from './secrets-decrypt';
import { secretsEncryptCommand } from './secrets-encrypt';
import { secretsEditCommand } from './secrets-edit';
import { secretsSetCommand } from './secrets-set';
import { secretsUnsetCommand } from './secrets-unset';
import { secretsUpdatekeysCommand } from './secrets-updatekeys';
import { secretsRotateCommand } from './secrets-rotate';
import { secretsKeygenCommand } from './secrets-keygen';
import { secretsAuditCommand } from './secrets-audit';
import { secretsLintCommand } from './secrets-lint';
import { taskCheckCommand } from '../tasks/commands/task-check';
import { taskSchemaCommand } from '../tasks/commands/task-schema';
import { taskRunCommand } from '../tasks/commands/task-run';
import { verifyCommand } from '../tasks/commands/verify';

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
  configCommand,
  runCommand,
  descriptorCheckCommand,
  descriptorSchemaCommand,
  envCommand,
  envExplainCommand,
  doctorCommand,
  runnerSaveCommand,
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
