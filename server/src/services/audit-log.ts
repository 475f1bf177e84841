import { nextEntry, verifyChain, type AuditEntry, type AuditVerdict } from '../../../src/core/audit/audit-chain';
import type { SymmetricKey } from '../../../src/core/ports/crypto';
import type { ChainCrypto } from '../crypto/server-crypto';
import { bytesOf, type Db, type Queryable, type SqlValue } from '../db/db';

/** What the server audits. Details hold ids, roles and decisions only: no email, no content. */
export type ServerAuditEvent =
  | 'member.invited'
  | 'member.enrolled'
  | 'member.removed'
  | 'session.signed_in'
  | 'session.refused'
  | 'share.created'
  | 'share.refused'
  | 'share.downloaded'
  | 'share.revoked'
  | 'share.expired'
  | 'request.filed'
  | 'request.decided'
  // Retention across the team (#15): holds and organisation-wide deletion requests.
  | 'hold.issued'
  | 'hold.released'
  | 'deletion.filed'
  | 'deletion.certified'
  | 'policy.published'
  // Approvals for approval-gated call types (#14 section 3).
  | 'call-approval.requested'
  | 'call-approval.decided'
  | 'call-approval.refused'
  // Exemption requests (#15 section 3): a rep asks, a granter grants (with a signed hold) or declines.
  | 'exemption.requested'
  | 'exemption.decided'
  // Rotating the organisation key (#14 section 3): sequence and the two keys' fingerprints.
  | 'org-key.rotated';

type Detail = Record<string, string | number | boolean>;

/** The advisory lock that orders the chain across API processes sharing one PostgreSQL. */
const CHAIN_LOCK = 'SELECT pg_advisory_xact_lock(727275)';

/** At most this many waiting entries are chained per transaction (migration 008). */
export const AUDIT_CHAIN_BATCH = 500;

interface Unchained {
  readonly at: string;
  readonly event: string;
  readonly detail: string;
}

/**
 * The server's audit log: the app's hash chain (src/core/audit), one link per event. Two ways in:
 * - `append`, in the transaction of the change it records, under an advisory lock held until
 *   that transaction ends, so API processes sharing one PostgreSQL append in turn and never fork
 *   the chain. It first chains entries waiting in audit_pending (up to AUDIT_CHAIN_BATCH, oldest
 *   first), so what committed before this change is chained before it.
 * - `appendLater`, for frequent events (a ciphertext download): one row in audit_pending in the
 *   caller's transaction, no lock. `chainWaiting` (the AuditChainer, every 200 ms) chains them in
 *   batches, each batch one transaction: chained and deleted from audit_pending together, or not
 *   at all. Until then an entry is a plain row, not yet covered by the chain's hashes and MACs.
 */
export class AuditLog {
  private waitingListener: ((appended: number) => void) | undefined;
  private appendedSinceChain = 0;

  constructor(
    private readonly crypto: ChainCrypto,
    private readonly key: SymmetricKey,
  ) {}

  async append(tx: Queryable, at: Date, event: ServerAuditEvent, detail: Detail): Promise<void> {
    // Held until this transaction ends, also before the first link exists (no row to lock yet).
    await tx.query(CHAIN_LOCK);
    const waiting = await takeWaiting(tx, AUDIT_CHAIN_BATCH);
    await this.link(tx, [...waiting, { at: at.toISOString(), event, detail: JSON.stringify(detail) }]);
  }

  /** Records the event in the caller's transaction without the chain's lock; it is chained within a moment (see the class). */
  async appendLater(tx: Queryable, at: Date, event: ServerAuditEvent, detail: Detail): Promise<void> {
    await tx.query('INSERT INTO audit_pending (at, event, detail) VALUES ($1, $2, $3)', [at.toISOString(), event, JSON.stringify(detail)]);
    this.appendedSinceChain += 1;
    this.waitingListener?.(this.appendedSinceChain);
  }

  /** Told how many entries this process added to audit_pending since it last chained (the chainer's "N entries" trigger). */
  onWaiting(listener: ((appended: number) => void) | undefined): void {
    this.waitingListener = listener;
  }

