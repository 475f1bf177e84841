import { approximateDays } from '../../../src/core/policy/calendar';
import { mayReceiveShare, type PerformanceGrant } from '../../../src/core/team/share-access';
import { INBOX_PAGE_DEFAULT, ShareUploadHeader, type InboxPageReply } from '../../../src/shared/team/api';
import { APPROVED_FOR_PRODUCT_TAG, Manifest, MANIFEST_SIGNING_PREFIX } from '../../../src/shared/team/manifest';
import { bytesOf, isoOf, type Queryable } from '../db/db';
import { TeamError } from '../http/team-error';
import type { ServerContext } from './context';
import { decodeCursor, encodeCursor, LAST_ID, readClock, tickClock, type CursorPosition } from './inbox-cursor';
import { activeMembers, partyOf, type MemberRow } from './members';

/**
 * Shares: ciphertext plus a signed manifest. The server cannot read a clip; it checks that the
 * manifest is the sender's (signature, key fingerprints), that the ciphertext is the one the
 * manifest names, and that the policy lets every recipient receive it. The upload is one
 * transaction: a share is visible with all its rows and its blob, or not at all.
 */

/** Splits the upload body: u32le header length, JSON header, ciphertext. */
export function parseUpload(body: Uint8Array): { manifestText: string; signature: Uint8Array; ciphertext: Uint8Array } {
  if (body.length < 4) {
    throw new TeamError('BAD_REQUEST', 'The upload is empty: send the framed header and the ciphertext.');
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const headerLength = view.getUint32(0, true);
  if (headerLength > 128 * 1024 || 4 + headerLength > body.length) {
    throw new TeamError('BAD_REQUEST', 'The upload header length is wrong.');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(4, 4 + headerLength)));
  } catch {
    throw new TeamError('BAD_REQUEST', 'The upload header is not JSON.');
  }
  const header = ShareUploadHeader.safeParse(json);
  if (!header.success) {
    throw new TeamError('BAD_REQUEST', 'The upload header must hold the manifest text and its signature.');
  }
  return { manifestText: header.data.manifest, signature: Buffer.from(header.data.signature, 'base64'), ciphertext: body.subarray(4 + headerLength) };
}

