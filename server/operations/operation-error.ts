/**
 * A refusal or failure an operator must read: the message says what is wrong and what to do.
 * The command prints it (no stack trace) and exits with `exitCode`.
 */
export class OperationError extends Error {
  override name = "OperationError";

  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
