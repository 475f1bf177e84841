import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { bytesOf, type Queryable } from '../db/db';
import { TeamError } from '../http/team-error';

/**
 * Inbox cursors (migration 005). A cursor is a position in one member's change stream: the last
 * (change sequence, share id) delivered, whether the sync is a first (full, live shares only)
 * one, the member it was issued to and the database's epoch, signed with the database's cursor
 * key (HMAC-SHA256). The server refuses a cursor it did not issue to this member (CURSOR_INVALID)
 * and one of another epoch, or past this database's clock, as after a restore (CURSOR_RESET).
 */

export interface CursorPosition {
  /** Rows strictly after (seq, shareId) in (change_seq, share_id) order. */
  readonly seq: bigint;
  readonly shareId: string;
  /**
   * A first sync: live shares with a sequence up to `upTo` (the clock when it began) only;
   * what changed after that comes next, as an incremental sync from `upTo`.
   */
  readonly full: boolean;
  readonly upTo: bigint;
}

export interface InboxClock {
  readonly seq: bigint;
  readonly epoch: string;
  readonly key: Uint8Array;
}

/** After every share of `seq`: the largest uuid. */
export const LAST_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const Payload = z.strictObject({
  v: z.literal(1),
  m: z.uuid(),
  e: z.uuid(),
  s: z.string().regex(/^\d{1,19}$/),
  i: z.uuid(),
  f: z.boolean(),
  u: z.string().regex(/^\d{1,19}$/),
});

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const mac = (key: Uint8Array, text: string) => createHmac('sha256', key).update(`callvault-inbox-cursor-v1\n${text}`).digest();

export async function readClock(db: Queryable): Promise<InboxClock> {
  const rows = await db.query<{ seq: string | number; epoch: string; cursor_key: unknown }>('SELECT seq, epoch, cursor_key FROM inbox_clock WHERE id = 1', [], { prepare: 'inbox-clock' });
  const row = rows[0];
  if (row === undefined) {
    throw new TeamError('INTERNAL', 'The inbox clock is missing: the database was not migrated.');
  }
  return { seq: BigInt(row.seq), epoch: row.epoch, key: bytesOf(row.cursor_key) };
}

/** Takes the next change sequence for this transaction; the row lock holds later writers until it ends. */
export async function tickClock(tx: Queryable): Promise<bigint> {
  const rows = await tx.query<{ seq: string | number }>('UPDATE inbox_clock SET seq = seq + 1 WHERE id = 1 RETURNING seq');
  const row = rows[0];
  if (row === undefined) {
    throw new TeamError('INTERNAL', 'The inbox clock is missing: the database was not migrated.');
  }
  return BigInt(row.seq);
}

export function encodeCursor(clock: InboxClock, memberId: string, position: CursorPosition): string {
  const text = b64url(Buffer.from(JSON.stringify({ v: 1, m: memberId, e: clock.epoch, s: position.seq.toString(), i: position.shareId, f: position.full, u: position.upTo.toString() })));
  return `c1.${text}.${b64url(mac(clock.key, text))}`;
}

export function decodeCursor(clock: InboxClock, memberId: string, cursor: string): CursorPosition {
  const invalid = (why: string) => new TeamError('CURSOR_INVALID', `This inbox cursor ${why}: list the inbox without a cursor to start again.`);
  const parts = cursor.split('.');
  if (parts.length !== 3 || parts[0] !== 'c1' || !/^[A-Za-z0-9_-]{1,400}$/.test(parts[1] ?? '') || !/^[A-Za-z0-9_-]{43}$/.test(parts[2] ?? '')) {
    throw invalid('is malformed');
  }
  const [, text = '', tag = ''] = parts;
  let payload: z.infer<typeof Payload>;
  try {
    const parsed = Payload.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (!parsed.success) {
      throw invalid('is malformed');
    }
    payload = parsed.data;
  } catch (error) {
    throw error instanceof TeamError ? error : invalid('is malformed');
  }
  // Another epoch: this database is not the one that issued it (reset, or replaced). Its key is
  // another too, so the signature cannot be checked; the answer gives nothing away either way.
  if (payload.e !== clock.epoch) {
    throw new TeamError('CURSOR_RESET', "This inbox cursor comes from another state of the server's database (it was reset or restored): list the inbox again from the start.");
  }
  const expected = mac(clock.key, text);
  const given = Buffer.from(tag, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw invalid('was not issued by this server');
  }
  if (payload.m !== memberId) {
    throw invalid('was issued to another member');
  }
  const seq = BigInt(payload.s);
  const upTo = BigInt(payload.u);
  if (seq > clock.seq || upTo > clock.seq) {
    throw new TeamError('CURSOR_RESET', "This inbox cursor is ahead of the server's database (it was restored from a backup): list the inbox again from the start.");
  }
  return { seq, shareId: payload.i, full: payload.f, upTo };
}
