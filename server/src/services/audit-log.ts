import { nextEntry, verifyChain, type AuditEntry, type AuditVerdict } from '../../../src/core/audit/audit-chain';
import type { SymmetricKey } from '../../../src/core/ports/crypto';
import type { ChainCrypto } from '../crypto/server-crypto';
import { bytesOf, type Queryable } from '../db/db';

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

/**
 * The server's audit log: the app's hash chain (src/core/audit), one link per event, written in
 * the same transaction as the change it records. An advisory lock is held while a link is added,
 * so API processes sharing one PostgreSQL append in turn and never fork the chain.
 */
export class AuditLog {
  constructor(
    private readonly crypto: ChainCrypto,
    private readonly key: SymmetricKey,
  ) {}

  async append(tx: Queryable, at: Date, event: ServerAuditEvent, detail: Record<string, string | number | boolean>): Promise<void> {
    // Held until this transaction ends, also before the first link exists (no row to lock yet).
    await tx.query('SELECT pg_advisory_xact_lock(727275)');
    const heads = await tx.query<{ seq: string | number; hash: unknown }>('SELECT seq, hash FROM audit_head WHERE id = 1');
    const head = heads[0];
    const previous = head === undefined ? undefined : { seq: Number(head.seq), hash: bytesOf(head.hash) };
    const { entry, head: next } = nextEntry(this.crypto, this.key, previous, at.toISOString(), event, JSON.stringify(detail));
    await tx.query('INSERT INTO audit_log (seq, at, event, detail, prev_hash, hash, mac) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      entry.seq,
      entry.at,
      entry.event,
      entry.detail,
      entry.prevHash,
      entry.hash,
      entry.mac,
    ]);
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
