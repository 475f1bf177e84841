import type { Queryable } from '../db/db';

/**
 * Where ciphertext lives. The default keeps it in the database, inside the same transaction as
 * the share's rows, so an upload is one commit. An S3-compatible store would `put` before the
 * commit and let the sweep delete objects that no share row names (docs/SERVER.md).
 * Blobs are ciphertext only; the store never sees a key.
 */
export interface BlobStore {
  put(tx: Queryable, blobId: string, bytes: Uint8Array): Promise<void>;
  get(db: Queryable, blobId: string): Promise<Uint8Array | undefined>;
  delete(tx: Queryable, blobId: string): Promise<void>;
}

/**
 * Bytes cross the driver as base64 text and PostgreSQL decodes them: PGlite turns a large
 * bytea parameter into hex in JavaScript, about 15 times slower for a 10-minute clip.
 * (PostgreSQL's encode() breaks lines every 76 characters; Buffer's base64 decoder skips them.)
 */
export const databaseBlobStore: BlobStore = {
  async put(tx, blobId, bytes) {
    await tx.query("INSERT INTO blobs (blob_id, bytes) VALUES ($1, decode($2, 'base64'))", [blobId, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')]);
  },
  async get(db, blobId) {
    const rows = await db.query<{ bytes: string }>("SELECT encode(bytes, 'base64') AS bytes FROM blobs WHERE blob_id = $1", [blobId]);
    return rows[0] === undefined ? undefined : new Uint8Array(Buffer.from(rows[0].bytes, 'base64'));
  },
  async delete(tx, blobId) {
    await tx.query('DELETE FROM blobs WHERE blob_id = $1', [blobId]);
  },
};
