/**
 * A call as the vault stores it, from preparation to its end, and its append-only consent
 * records. The call aggregate also holds the rep's notes and the bookmarks set during capture.
 */
export type CallState = 'awaiting-consent' | 'recording' | 'declined' | 'ended';
export type ConsentOutcome = 'granted' | 'declined' | 'withdrawn';
export type ConsentMethod = 'verbal' | 'written' | 'notified-in-advance' | 'attestation';
export type ConsentScope = 'all' | 'customer-side';

export interface CallParticipantRow {
  readonly name: string;
  readonly email: string;
  readonly region?: string | undefined;
  /** Joined after recording started. */
  readonly lateJoiner?: boolean | undefined;
}

export interface CallRow {
  readonly id: string;
  readonly callType: string;
  readonly account: string;
  readonly meetingTitle: string;
  readonly participants: readonly CallParticipantRow[];
  readonly policyHash: string;
  readonly scriptId: string;
  readonly scriptVersion: number;
  readonly consentScope: ConsentScope;
  readonly state: CallState;
  readonly recordingId: string | null;
  readonly createdAt: string;
  readonly endedAt: string | null;
  /** When its personal fields were replaced by digests (every content artifact gone); null while readable. */
  readonly erasedAt: string | null;
}

/** The fields an erasure replaces, and what it replaces them with. */
export type ErasedField = 'account' | 'meeting-title' | 'participant-name' | 'participant-email' | 'consent-note';
/**
 * Keyed digest of one personal value: `erased:` and a MAC under a vault-held key, so the vault's
 * holder can check a record against an identifier put to them and nobody can read it back.
 */
export type ErasureDigest = (field: ErasedField, value: string) => string;
export const ERASED_PREFIX = 'erased:';

/** One answer of one participant, as recorded; never updated or deleted. */
export interface ConsentRecord {
  readonly seq: number;
  readonly callId: string;
  readonly participantName: string;
  readonly participantEmail: string;
  readonly at: string;
  readonly scriptId: string;
  readonly scriptVersion: number;
  readonly policyHash: string;
  readonly outcome: ConsentOutcome;
  readonly method: ConsentMethod | null;
  readonly recordedBy: string;
  readonly note: string;
}

export interface Bookmark {
  readonly atMs: number;
  readonly note: string;
}

export interface CallReader {
  get(id: string): CallRow | undefined;
  /** The call's consent records in the order they were made. */
  consents(callId: string): ConsentRecord[];
  notes(callId: string): string | undefined;
  bookmarks(recordingId: string): Bookmark[];
  /** Calls that name the recording as theirs (whose notes go with its notes). */
  callsOfRecording(recordingId: string): string[];
}

export interface CallWriter {
  insert(call: Omit<CallRow, 'recordingId' | 'endedAt' | 'erasedAt'>): void;
  setState(id: string, state: CallState, endedAt?: string): void;
  attachRecording(id: string, recordingId: string): void;
  setParticipants(id: string, participants: readonly CallParticipantRow[], scope: ConsentScope): void;
  /** Appends a consent record; the store refuses to change or remove one. */
  appendConsent(record: Omit<ConsentRecord, 'seq'>): void;
  saveNotes(callId: string, body: string, at: string): void;
  addBookmark(recordingId: string, atMs: number, note: string, at: string): void;
  /** The call a recording belongs to, if any. */
  callOfRecording(recordingId: string): string | undefined;
  /** Calls not erased yet whose recording retention (or a deletion request) destroyed whole: a vault from before the erasure. */
  orphanedCalls(): string[];
  /**
   * DANGEROUS, irreversible: replaces the call's account, title and participants' names and
   * emails, and its consent records' names, emails and notes, by their digests; keeps what proves
   * consent. Only for a call whose recordings are all gone (the store refuses otherwise).
   * Returns the number of consent records erased.
   */
  erase(callId: string, digest: ErasureDigest, at: string): number;
  /** Calls not erased whose recordings are all gone or never existed (never recorded, declined, deleted by the rep). */
  unrecordedCalls(): { readonly callId: string; readonly callType: string; readonly createdAt: string; readonly recordingId: string | null }[];
}

export type CallRepo = CallReader & CallWriter;
