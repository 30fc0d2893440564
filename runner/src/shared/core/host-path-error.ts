// The error for a path the host would not see: Harbor refuses before it reads or writes anything there.
import { EXIT, HarborError, type HarborErrorOptions } from './errors';

export class HostPathError extends HarborError {
  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, { code: 'HOST_PATH', exitCode: EXIT.usage, ...options });
  }
}
