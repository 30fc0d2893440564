// Judges the layout a home was found to have (a descriptor, Harbor v1's, v2's defaults) for `harbor doctor`.
import type { HomeLayout } from '../../source/core/detect-layout';
import type { DoctorCheck } from './doctor-report';

/**
 * `harbor doctor`'s line: the layout and why; an error when the descriptor cannot be loaded.
 * @example judgeLayout({ kind: 'v1', reason: '...' }).message // "Harbor v1's layout: ..."
 */
export function judgeLayout(layout: HomeLayout | { error: string; hint?: string | undefined }): DoctorCheck {
  if ('error' in layout) return { name: 'layout', status: 'error', message: layout.error, ...(layout.hint && { hint: layout.hint }) };
  const what = { descriptor: 'the descriptor', v1: "Harbor v1's layout (compose files in services/, .env as the sys layer)", v2: 'the default layout' }[layout.kind];
  return { name: 'layout', status: 'ok', message: `${what}: ${layout.reason}` };
}
