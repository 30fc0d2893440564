// A failure inside a trial, named as the framework names it (exception_type in result.json); recorded, never thrown out of a job.

export class TrialError extends Error {
  constructor(
    /** The framework's exception class name: AgentTimeoutError, RewardFileNotFoundError... */
    readonly type: string,
    message: string,
    /** The phase it happened in, for exception.txt. */
    readonly phase: string,
  ) {
    super(message);
    this.name = type;
  }
}
