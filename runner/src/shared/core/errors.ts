// Harbor's error classes: every failure a user can cause is a HarborError with a code, a hint and an exit code.

/** Exit codes are part of the interface: scripts branch on them. */
export const EXIT = {
  failure: 1,
  usage: 2,
  descriptor: 3,
  env: 4,
  secret: 5,
  hook: 6,
  docker: 7,
  locked: 8,
  /** sops exits 51 on a MAC mismatch; Harbor keeps that number. */
  macMismatch: 51,
  interrupted: 130,
} as const;

export interface HarborErrorOptions {
  code?: string;
  hint?: string;
  exitCode?: number;
  cause?: unknown;
}

export class HarborError extends Error {
  readonly code: string;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? 'HARBOR_ERROR';
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? EXIT.failure;
  }
}

/** Bad command-line usage: unknown command, bad flag value. */
export class UsageError extends HarborError {
  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, { code: 'USAGE', exitCode: EXIT.usage, ...options });
  }
}

/** The descriptor, a compose directory or a handle is wrong. */
export class DescriptorError extends HarborError {
  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, { code: 'DESCRIPTOR', exitCode: EXIT.descriptor, ...options });
  }
}

/** An env file, a layer source or a template is wrong. */
export class EnvError extends HarborError {
  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, { code: 'ENV', exitCode: EXIT.env, ...options });
  }
}

/** A secret could not be read or decrypted. Messages never carry secret values. */
export class SecretError extends HarborError {
  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, { code: 'SECRET', exitCode: EXIT.secret, ...options });
  }
}

/** A hook failed. */
export class HookError extends HarborError {
  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, { code: 'HOOK', exitCode: EXIT.hook, ...options });
  }
}

/** An external command (docker, compose) failed; its exit code passes through. */
export class CommandError extends HarborError {
  constructor(message: string, options: HarborErrorOptions = {}) {
    super(message, { code: 'COMMAND', ...options });
  }
}
