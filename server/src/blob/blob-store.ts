import type { Queryable } from '../db/db';
import { bytesOf } from '../db/db';

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

export const databaseBlobStore: BlobStore = {
  async put(tx, blobId, bytes) {
    await tx.query('INSERT INTO blobs (blob_id, bytes) VALUES ($1, $2)', [blobId, bytes]);
  },
  async get(db, blobId) {
    const rows = await db.query<{ bytes: unknown }>('SELECT bytes FROM blobs WHERE blob_id = $1', [blobId]);
    return rows[0] === undefined ? undefined : bytesOf(rows[0].bytes);
  },
  async delete(tx, blobId) {
    await tx.query('DELETE FROM blobs WHERE blob_id = $1', [blobId]);
  },
};
