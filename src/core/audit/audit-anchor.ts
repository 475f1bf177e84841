/**
 * The database's state anchored outside it. vault.json (MAC'd with a key derived from the
 * master key) records the database's generation and audit head each time they move; the
 * database records its own generation. Comparing the two at unlock tells an older vault.db
 * (a restored copy, or an audit log cut back by someone holding the passphrase) from the one
 * the header was last written with.
 *
 * Write order: the database commits first, then the header is rewritten. So a power cut between
 * the two leaves the database exactly one generation ahead, which is accepted and re-anchored;
 * nothing ever leaves the header ahead of the database.
 */

export interface HeaderAnchor {
  readonly generation: number;
  readonly auditSeq: number;
  /** Hex of the audit head hash (64 hex digits; all zeros before the first entry). */
  readonly auditHash: string;
}

export interface DatabaseState {
  /** The generation the database records, or undefined for a database written before anchoring. */
  readonly generation: number | undefined;
  /** The database's audit head (seq 0 when the log is empty). */
  readonly auditSeq: number;
  readonly auditHash: string;
  /** The hash (hex) of the database's audit entry `seq`, if it has one. */
  hashAt(seq: number): string | undefined;
}

export type AnchorVerdict =
  | { readonly kind: 'in-step' }
  /** The database committed and the header write did not happen (power cut): re-anchor. */
  | { readonly kind: 'one-ahead' }
  /** A header from before anchoring, with a database that never had an anchor: anchor now. */
  | { readonly kind: 'unanchored' }
  | { readonly kind: 'database-older'; readonly detail: string }
  | { readonly kind: 'header-older'; readonly detail: string }
  | { readonly kind: 'diverged'; readonly detail: string };

export const EMPTY_AUDIT_HASH = '0'.repeat(64);

export function judgeAnchor(header: HeaderAnchor | undefined, db: DatabaseState): AnchorVerdict {
  if (header === undefined) {
    return db.generation === undefined
      ? { kind: 'unanchored' }
      : { kind: 'header-older', detail: `the database is at generation ${db.generation} but vault.json carries no anchor` };
  }
  if (db.generation === undefined || db.generation < header.generation) {
    return { kind: 'database-older', detail: `the database is at generation ${db.generation ?? 'none'}, the header expects ${header.generation}` };
  }
  if (db.generation > header.generation + 1) {
    return { kind: 'header-older', detail: `the database is at generation ${db.generation}, the header only at ${header.generation}` };
  }
  if (db.auditSeq < header.auditSeq) {
    return { kind: 'database-older', detail: `the audit log ends at entry ${db.auditSeq}, the header saw entry ${header.auditSeq}` };
  }
  if (db.generation === header.generation) {
    return db.auditSeq === header.auditSeq && db.auditHash === header.auditHash
      ? { kind: 'in-step' }
      : { kind: 'diverged', detail: `at generation ${db.generation} the audit head is entry ${db.auditSeq}, not the entry ${header.auditSeq} the header saw` };
  }
  // One generation ahead: the header's audit head must still be in the database's chain.
  const seen = header.auditSeq === 0 ? EMPTY_AUDIT_HASH : db.hashAt(header.auditSeq);
  return seen === header.auditHash
    ? { kind: 'one-ahead' }
    : { kind: 'diverged', detail: `audit entry ${header.auditSeq} is not the one the header saw` };
}

/** What a team server would be given: the anchor, bound to the vault. No secret, no content. */
export interface AnchoredAuditHead extends HeaderAnchor {
  readonly vaultId: string;
  readonly anchoredAt: string;
}

/**
 * Port for an anchor outside this computer. Once a team server is configured, its client
 * implements this: it signs each anchored audit head with the device's key and publishes it, so
 * a rollback of the whole vault folder (header and database together), which nothing local can
 * notice, is caught by comparing with what the server last saw. No implementation exists yet.
 * `publish` must not throw and must not block: it queues (an outbox) and returns.
 */
export interface AuditHeadPublisher {
  publish(head: AnchoredAuditHead): void;
}
