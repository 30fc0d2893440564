// The list of every CLI command, in help order within each group. Add a command here to expose it.
import type { CommandSpec } from '../command-spec';
import { doctorCommand } from './doctor';
import { runnerSaveCommand } from './runner-save';

export const ALL_COMMANDS: readonly CommandSpec[] = [
  // Keep one command per line so parallel additions merge cleanly.
  doctorCommand,
  runnerSaveCommand,
];
