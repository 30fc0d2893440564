// Every action a descriptor step can name. Add yours with ONE line here (and its import); names must be unique.
import type { ActionDefinition } from './action';
import { logInfoAction } from './actions/log-info';

export const ACTIONS: readonly ActionDefinition[] = [
  // Keep one action per line so parallel additions merge cleanly.
  logInfoAction,
];
