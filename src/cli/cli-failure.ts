// Kept free of the vault, crypto and SQLite modules: main.ts imports it at start-up, and a
// command such as "redact --jsonl" must not pay for loading what it never uses.

/** A CLI failure with the exit code it maps to; the message is printed as it is. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
  override readonly name = 'CliFailure';
}