export async function createShare(ctx: ServerContext, sender: MemberRow, body: Uint8Array): Promise<string> {
  const { manifestText, signature, ciphertext } = parseUpload(body);
  // The signature first: nothing about an unsigned manifest is worth parsing.
  if (!ctx.crypto.verifySignature(signature, MANIFEST_SIGNING_PREFIX + manifestText, bytesOf(sender.signing_key))) {
    throw new TeamError('INTEGRITY', 'The manifest signature does not verify with your enrolled signing key.');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(manifestText);
  } catch {
    throw new TeamError('BAD_REQUEST', 'The manifest is not JSON.');
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    throw new TeamError('BAD_REQUEST', `The manifest is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const manifest = parsed.data;
  // Purpose and tags must be ids the policy defines: an id-shaped name ("jane-roe") is still a name.
  const policy = ctx.policy.policy;
  const uses = new Set([...policy.uses.permitted, ...policy.uses.requiresApproval.uses].map((use) => use.id));
  const tags = new Set([...policy.tags.map((tag) => tag.id), APPROVED_FOR_PRODUCT_TAG]);
  if (!uses.has(manifest.purpose) || !manifest.tags.every((tag) => tags.has(tag))) {
    throw new TeamError('BAD_REQUEST', "The manifest's purpose and tags must be ids from the organisation's policy.");
  }
  if (manifest.sender.memberId !== sender.member_id || manifest.sender.signingKeyFingerprint !== sender.signing_fpr || manifest.sender.boxKeyFingerprint !== sender.box_fpr) {
    throw new TeamError('INTEGRITY', 'The manifest names another sender or other keys than yours.');
  }
  if (manifest.ciphertext.bytes !== ciphertext.length || manifest.ciphertext.sha256 !== ctx.crypto.sha256Hex(ciphertext)) {
    throw new TeamError('INTEGRITY', 'The ciphertext is not the one the manifest names (size or SHA-256 differ).');
  }
  if (manifest.policyHash !== ctx.policy.hash) {
    throw new TeamError('CONFLICT', 'The share was made under another policy than the organisation publishes: update the policy and share again.');
  }
  const now = ctx.clock.now();
  const expiresAt = new Date(manifest.expiresAt);
  // The policy's clip retention caps a share's life, and so does the server's own limit.
  const maxDays = Math.min(ctx.limits.maxShareDays, approximateDays(ctx.policy.policy.retention.default.clip));
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + maxDays * 24 * 3600_000) {
    throw new TeamError('BAD_REQUEST', `A share must expire in the future and within ${maxDays} days (the policy's clip retention).`);
  }
  let grant: PerformanceGrant | undefined;
  let unknownGrant = false;
  if (manifest.performanceRequestId !== undefined) {
    const rows = await ctx.db.query<{ status: PerformanceGrant['status']; rep_id: string; requester_id: string; use_id: string; recording_ref: string }>(
      'SELECT status, rep_id, requester_id, use_id, recording_ref FROM performance_requests WHERE request_id = $1',
      [manifest.performanceRequestId],
    );
    const row = rows[0];
    unknownGrant = row === undefined;
    grant = row === undefined ? undefined : { status: row.status, repId: row.rep_id, requesterId: row.requester_id, use: row.use_id, recordingRef: row.recording_ref };
  }
  // One query for all recipients (up to 50): under load each query waits its turn for a connection.
  const recipients = await activeMembers(ctx.db, manifest.recipients.map((r) => r.memberId));
  for (const [index, recipient] of manifest.recipients.entries()) {
    const member = recipients.get(recipient.memberId);
    if (member === undefined) {
      throw await refused(ctx, sender, manifest.shareId, `recipient ${index + 1} is not an active member`);
    }
    if (member.signing_fpr !== recipient.signingKeyFingerprint || member.box_fpr !== recipient.boxKeyFingerprint || member.role !== recipient.role) {
      throw new TeamError('CONFLICT', `Recipient ${index + 1}'s keys or role changed since you looked: confirm their new fingerprint and share again.`);
    }
    const decision = mayReceiveShare(ctx.policy.policy, {
      sender: partyOf(sender),
      recipient: partyOf(member),
      purpose: manifest.purpose,
      tags: manifest.tags,
      recordingRef: manifest.clip.recordingRef,
      grant,
      unknownGrant,
    });
    if (!decision.allow) {
      throw await refused(ctx, sender, manifest.shareId, `recipient ${index + 1}: ${decision.reason}`);
    }
  }
  await ctx.db.transaction(async (tx) => {
    const existing = await tx.query('SELECT 1 FROM shares WHERE share_id = $1', [manifest.shareId]);
    if (existing.length > 0) {
      throw new TeamError('CONFLICT', 'A share with this id exists already.');
    }
    await tx.query(
      `INSERT INTO shares (share_id, sender_id, manifest, signature, purpose, recording_ref, ciphertext_sha256, ciphertext_bytes, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [manifest.shareId, sender.member_id, manifestText, signature, manifest.purpose, manifest.clip.recordingRef, manifest.ciphertext.sha256, ciphertext.length, now, expiresAt],
    );
    // Last before the audit link: the clock's row lock is held from here until commit.
    const seq = await tickClock(tx);
    // One statement for all recipients (up to 50): the clock's row lock is held from here until commit.
    await tx.query(
      "INSERT INTO share_recipients (share_id, member_id, created_at, expires_at, change_seq) SELECT $1, m, $3, $4, $5 FROM unnest(string_to_array($2, ',')::uuid[]) AS m",
      [manifest.shareId, manifest.recipients.map((r) => r.memberId).join(','), now, expiresAt, seq.toString()],
    );
    await ctx.blobs.put(tx, manifest.shareId, ciphertext);
    await ctx.audit.append(tx, now, 'share.created', {
      share: manifest.shareId,
      sender: sender.member_id,
      recipients: manifest.recipients.map((r) => r.memberId).join(','),
      purpose: manifest.purpose,
      bytes: ciphertext.length,
    });
  });
  return manifest.shareId;
}

async function refused(ctx: ServerContext, sender: MemberRow, shareId: string, reason: string): Promise<TeamError> {
  await ctx.db.transaction((tx) => ctx.audit.append(tx, ctx.clock.now(), 'share.refused', { share: shareId, sender: sender.member_id, reason }));
  return new TeamError('FORBIDDEN', `The policy does not allow this share: ${reason}.`);
}

interface ShareRow {
  share_id: string;
  sender_id: string;
  manifest: string;
  signature: unknown;
  purpose: string;
  recording_ref: string;
  ciphertext_bytes: string | number;
  created_at: unknown;
  expires_at: unknown;
  revoked_at: unknown;
  expired_at: unknown;
}

type SummaryRow = Pick<ShareRow, 'share_id' | 'sender_id' | 'purpose' | 'ciphertext_bytes' | 'created_at' | 'expires_at' | 'revoked_at'>;

function summary(row: SummaryRow) {
  return {
    shareId: row.share_id,
    senderId: row.sender_id,
    purpose: row.purpose,
    ciphertextBytes: Number(row.ciphertext_bytes),
    createdAt: isoOf(row.created_at),
    expiresAt: isoOf(row.expires_at),
    revokedAt: row.revoked_at === null ? null : isoOf(row.revoked_at),
  };
}

/** A timestamptz as the ISO text the API sends (ms, UTC): the driver then parses no dates for a page of 200. */
const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const SUMMARY_COLUMNS = `s.share_id, s.sender_id, s.purpose, s.ciphertext_bytes, ${isoText('s.created_at')} AS created_at, ${isoText('s.expires_at')} AS expires_at, ${isoText('s.revoked_at')} AS revoked_at`;

/**
 * One page of a member's inbox (migration 005). Without a cursor, a first sync: the live shares
 * with a change sequence up to the clock as it is now, in sequence order, `limit` at a time; then,
 * from that clock on, every change: shares that arrived and ids of shares withdrawn (revoked,
 * expired) since. Each page walks share_recipients' (member_id, change_seq, share_id) index from
 * the cursor and stops at the page size, so its cost follows the page, not the inbox.
 *
 * No row is missed: writers take their sequence under inbox_clock's row lock, held until they
 * commit, so a statement that sees sequence N sees every smaller one; a page that comes back
 * short has seen everything up to the clock read before it, and the next sync starts there.
 */
export async function inboxPage(ctx: ServerContext, member: MemberRow, query: { cursor?: string | undefined; limit?: number | undefined }): Promise<InboxPageReply> {
  const clock = await readClock(ctx.db);
  const position: CursorPosition = query.cursor === undefined ? { seq: 0n, shareId: LAST_ID, full: true, upTo: clock.seq } : decodeCursor(clock, member.member_id, query.cursor);
  const limit = query.limit ?? INBOX_PAGE_DEFAULT;
  const now = ctx.clock.now();
  const rows = await ctx.db.query<SummaryRow & { change_seq: string | number; gone: boolean }>(
    position.full
      ? `SELECT r.change_seq, false AS gone, ${SUMMARY_COLUMNS} FROM share_recipients r JOIN shares s ON s.share_id = r.share_id
          WHERE r.member_id = $1 AND r.withdrawn_at IS NULL AND (r.change_seq, r.share_id) > ($2::bigint, $3::uuid) AND r.change_seq <= $5::bigint AND r.expires_at > $6
          ORDER BY r.change_seq, r.share_id LIMIT $4`
      : `SELECT r.change_seq, (r.withdrawn_at IS NOT NULL OR r.expires_at <= $6::timestamptz OR $5::bigint IS NOT NULL) AS gone, ${SUMMARY_COLUMNS} FROM share_recipients r JOIN shares s ON s.share_id = r.share_id
          WHERE r.member_id = $1 AND (r.change_seq, r.share_id) > ($2::bigint, $3::uuid)
          ORDER BY r.change_seq, r.share_id LIMIT $4`,
    position.full ? [member.member_id, position.seq.toString(), position.shareId, limit, position.upTo.toString(), now] : [member.member_id, position.seq.toString(), position.shareId, limit, null, now],
    { prepare: position.full ? 'inbox-page-first-sync' : 'inbox-page-changes' },
  );
  const last = rows.at(-1);
  let next: CursorPosition;
  let more: boolean;
  if (rows.length === limit && last !== undefined) {
    next = { ...position, seq: BigInt(last.change_seq), shareId: last.share_id };
    more = true;
  } else if (position.full) {
    // The first sync has every live share up to its clock; what changed since comes next.
    next = { seq: position.upTo, shareId: LAST_ID, full: false, upTo: position.upTo };
    more = true;
  } else {
    // Everything up to the clock read before this page is in it (or in earlier ones).
    const seen = last === undefined ? position.seq : BigInt(last.change_seq);
    const upTo = seen > clock.seq ? seen : clock.seq;
    next = { seq: upTo, shareId: LAST_ID, full: false, upTo };
    more = false;
  }
  return {
    shares: rows.filter((row) => !row.gone).map(summary),
    withdrawnShareIds: rows.filter((row) => row.gone).map((row) => row.share_id),
    cursor: encodeCursor(clock, member.member_id, next),
    more,
  };
}

export async function sent(ctx: ServerContext, member: MemberRow) {
  const rows = await ctx.db.query<ShareRow & Record<string, unknown>>('SELECT * FROM shares WHERE sender_id = $1 ORDER BY created_at DESC, share_id LIMIT 500', [member.member_id]);
  return { shares: rows.map(summary), withdrawnShareIds: rows.filter((r) => r.revoked_at !== null || r.expired_at !== null).map((r) => r.share_id) };
}

/**
 * A live share the member may read: its sender or a recipient. Anything else, including a share
 * that does not exist, is NOT_FOUND, so ids cannot be probed; revoked and expired ones are GONE.
 */
async function readableShare(ctx: ServerContext, db: Queryable, member: MemberRow, shareId: string): Promise<ShareRow> {
  const rows = await db.query<ShareRow & Record<string, unknown>>(
    `SELECT s.* FROM shares s WHERE s.share_id = $1 AND (s.sender_id = $2 OR EXISTS (SELECT 1 FROM share_recipients r WHERE r.share_id = s.share_id AND r.member_id = $2))`,
    [shareId, member.member_id],
  );
  const row = rows[0];
  if (row === undefined) {
    throw new TeamError('NOT_FOUND', 'No share with this id was shared with you.');
  }
  if (row.revoked_at !== null) {
    throw new TeamError('GONE', 'The sender revoked this share: delete your copy.');
  }
  if (row.expired_at !== null || new Date(isoOf(row.expires_at)).getTime() <= ctx.clock.now().getTime()) {
    throw new TeamError('GONE', 'This share expired under the retention policy: delete your copy.');
  }
  return row;
}

export async function shareDetail(ctx: ServerContext, member: MemberRow, shareId: string) {
  const row = await readableShare(ctx, ctx.db, member, shareId);
  const senderRows = await ctx.db.query<{ signing_key: unknown }>('SELECT signing_key FROM members WHERE member_id = $1', [row.sender_id]);
  return {
    shareId: row.share_id,
    manifest: row.manifest,
    signature: Buffer.from(bytesOf(row.signature)).toString('base64'),
    senderSigningKey: Buffer.from(bytesOf(senderRows[0]?.signing_key)).toString('base64'),
  };
}

export async function downloadCiphertext(ctx: ServerContext, member: MemberRow, shareId: string): Promise<Uint8Array> {
  return ctx.db.transaction(async (tx) => {
    await readableShare(ctx, tx, member, shareId);
    const bytes = await ctx.blobs.get(tx, shareId);
    if (bytes === undefined) {
      throw new TeamError('GONE', 'The ciphertext of this share is gone.');
    }
    // Without the chain's lock: downloads are the most frequent audited event (migration 008).
    await ctx.audit.appendLater(tx, ctx.clock.now(), 'share.downloaded', { share: shareId, member: member.member_id });
    return bytes;
  });
}

/** The sender withdraws a share: its ciphertext is deleted in the same transaction. */
export async function revokeShare(ctx: ServerContext, member: MemberRow, shareId: string): Promise<string> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ sender_id: string; revoked_at: unknown }>('SELECT sender_id, revoked_at FROM shares WHERE share_id = $1 FOR UPDATE', [shareId]);
    const row = rows[0];
    if (row?.sender_id !== member.member_id) {
      throw new TeamError('NOT_FOUND', 'You sent no share with this id; only its sender revokes a share.');
    }
    if (row.revoked_at !== null) {
      throw new TeamError('GONE', 'This share was already revoked.');
    }
    await tx.query('UPDATE shares SET revoked_at = $2 WHERE share_id = $1', [shareId, now]);
    const seq = await tickClock(tx);
    await tx.query('UPDATE share_recipients SET withdrawn_at = $2, change_seq = $3 WHERE share_id = $1', [shareId, now, seq.toString()]);
    await ctx.blobs.delete(tx, shareId);
    await ctx.audit.append(tx, now, 'share.revoked', { share: shareId, by: member.member_id });
    return now.toISOString();
  });
}

/** Deletes the ciphertext of every share past its expiry; returns how many. Safe to run from every process. */
export async function sweepExpired(ctx: ServerContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const rows = await tx.query<{ share_id: string }>(
      'UPDATE shares SET expired_at = $1 WHERE expires_at <= $1 AND expired_at IS NULL AND revoked_at IS NULL RETURNING share_id',
      [now],
    );
    if (rows.length > 0) {
      const seq = await tickClock(tx);
      await tx.query("UPDATE share_recipients SET withdrawn_at = $1, change_seq = $3 WHERE withdrawn_at IS NULL AND share_id = ANY(string_to_array($2, ',')::uuid[])", [
        now,
        rows.map((row) => row.share_id).join(','),
        seq.toString(),
      ]);
    }
    for (const row of rows) {
      await ctx.blobs.delete(tx, row.share_id);
      await ctx.audit.append(tx, now, 'share.expired', { share: row.share_id });
    }
    await tx.query('DELETE FROM challenges WHERE expires_at <= $1', [now]);
    await tx.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
    return rows.length;
  });
}
