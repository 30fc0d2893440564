// The list of every CLI command, in help order within each group. Add a command here to expose it.
import type { CommandSpec } from '../command-spec';
import { descriptorCheckCommand } from './descriptor-check';
import { descriptorSchemaCommand } from './descriptor-schema';
import { doctorCommand } from './doctor';
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

export const ALL_COMMANDS: readonly CommandSpec[] = [
  // Keep one command per line so parallel additions merge cleanly.
  runCommand,
  descriptorCheckCommand,
  descriptorSchemaCommand,
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
];
