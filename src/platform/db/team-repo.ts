import { z } from 'zod';
import type { InboxClip, OutboxEntry, TeamIdentity, TeamRepo } from '../../core/team/team-store';
import { ROLE_IDS } from '../../shared/team/roles';
import type { Db } from './connection';
import { parseColumn, parseJsonColumn } from './json-column';

const RoleColumn = z.enum(ROLE_IDS);
const StateColumn = z.enum(['pending', 'sent', 'refused', 'revoked']);
const RecipientsColumn = z.array(z.uuid());

interface IdentityRow {
  server_url: string;
  member_id: string;
  email: string;
  role: string;
  team: string | null;
  signing_public: Buffer;
  signing_secret: Buffer;
  box_public: Buffer;
  box_secret: Buffer;
  enrolled_at: string;
}

interface OutboxRow {
  share_id: string;
  recording_id: string;
  recording_ref: string;
  from_ms: number;
  to_ms: number;
  purpose: string;
  recipients: string;
  state: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  expires_at: string;
  sent_at: string | null;
  revoked_at: string | null;
}

interface ClipRow {
  share_id: string;
  sender_id: string;
  sender_key: Buffer;
  purpose: string;
  manifest: string;
  signature: Buffer;
  ciphertext: Buffer;
  received_at: string;
  expires_at: string;
}

const OUTBOX_COLUMNS = 'share_id, recording_id, recording_ref, from_ms, to_ms, purpose, recipients, state, attempts, last_error, created_at, expires_at, sent_at, revoked_at';

function outboxEntry(row: OutboxRow): OutboxEntry {
  const what = () => `The outbox entry ${row.share_id}`;
  return {
    shareId: row.share_id,
    recordingId: row.recording_id,
    recordingRef: row.recording_ref,
    fromMs: row.from_ms,
    toMs: row.to_ms,
    purpose: row.purpose,
    recipients: parseJsonColumn(RecipientsColumn, row.recipients, what),
    state: parseColumn(StateColumn, row.state, what),
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    sentAt: row.sent_at,
    revokedAt: row.revoked_at,
  };
}

