// The error of the tasks feature: a task directory, a job option or a trial's setup is wrong.
import { HarborError, type HarborErrorOptions } from '../shared/core/errors';

export class TaskError extends HarborError {
  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, { code: 'TASK', exitCode: 1, ...options });
  }
}
