import type { Db } from './connection';

export type CallState = 'awaiting-consent' | 'recording' | 'declined' | 'ended';
export type ConsentOutcome = 'granted' | 'declined' | 'withdrawn';
export type ConsentMethod = 'verbal' | 'written' | 'notified-in-advance' | 'attestation';

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
  readonly consentScope: 'all' | 'customer-side';
  readonly state: CallState;
  readonly recordingId: string | null;
  readonly createdAt: string;
  readonly endedAt: string | null;
}

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

interface CallDbRow {
  id: string;
  call_type: string;
  account: string;
  meeting_title: string;
  participants: string;
  policy_hash: string;
  script_id: string;
  script_version: number;
  consent_scope: 'all' | 'customer-side';
  state: CallState;
  recording_id: string | null;
  created_at: string;
  ended_at: string | null;
}

const toCall = (r: CallDbRow): CallRow => ({
  id: r.id,
  callType: r.call_type,
  account: r.account,
  meetingTitle: r.meeting_title,
  participants: JSON.parse(r.participants) as CallParticipantRow[],
  policyHash: r.policy_hash,
  scriptId: r.script_id,
  scriptVersion: r.script_version,
  consentScope: r.consent_scope,
  state: r.state,
  recordingId: r.recording_id,
  createdAt: r.created_at,
  endedAt: r.ended_at,
});

/** Calls and their append-only consent records. */
export function createCallRepo(db: Db) {
  const insertCall = db.prepare(
    `INSERT INTO calls (id, call_type, account, meeting_title, participants, policy_hash, script_id, script_version, consent_scope, state, created_at)
     VALUES (@id, @callType, @account, @meetingTitle, @participants, @policyHash, @scriptId, @scriptVersion, @consentScope, @state, @createdAt)`,
  );
  const getCall = db.prepare<[string], CallDbRow>('SELECT * FROM calls WHERE id = ?');
  const setState = db.prepare('UPDATE calls SET state = ?, ended_at = COALESCE(?, ended_at) WHERE id = ?');
  const setRecording = db.prepare("UPDATE calls SET recording_id = ?, state = 'recording' WHERE id = ?");
  const setParticipants = db.prepare('UPDATE calls SET participants = ?, consent_scope = ? WHERE id = ?');
  const insertConsent = db.prepare(
    `INSERT INTO consent_records (call_id, participant_name, participant_email, at, script_id, script_version, policy_hash, outcome, method, recorded_by, note)
     VALUES (@callId, @participantName, @participantEmail, @at, @scriptId, @scriptVersion, @policyHash, @outcome, @method, @recordedBy, @note)`,
  );
  const consentsFor = db.prepare<[string], Record<string, unknown>>('SELECT * FROM consent_records WHERE call_id = ? ORDER BY seq');
  const upsertNotes = db.prepare('INSERT INTO call_notes (call_id, body, updated_at) VALUES (?, ?, ?) ON CONFLICT(call_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at');
  const getNotes = db.prepare<[string], { body: string }>('SELECT body FROM call_notes WHERE call_id = ?');
  const insertBookmark = db.prepare('INSERT INTO bookmarks (recording_id, at_ms, note, created_at) VALUES (?, ?, ?, ?)');
  const bookmarksFor = db.prepare<[string], { at_ms: number; note: string }>('SELECT at_ms, note FROM bookmarks WHERE recording_id = ? ORDER BY at_ms');

  return {
    insert(call: Omit<CallRow, 'recordingId' | 'endedAt'>): void {
      insertCall.run({ ...call, participants: JSON.stringify(call.participants) });
    },
    get(id: string): CallRow | undefined {
      const row = getCall.get(id);
      return row && toCall(row);
    },
    setState(id: string, state: CallState, endedAt?: string): void {
      setState.run(state, endedAt ?? null, id);
    },
    attachRecording(id: string, recordingId: string): void {
      setRecording.run(recordingId, id);
    },
    setParticipants(id: string, participants: readonly CallParticipantRow[], scope: 'all' | 'customer-side'): void {
      setParticipants.run(JSON.stringify(participants), scope, id);
    },
    appendConsent(record: Omit<ConsentRecord, 'seq'>): void {
      insertConsent.run(record);
    },
    consents(callId: string): ConsentRecord[] {
      return consentsFor.all(callId).map((r) => ({
        seq: r.seq as number,
        callId: r.call_id as string,
        participantName: r.participant_name as string,
        participantEmail: r.participant_email as string,
        at: r.at as string,
        scriptId: r.script_id as string,
        scriptVersion: r.script_version as number,
        policyHash: r.policy_hash as string,
        outcome: r.outcome as ConsentOutcome,
        method: r.method as ConsentMethod | null,
        recordedBy: r.recorded_by as string,
        note: r.note as string,
      }));
    },
    saveNotes(callId: string, body: string, at: string): void {
      upsertNotes.run(callId, body, at);
    },
    notes(callId: string): string | undefined {
      return getNotes.get(callId)?.body;
    },
    addBookmark(recordingId: string, atMs: number, note: string, at: string): void {
      insertBookmark.run(recordingId, atMs, note, at);
    },
    bookmarks(recordingId: string): { atMs: number; note: string }[] {
      return bookmarksFor.all(recordingId).map((b) => ({ atMs: b.at_ms, note: b.note }));
    },
  };
}
export type CallRepo = ReturnType<typeof createCallRepo>;

export interface AcknowledgmentRow {
  readonly policyHash: string;
  readonly materialHash: string;
  readonly policyVersion: string;
  readonly acknowledgedBy: string;
  readonly at: string;
}

export function createAcknowledgmentRepo(db: Db) {
  const insert = db.prepare('INSERT INTO policy_acknowledgments (policy_hash, material_hash, policy_version, acknowledged_by, at) VALUES (?, ?, ?, ?, ?)');
  const latest = db.prepare<[], { policy_hash: string; material_hash: string; policy_version: string; acknowledged_by: string; at: string }>(
    'SELECT * FROM policy_acknowledgments ORDER BY seq DESC LIMIT 1',
  );
  return {
    append(row: AcknowledgmentRow): void {
      insert.run(row.policyHash, row.materialHash, row.policyVersion, row.acknowledgedBy, row.at);
    },
    latest(): AcknowledgmentRow | undefined {
      const r = latest.get();
      return r && { policyHash: r.policy_hash, materialHash: r.material_hash, policyVersion: r.policy_version, acknowledgedBy: r.acknowledged_by, at: r.at };
    },
  };
}

export interface ApprovalRow {
  readonly id: string;
  readonly callType: string;
  readonly account: string;
  readonly approvedBy: string;
  readonly approverRole: string;
  readonly approvedAt: string;
  readonly reason: string;
  readonly policyHash: string;
}

export function createApprovalRepo(db: Db) {
  const insert = db.prepare('INSERT INTO approvals (id, call_type, account, approved_by, approver_role, approved_at, reason, policy_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const use = db.prepare('UPDATE approvals SET used_by_call = ? WHERE id = ?');
  return {
    insert(row: ApprovalRow): void {
      insert.run(row.id, row.callType, row.account, row.approvedBy, row.approverRole, row.approvedAt, row.reason, row.policyHash);
    },
    markUsed(id: string, callId: string): void {
      use.run(callId, id);
    },
  };
}
