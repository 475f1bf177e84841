import { z } from 'zod';
import type { CallRepo, CallRow, ErasureDigest } from '../../core/calls/call';
import type { ArtifactSealer } from '../../core/ports/artifact-sealer';
import type { Db } from './connection';
import { openFrom, sealedColumn, sealTo } from './sealed-columns';
import { CallParticipantsColumn, parseColumn, parseJsonColumn } from './json-column';

const CallState = z.enum(['awaiting-consent', 'recording', 'declined', 'ended']);
const ConsentScope = z.enum(['all', 'customer-side']);
const ConsentOutcome = z.enum(['granted', 'declined', 'withdrawn']);
const ConsentMethod = z.enum(['verbal', 'written', 'notified-in-advance', 'attestation']);

interface CallDbRow {
  id: string;
  call_type: string;
  account: string;
  meeting_title: string;
  participants: string;
  policy_hash: string;
  script_id: string;
  script_version: number;
  consent_scope: string;
  state: string;
  recording_id: string | null;
  created_at: string;
  ended_at: string | null;
  erased_at: string | null;
}

interface ConsentDbRow {
  seq: number;
  call_id: string;
  participant_name: string;
  participant_email: string;
  at: string;
  script_id: string;
  script_version: number;
  policy_hash: string;
  outcome: string;
  method: string | null;
  recorded_by: string;
  note: string;
}

const toCall = (r: CallDbRow): CallRow => ({
  id: r.id,
  callType: r.call_type,
  account: r.account,
  meetingTitle: r.meeting_title,
  participants: parseJsonColumn(CallParticipantsColumn, r.participants, () => `The participants of call ${r.id}`),
  policyHash: r.policy_hash,
  scriptId: r.script_id,
  scriptVersion: r.script_version,
  consentScope: parseColumn(ConsentScope, r.consent_scope, () => `The consent scope of call ${r.id}`),
  state: parseColumn(CallState, r.state, () => `The state of call ${r.id}`),
  recordingId: r.recording_id,
  createdAt: r.created_at,
  endedAt: r.ended_at,
  erasedAt: r.erased_at,
});