  /** Chains up to AUDIT_CHAIN_BATCH waiting entries, oldest first, in one transaction; returns how many. */
  async chainWaiting(db: Db): Promise<number> {
    this.appendedSinceChain = 0;
    // Most ticks find nothing: no lock then.
    if ((await db.query('SELECT 1 FROM audit_pending LIMIT 1')).length === 0) {
      return 0;
    }
    return db.transaction(async (tx) => {
      await tx.query(CHAIN_LOCK);
      const waiting = await takeWaiting(tx, AUDIT_CHAIN_BATCH);
      if (waiting.length > 0) {
        await this.link(tx, waiting);
      }
      return waiting.length;
    });
  }

  /** Entries recorded but not chained yet. */
  async waiting(db: Queryable): Promise<number> {
    const rows = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM audit_pending');
    return Number(rows[0]?.n ?? 0);
  }

  /** Links `items` after the head, in order, in one statement, and moves the head. The caller holds the lock. */
  private async link(tx: Queryable, items: readonly Unchained[]): Promise<void> {
    const heads = await tx.query<{ seq: string | number; hash: unknown }>('SELECT seq, hash FROM audit_head WHERE id = 1');
    const head = heads[0];
    let previous = head === undefined ? undefined : { seq: Number(head.seq), hash: bytesOf(head.hash) };
    const params: SqlValue[] = [];
    const rows: string[] = [];
    let next: { seq: number; hash: Uint8Array; mac: Uint8Array } | undefined;
    for (const item of items) {
      const linked = nextEntry(this.crypto, this.key, previous, item.at, item.event, item.detail);
      const { entry } = linked;
      const n = params.length;
      rows.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7})`);
      params.push(entry.seq, entry.at, entry.event, entry.detail, entry.prevHash, entry.hash, entry.mac);
      previous = { seq: entry.seq, hash: entry.hash };
      next = linked.head;
    }
    if (next === undefined) {
      return;
    }
    await tx.query(`INSERT INTO audit_log (seq, at, event, detail, prev_hash, hash, mac) VALUES ${rows.join(', ')}`, params);
    await tx.query(
      'INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash, mac = EXCLUDED.mac',
      [next.seq, next.hash, next.mac],
    );
  }

  async entries(db: Queryable): Promise<AuditEntry[]> {
    const rows = await db.query<{ seq: string | number; at: string; event: string; detail: string; prev_hash: unknown; hash: unknown; mac: unknown }>(
      'SELECT seq, at, event, detail, prev_hash, hash, mac FROM audit_log ORDER BY seq',
    );
    return rows.map((r) => ({ seq: Number(r.seq), at: r.at, event: r.event, detail: r.detail, prevHash: bytesOf(r.prev_hash), hash: bytesOf(r.hash), mac: bytesOf(r.mac) }));
  }

  async verify(db: Queryable): Promise<AuditVerdict> {
    const entries = await this.entries(db);
    const heads = await db.query<{ seq: string | number; hash: unknown; mac: unknown }>('SELECT seq, hash, mac FROM audit_head WHERE id = 1');
    const head = heads[0] === undefined ? undefined : { seq: Number(heads[0].seq), hash: bytesOf(heads[0].hash), mac: bytesOf(heads[0].mac) };
    return verifyChain(this.crypto, this.key, entries, head);
  }
}

/** Takes (deletes and returns) up to `limit` waiting entries, oldest first. The caller holds the lock. */
async function takeWaiting(tx: Queryable, limit: number): Promise<Unchained[]> {
  const rows = await tx.query<{ id: string | number; at: string; event: string; detail: string }>(
    'DELETE FROM audit_pending WHERE id IN (SELECT id FROM audit_pending ORDER BY id LIMIT $1) RETURNING id, at, event, detail',
    [limit],
  );
  return rows.sort((a, b) => Number(a.id) - Number(b.id)).map(({ at, event, detail }) => ({ at, event, detail }));
}