/** This vault's team enrolment, pinned keys, share outbox and received clips. */
export function createTeamRepo(db: Db): TeamRepo {
  const identity = db.prepare<[], IdentityRow>('SELECT * FROM team_identity WHERE id = 1');
  const saveIdentity = db.prepare(
    `INSERT INTO team_identity (id, server_url, member_id, email, role, team, signing_public, signing_secret, box_public, box_secret, enrolled_at)
     VALUES (1, @serverUrl, @memberId, @email, @role, @team, @signingPublic, @signingSecret, @boxPublic, @boxSecret, @enrolledAt)
     ON CONFLICT(id) DO UPDATE SET server_url = excluded.server_url, member_id = excluded.member_id, email = excluded.email, role = excluded.role, team = excluded.team,
       signing_public = excluded.signing_public, signing_secret = excluded.signing_secret, box_public = excluded.box_public, box_secret = excluded.box_secret, enrolled_at = excluded.enrolled_at`,
  );
  const forget = db.prepare('DELETE FROM team_identity');
  const forgetKeys = db.prepare('DELETE FROM team_known_keys');
  const known = db.prepare<[string], { member_id: string; signing_fpr: string; box_fpr: string; confirmed_at: string }>('SELECT * FROM team_known_keys WHERE member_id = ?');
  const pin = db.prepare(
    `INSERT INTO team_known_keys (member_id, signing_fpr, box_fpr, confirmed_at) VALUES (@memberId, @signingFpr, @boxFpr, @confirmedAt)
     ON CONFLICT(member_id) DO UPDATE SET signing_fpr = excluded.signing_fpr, box_fpr = excluded.box_fpr, confirmed_at = excluded.confirmed_at`,
  );
  const queue = db.prepare(
    `INSERT INTO share_outbox (share_id, recording_id, recording_ref, from_ms, to_ms, purpose, recipients, body, state, attempts, last_error, created_at, expires_at)
     VALUES (@shareId, @recordingId, @recordingRef, @fromMs, @toMs, @purpose, @recipients, @body, 'pending', 0, NULL, @createdAt, @expiresAt)`,
  );
  const outbox = db.prepare<[], OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM share_outbox ORDER BY created_at DESC, share_id`);
  const entry = db.prepare<[string], OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM share_outbox WHERE share_id = ?`);
  const body = db.prepare<[string], { body: Buffer | null }>("SELECT body FROM share_outbox WHERE share_id = ? AND state = 'pending'");
  const ref = db.prepare<[string], { recording_ref: string }>('SELECT recording_ref FROM share_outbox WHERE recording_id = ? ORDER BY created_at LIMIT 1');
  const attempt = db.prepare('UPDATE share_outbox SET attempts = attempts + 1, last_error = ? WHERE share_id = ?');
  const settle = db.prepare('UPDATE share_outbox SET state = ?, body = NULL, sent_at = ?, last_error = ? WHERE share_id = ?');
  const revoke = db.prepare("UPDATE share_outbox SET state = 'revoked', body = NULL, revoked_at = ? WHERE share_id = ?");
  const saveClip = db.prepare(
    `INSERT INTO inbox_clips (share_id, sender_id, sender_key, purpose, manifest, signature, ciphertext, received_at, expires_at)
     VALUES (@shareId, @senderId, @senderKey, @purpose, @manifest, @signature, @ciphertext, @receivedAt, @expiresAt) ON CONFLICT(share_id) DO NOTHING`,
  );
  const clip = db.prepare<[string], ClipRow>('SELECT * FROM inbox_clips WHERE share_id = ?');
  const clips = db.prepare<[], Omit<ClipRow, 'manifest' | 'signature' | 'ciphertext' | 'sender_key'>>('SELECT share_id, sender_id, purpose, received_at, expires_at FROM inbox_clips ORDER BY received_at DESC, share_id');
  const deleteClip = db.prepare('DELETE FROM inbox_clips WHERE share_id = ?');
  return {
    identity() {
      const row = identity.get();
      return (
        row && {
          serverUrl: row.server_url,
          memberId: row.member_id,
          email: row.email,
          role: parseColumn(RoleColumn, row.role, () => 'The team enrolment'),
          team: row.team,
          signingPublic: new Uint8Array(row.signing_public),
          signingSecret: new Uint8Array(row.signing_secret),
          boxPublic: new Uint8Array(row.box_public),
          boxSecret: new Uint8Array(row.box_secret),
          enrolledAt: row.enrolled_at,
        }
      );
    },
    saveIdentity(id: TeamIdentity) {
      db.transaction(() => {
        // A new enrolment is a new identity: keys pinned for the old one do not carry over.
        forgetKeys.run();
        saveIdentity.run({
          ...id,
          signingPublic: Buffer.from(id.signingPublic),
          signingSecret: Buffer.from(id.signingSecret),
          boxPublic: Buffer.from(id.boxPublic),
          boxSecret: Buffer.from(id.boxSecret),
        });
      })();
    },
    forgetIdentity() {
      db.transaction(() => {
        forget.run();
        forgetKeys.run();
      })();
    },
    knownKeys(memberId) {
      const row = known.get(memberId);
      return row && { memberId: row.member_id, signingFpr: row.signing_fpr, boxFpr: row.box_fpr, confirmedAt: row.confirmed_at };
    },
    pinKeys(keys) {
      pin.run(keys);
    },
    queue(e, bytes) {
      queue.run({ ...e, recipients: JSON.stringify(e.recipients), body: Buffer.from(bytes) });
    },
    outbox() {
      return outbox.all().map(outboxEntry);
    },
    outboxEntry(shareId) {
      const row = entry.get(shareId);
      return row && outboxEntry(row);
    },
    pendingBody(shareId) {
      const row = body.get(shareId);
      return row?.body ? new Uint8Array(row.body) : undefined;
    },
    recordingRef(recordingId) {
      return ref.get(recordingId)?.recording_ref;
    },
    markAttempt(shareId, error) {
      attempt.run(error, shareId);
    },
    settle(shareId, state, at, error) {
      settle.run(state, state === 'sent' ? at : null, error, shareId);
    },
    markRevoked(shareId, at) {
      revoke.run(at, shareId);
    },
    saveClip(c: InboxClip) {
      saveClip.run({ ...c, senderKey: Buffer.from(c.senderKey), signature: Buffer.from(c.signature), ciphertext: Buffer.from(c.ciphertext) });
    },
    clip(shareId) {
      const row = clip.get(shareId);
      return (
        row && {
          shareId: row.share_id,
          senderId: row.sender_id,
          senderKey: new Uint8Array(row.sender_key),
          purpose: row.purpose,
          manifest: row.manifest,
          signature: new Uint8Array(row.signature),
          ciphertext: new Uint8Array(row.ciphertext),
          receivedAt: row.received_at,
          expiresAt: row.expires_at,
        }
      );
    },
    clips() {
      return clips.all().map((row) => ({ shareId: row.share_id, senderId: row.sender_id, purpose: row.purpose, receivedAt: row.received_at, expiresAt: row.expires_at }));
    },
    deleteClip(shareId) {
      return deleteClip.run(shareId).changes > 0;
    },
  };
}
