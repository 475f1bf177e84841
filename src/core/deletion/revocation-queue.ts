/**
 * Shared clips whose revocation a deletion request could not get through (the team server was
 * unreachable). They wait in the vault and the outbox retries them at each sync until the server
 * confirms; the certificate said `revocation-queued`, and a signed follow-up note
 * (`revocation-note.ts`) records the day it finally went.
 */
export type RevocationOutcome = 'revoked-on-server' | 'withdrawn-from-outbox';

export interface QueuedRevocation {
  readonly shareId: string;
  readonly recordingId: string;
  /** The deletion request (and certificate) that asked for it. */
  readonly requestId: string;
  readonly queuedAt: string;
  readonly attempts: number;
  /** What the last attempt met (no content: a server or network message). */
  readonly lastError: string | null;
  readonly doneAt: string | null;
  readonly outcome: RevocationOutcome | null;
  /** The signed follow-up note (JSON), once done. */
  readonly note: string | null;
}

export interface RevocationQueueRepo {
  enqueue(entry: { shareId: string; recordingId: string; requestId: string; queuedAt: string; lastError: string | null }): void;
  /** Not yet confirmed, oldest first. */
  waiting(): QueuedRevocation[];
  all(): QueuedRevocation[];
  get(shareId: string): QueuedRevocation | undefined;
  attempted(shareId: string, error: string): void;
  done(shareId: string, outcome: RevocationOutcome, at: string, note: string): void;
}
