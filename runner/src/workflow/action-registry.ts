// Every action a descriptor step can name. Add yours with ONE line here (and its import); names must be unique.
import type { ActionDefinition } from './action';
import { composeUpAction } from './actions/compose-up';
import { composeDownAction } from './actions/compose-down';
import { composePullAction } from './actions/compose-pull';
import { composeBuildAction } from './actions/compose-build';
import { composePsAction } from './actions/compose-ps';
import { composeLogsAction } from './actions/compose-logs';
import { composeConfigAction } from './actions/compose-config';
import { composeExecAction } from './actions/compose-exec';
import { composeRunAction } from './actions/compose-run';
import { logInfoAction } from './actions/log-info';
import { openAction } from './actions/open';
import { netTunnelQuickAction } from './actions/net-tunnel-quick';
import { netTunnelStopAction } from './actions/net-tunnel-stop';
import { netTunnelNamedDownAction, netTunnelNamedUpAction } from './actions/net-tunnel-named';
import { verifyRunAction } from './actions/verify-run';
import { httpCheckAction } from './actions/http-check';
import { logsTailAction } from './actions/logs-tail';
import { svcCmdAction } from './actions/svc-cmd';

export const ACTIONS: readonly ActionDefinition[] = [
  // Keep one action per line so parallel additions merge cleanly.
  logInfoAction,
  composeUpAction,
  composeDownAction,
  composePullAction,
  composeBuildAction,
  composePsAction,
  composeLogsAction,
  composeConfigAction,
  composeExecAction,
  composeRunAction,
  openAction,
  netTunnelQuickAction,
  netTunnelStopAction,
  netTunnelNamedUpAction,
  netTunnelNamedDownAction,
  verifyRunAction,
  httpCheckAction,
  logsTailAction,
  svcCmdAction,
];
