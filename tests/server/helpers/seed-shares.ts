import type { Queryable } from '../../../server/src/db/db';

/**
 * Share rows as a year of sharing leaves them, straight into the tables (no blobs: listing never
 * reads them), each taking its change sequence from inbox_clock as the server's writers do.
 * `revokedEvery`: every n-th share is revoked (0: none). Returns the new share ids in change order.
 */
export async function seedShares(db: Queryable, senderId: string, recipientId: string, count: number, revokedEvery = 0): Promise<string[]> {
  const rows = await db.query<{ share_id: string; change_seq: string | number }>(
    `WITH c AS (UPDATE inbox_clock SET seq = seq + $3 WHERE id = 1 RETURNING seq - $3 AS base),
     s AS (
       INSERT INTO shares (share_id, sender_id, manifest, signature, purpose, recording_ref, ciphertext_sha256, ciphertext_bytes, created_at, expires_at, revoked_at)
       SELECT gen_random_uuid(), $1, '{}', '\\x00'::bytea, 'coaching', gen_random_uuid(), repeat('0', 64), 100000,
              now() - (($3 - i) || ' seconds')::interval, now() + interval '30 days', CASE WHEN $4::int > 0 AND i % $4::int = 0 THEN now() END
       FROM generate_series(1, $3::int) AS i
       RETURNING share_id, created_at, expires_at, revoked_at)
     INSERT INTO share_recipients (share_id, member_id, created_at, expires_at, withdrawn_at, change_seq)
     SELECT s.share_id, $2, s.created_at, s.expires_at, s.revoked_at, c.base + row_number() OVER (ORDER BY s.created_at, s.share_id) FROM s, c
     RETURNING share_id, change_seq`,
    [senderId, recipientId, count, revokedEvery],
  );
  return rows.sort((a, b) => Number(a.change_seq) - Number(b.change_seq)).map((r) => r.share_id);
}
