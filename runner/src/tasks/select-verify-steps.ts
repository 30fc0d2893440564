// The steps of the verify stage: the descriptor's `stages.verify`, else one `verify.run` with its defaults.
import type { Descriptor, Step } from '../descriptor/core/descriptor-schema';
import { selectStage } from '../descriptor/core/select-stage';

export const DEFAULT_VERIFY_STEPS: readonly Step[] = [{ action: 'verify.run' } as Step];

export function selectVerifySteps(descriptor: Descriptor): readonly Step[] {
  return selectStage(descriptor, 'verify') ?? DEFAULT_VERIFY_STEPS;
}
