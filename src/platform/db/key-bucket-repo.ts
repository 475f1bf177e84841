import type { Db } from './connection';

/** A bucket's KEK as stored (migration 023): wrapped under the shred epoch `keyEpoch`. */
export interface StoredBucketKek {
  readonly keyEpoch: number;
  readonly wrappedKek: Uint8Array;
}

export interface KeyBucketStore {
  get(bucket: number): StoredBucketKek | undefined;
  /** Stores a new bucket's KEK; never replaces one (a rekey or rotation goes through the shred secret). */
  insert(bucket: number, kek: StoredBucketKek): void;
}

/** `key_buckets`: one wrapped KEK per bucket in use. */
export function createKeyBucketStore(db: Db): KeyBucketStore {
  const get = db.prepare<[number], { key_epoch: number; wrapped_kek: Buffer }>('SELECT key_epoch, wrapped_kek FROM key_buckets WHERE bucket = ?');
  const insert = db.prepare<[number, number, Buffer]>('INSERT INTO key_buckets (bucket, key_epoch, wrapped_kek) VALUES (?, ?, ?)');
  return {
    get(bucket) {
      const row = get.get(bucket);
      return row && { keyEpoch: row.key_epoch, wrappedKek: new Uint8Array(row.wrapped_kek) };
    },
    insert(bucket, kek) {
      insert.run(bucket, kek.keyEpoch, Buffer.from(kek.wrappedKek));
    },
  };
}
