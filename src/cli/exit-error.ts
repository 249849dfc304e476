/**
 * An expected way for a command to end with a given exit code and a message for stderr
 * (2: the suite could not do its job, e.g. a bad profile). Only src/cli/main.ts prints it and exits.
 */
export class ExitError extends Error {
  readonly code: number;
  constructor(code: number, message: string) {
    super(message);
    this.name = 'ExitError';
    this.code = code;
  }
}
