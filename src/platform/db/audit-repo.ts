import type { AuditEntry, AuditHead } from '../../core/audit/audit-chain';
import type { Db } from './connection';

interface EntryRow {
  seq: number;
  at: string;
  event: string;
  detail: string;
  prev_hash: Buffer;
  hash: Buffer;
  mac: Buffer;
}

const u8 = (b: Buffer): Uint8Array => new Uint8Array(b);

export function createAuditRepo(db: Db) {
  const insert = db.prepare('INSERT INTO audit_log (seq, at, event, detail, prev_hash, hash, mac) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const upsertHead = db.prepare(
    'INSERT INTO audit_head (id, seq, hash, mac) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac',
  );
  const all = db.prepare<[], EntryRow>('SELECT * FROM audit_log ORDER BY rowid');
  const head = db.prepare<[], { seq: number; hash: Buffer; mac: Buffer }>('SELECT seq, hash, mac FROM audit_head WHERE id = 1');
  const hashAt = db.prepare<[number], { hash: Buffer }>('SELECT hash FROM audit_log WHERE seq = ?');
  const toEntry = (r: EntryRow): AuditEntry => ({
    seq: r.seq,
    at: r.at,
    event: r.event,
    detail: r.detail,
    prevHash: u8(r.prev_hash),
    hash: u8(r.hash),
    mac: u8(r.mac),
  });
  return {
    /** Appends an entry and moves the head in one transaction, with `alsoInside` (the anchor) in it too. */
    append(entry: AuditEntry, newHead: AuditHead, alsoInside: () => void = () => undefined): void {
      db.transaction(() => {
        insert.run(entry.seq, entry.at, entry.event, entry.detail, Buffer.from(entry.prevHash), Buffer.from(entry.hash), Buffer.from(entry.mac));
        upsertHead.run(newHead.seq, Buffer.from(newHead.hash), Buffer.from(newHead.mac));
        alsoInside();
      })();
    },
    /** The hash of entry `seq`, if the log holds it. */
    hashAt(seq: number): Uint8Array | undefined {
      const r = hashAt.get(seq);
      return r && u8(r.hash);
    },
    /** Entries in storage order (rowid), so a reordering shows up as a sequence break. */
    entries(): AuditEntry[] {
      return all.all().map(toEntry);
    },
    head(): AuditHead | undefined {
      const r = head.get();
      return r && { seq: r.seq, hash: u8(r.hash), mac: u8(r.mac) };
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