/** The call aggregate: calls, their append-only consent records, notes and bookmarks. */
export function createCallRepo(db: Db, sealer: ArtifactSealer): CallRepo {
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
  const consentsFor = db.prepare<[string], ConsentDbRow>('SELECT * FROM consent_records WHERE call_id = ? ORDER BY seq');
  // Notes and bookmark notes are sealed (migration 013): a call's notes under the call's notes key
  // (a call may have notes before, or without, a recording), a bookmark's under its recording's.
  const upsertNotes = db.prepare<[string, Buffer | null, string]>(
    "INSERT INTO call_notes (call_id, body, sealed, updated_at) VALUES (?, '', ?, ?) ON CONFLICT(call_id) DO UPDATE SET body = '', sealed = excluded.sealed, updated_at = excluded.updated_at",
  );
  const getNotes = db.prepare<[string], { sealed: Buffer | null }>('SELECT sealed FROM call_notes WHERE call_id = ?');
  const insertBookmark = db.prepare<[string, number, string]>("INSERT INTO bookmarks (recording_id, at_ms, note, created_at) VALUES (?, ?, '', ?)");
  const sealBookmark = db.prepare<[Buffer, number | bigint]>('UPDATE bookmarks SET sealed = ? WHERE id = ?');
  const bookmarksFor = db.prepare<[string], { id: number; at_ms: number; sealed: Buffer | null }>('SELECT id, at_ms, sealed FROM bookmarks WHERE recording_id = ? ORDER BY at_ms');

  const callsOfRecording = db.prepare<[string], string>('SELECT id FROM calls WHERE recording_id = ? ORDER BY id').pluck();

  const callOfRecording = db.prepare<[string, string], { id: string }>(
    'SELECT id FROM calls WHERE recording_id = ? UNION SELECT call_id AS id FROM recordings WHERE id = ? AND call_id IS NOT NULL',
  );
  const orphaned = db.prepare<[], { id: string }>(
    `SELECT c.id FROM calls c
      WHERE c.erased_at IS NULL AND c.recording_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.id = c.recording_id OR r.call_id = c.id)
        AND EXISTS (SELECT 1 FROM retention_destroyed d WHERE d.recording_id = c.recording_id AND d.artifact = 'recording')`,
  );
  // Calls with no recording left (never recorded, consent declined, or the recording deleted) and not erased yet.
  const unrecorded = db.prepare<[], { id: string; call_type: string; created_at: string; recording_id: string | null }>(
    `SELECT c.id, c.call_type, c.created_at, c.recording_id FROM calls c
      WHERE c.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.id = c.recording_id OR r.call_id = c.id)
      ORDER BY c.created_at, c.id`,
  );
  const eraseCall = db.prepare(`UPDATE calls SET account = ?, meeting_title = ?, participants = ?, erased_at = ?
      WHERE id = ? AND erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.id = calls.recording_id OR r.call_id = calls.id)`);
  const eraseConsent = db.prepare('UPDATE consent_records SET participant_name = ?, participant_email = ?, note = ? WHERE seq = ?');
  const notesOf = db.prepare('DELETE FROM call_notes WHERE call_id = ?');

  const erase = (callId: string, digest: ErasureDigest, at: string): number => {
    const call = getCall.get(callId);
    if (call === undefined || call.erased_at !== null) {
      return 0;
    }
    const participants = toCall(call).participants.map((p) => ({
      ...p,
      name: digest('participant-name', p.name),
      email: digest('participant-email', p.email),
    }));
    const erased = eraseCall.run(digest('account', call.account), digest('meeting-title', call.meeting_title), JSON.stringify(participants), at, callId).changes;
    if (erased === 0) {
      return 0;
    }
    notesOf.run(callId);
    const records = consentsFor.all(callId);
    for (const record of records) {
      eraseConsent.run(digest('participant-name', record.participant_name), digest('participant-email', record.participant_email), digest('consent-note', record.note), record.seq);
    }
    return records.length;
  };

  return {
    callsOfRecording: (recordingId) => callsOfRecording.all(recordingId),
    insert(call) {
      insertCall.run({ ...call, participants: JSON.stringify(call.participants) });
    },
    get(id) {
      const row = getCall.get(id);
      return row && toCall(row);
    },
    setState(id, state, endedAt) {
      setState.run(state, endedAt ?? null, id);
    },
    attachRecording(id, recordingId) {
      setRecording.run(recordingId, id);
    },
    setParticipants(id, participants, scope) {
      setParticipants.run(JSON.stringify(participants), scope, id);
    },
    appendConsent(record) {
      insertConsent.run(record);
    },
    consents(callId) {
      return consentsFor.all(callId).map((r) => ({
        seq: r.seq,
        callId: r.call_id,
        participantName: r.participant_name,
        participantEmail: r.participant_email,
        at: r.at,
        scriptId: r.script_id,
        scriptVersion: r.script_version,
        policyHash: r.policy_hash,
        outcome: parseColumn(ConsentOutcome, r.outcome, () => `Consent record ${r.seq}`),
        method: parseColumn(ConsentMethod.nullable(), r.method, () => `Consent record ${r.seq}`),
        recordedBy: r.recorded_by,
        note: r.note,
      }));
    },
    saveNotes(callId, body, at) {
      // Empty notes store nothing sealed (the library's "has notes" reads that).
      upsertNotes.run(callId, body === '' ? null : sealTo(sealer, callId, 'notes', sealedColumn.callNotes, body), at);
    },
    notes(callId) {
      const row = getNotes.get(callId);
      if (row === undefined) {
        return undefined;
      }
      return row.sealed === null ? '' : openFrom(sealer, callId, 'notes', sealedColumn.callNotes, row.sealed, () => `The notes of call ${callId}`);
    },
    addBookmark(recordingId, atMs, note, at) {
      db.transaction(() => {
        const { lastInsertRowid } = insertBookmark.run(recordingId, atMs, at);
        sealBookmark.run(sealTo(sealer, recordingId, 'notes', sealedColumn.bookmark(Number(lastInsertRowid)), note), lastInsertRowid);
      })();
    },
    bookmarks(recordingId) {
      return bookmarksFor.all(recordingId).map((b) => ({ atMs: b.at_ms, note: openFrom(sealer, recordingId, 'notes', sealedColumn.bookmark(b.id), b.sealed, () => `Bookmark ${b.id} of recording ${recordingId}`) }));
    },
    callOfRecording(recordingId) {
      return callOfRecording.get(recordingId, recordingId)?.id;
    },
    orphanedCalls() {
      return orphaned.all().map((r) => r.id);
    },
    erase,
    unrecordedCalls() {
      return unrecorded.all().map((r) => ({ callId: r.id, callType: r.call_type, createdAt: r.created_at, recordingId: r.recording_id }));
    },
  };
}
