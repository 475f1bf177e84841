/**
 * Waits until `check` holds, looking again every `intervalMs`; fails with `what` after `timeoutMs`.
 * For state a test cannot be told about (a file another process writes, a queue's job state);
 * where an event says it, wait for the event instead.
 */
export async function until(check: () => boolean, { timeoutMs = 60_000, intervalMs = 20, what = 'the condition' } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
