/** Ends an exhaustive switch: adding a union member without handling it fails to compile. */
export function assertNever(value: never, what = 'case'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}

/** Asserts an invariant with a message a person can act on. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}
