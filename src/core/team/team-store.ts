import type { RoleId } from '../../shared/team/roles';

/**
 * What a vault keeps about team sharing, and the repository interface the database implements
 * (src/platform/db/team-repo.ts). Secret key bytes live only in `TeamIdentity`; nothing here holds
 * a transcript word or audio in clear (outbox bodies and inbox clips are ciphertext).
 */
export interface TeamIdentity {
  readonly serverUrl: string;
  readonly memberId: string;
  readonly email: string;
  readonly role: RoleId;
  readonly team: string | null;
  readonly signingPublic: Uint8Array;
  readonly signingSecret: Uint8Array;
  readonly boxPublic: Uint8Array;
  readonly boxSecret: Uint8Array;
  readonly enrolledAt: string;
}

export interface KnownKeys {
  readonly memberId: string;
  readonly signingFpr: string;
  readonly boxFpr: string;
  readonly confirmedAt: string;
}

export type OutboxState = 'pending' | 'sent' | 'refused' | 'revoked';

export interface OutboxEntry {
  readonly shareId: string;
  readonly recordingId: string;
  readonly recordingRef: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly purpose: string;
  readonly recipients: readonly string[];
  readonly state: OutboxState;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly sentAt: string | null;
  readonly revokedAt: string | null;
}

export interface InboxClip {
  readonly shareId: string;
  readonly senderId: string;
  /** The sender's Ed25519 public key the manifest was verified with. */
  readonly senderKey: Uint8Array;
  readonly purpose: string;
  readonly manifest: string;
  readonly signature: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly receivedAt: string;
  readonly expiresAt: string;
}

export interface TeamRepo {
  identity(): TeamIdentity | undefined;
  saveIdentity(identity: TeamIdentity): void;
  /** DANGEROUS: forgets the enrolment and its keys (a new enrolment replaces it). */
  forgetIdentity(): void;
  knownKeys(memberId: string): KnownKeys | undefined;
  pinKeys(keys: KnownKeys): void;

  queue(entry: OutboxEntry, body: Uint8Array): void;
  outbox(): OutboxEntry[];
  outboxEntry(shareId: string): OutboxEntry | undefined;
  /** The framed upload of a pending share. */
  pendingBody(shareId: string): Uint8Array | undefined;
  /** A stable opaque reference for a recording already shared, if any. */
  recordingRef(recordingId: string): string | undefined;
  markAttempt(shareId: string, error: string | null): void;
  /** Sent or refused: the body goes, what the rep needs to see stays. */
  settle(shareId: string, state: 'sent' | 'refused', at: string, error: string | null): void;
  markRevoked(shareId: string, at: string): void;

  saveClip(clip: InboxClip): void;
  clip(shareId: string): InboxClip | undefined;
  clips(): Omit<InboxClip, 'ciphertext' | 'signature' | 'manifest' | 'senderKey'>[];
  deleteClip(shareId: string): boolean;
}
