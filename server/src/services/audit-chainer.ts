import type { Db } from '../db/db';
import { AUDIT_CHAIN_BATCH, type AuditLog } from './audit-log';

/**
 * Chains the audit entries that wait in audit_pending (AuditLog.appendLater, migration 008):
 * every `everyMs`, as soon as this process has added AUDIT_CHAIN_BATCH of them, at start (what
 * a crash left waiting) and once more at stop. One pass chains batch after batch until the table
 * is empty; each batch is one transaction. Every API process runs one; they take turns under the
 * chain's advisory lock, and a failed pass (the database away) is reported and tried again at the
 * next tick: nothing is lost, entries wait until then.
 */
export class AuditChainer {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly everyMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.audit.onWaiting((appended) => {
      if (appended >= AUDIT_CHAIN_BATCH) {
        void this.chain();
      }
    });
    this.timer = setInterval(() => void this.chain(), this.everyMs);
    void this.chain();
  }

  /** Chains everything waiting; a pass already running is joined, not doubled. */
  chain(): Promise<void> {
    this.pass ??= (async () => {
      try {
        while ((await this.audit.chainWaiting(this.db)) === AUDIT_CHAIN_BATCH) {
          // A full batch: there may be more. Let requests in between: PGlite answers in microtasks,
          // so a long backlog (after a crash) would otherwise hold the event loop until it is done.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        this.onError(error);
      } finally {
        this.pass = undefined;
      }
    })();
    return this.pass;
  }

  /** Stops the timer and chains what is still waiting (before the database closes). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.audit.onWaiting(undefined);
    await this.pass;
    await this.chain();
  }
}
