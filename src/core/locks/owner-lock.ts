/**
 * Lock files that name their owner: the team server's embedded database directory
 * (`server/src/data-lock.ts`) and a model file being written (`platform/models/model-store-io.ts`).
 * The owner creates the file exclusively and writes its process id into it; whoever finds the file
 * in place decides here whether it may take it over. The file operations stay with each adapter:
 * core does no I/O, and the server may import only core and shared.
 */

/** How long a lock file with no owner written into it counts as being written, not abandoned. */
export const UNWRITTEN_LOCK_GRACE_MS = 60_000;

/** The owner's process id a lock file holds, or undefined when it holds none (not yet written, or damaged). */
export function lockOwnerPid(content: string): number | undefined {
  const text = content.trim();
  const pid = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Whether a lock file found in place may be taken over: its owner process is gone, or it names
 * none and is older than the grace (its creator died between creating and writing it). A file
 * that names no owner yet is otherwise still being written: taking it over then would let two
 * processes hold the lock.
 */
export function lockIsStale(content: string, ageMs: number, isRunning: (pid: number) => boolean): boolean {
  const pid = lockOwnerPid(content);
  return pid === undefined ? ageMs > UNWRITTEN_LOCK_GRACE_MS : !isRunning(pid);
}
