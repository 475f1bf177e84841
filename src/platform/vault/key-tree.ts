import { createHash } from 'node:crypto';

/**
 * The two-level key tree (#15 section 2, docs/RETENTION.md "Key tree"). Every recording's data key
 * and every artifact key is wrapped under the key-encryption key (KEK) of its owner's bucket; the
 * bucket KEKs, and only they, are wrapped under the shred epoch's wrapping key. A destruction gives
 * every bucket it touched a fresh KEK (its live members rewrapped) before the shred secret
 * rotates, so a rotation rewraps the touched buckets' members and the KEKs, not every key.
 *
 * A stored key's `key_epoch` column names its wrapping: `n >= 0` is the flat wrap of epoch n (a
 * vault from before migration 023, until its unlock converts it); a negative value is bucket
 * `-1 - key_epoch` (`bucketRef`).
 */
export const KEY_BUCKETS = 256;

/** The bucket of an owner (a recording or call id): fixed, from the id alone. */
export function bucketOf(owner: string): number {
  return createHash('sha256').update(owner, 'utf8').digest()[0] ?? 0;
}

/** The `key_epoch` value of a key wrapped under `bucket`'s KEK. */
export function bucketRef(bucket: number): number {
  return -1 - bucket;
}

/** The bucket a stored `key_epoch` names, or undefined for a flat (epoch) wrap. */
export function bucketOfRef(keyEpoch: number): number | undefined {
  return keyEpoch < 0 ? -1 - keyEpoch : undefined;
}

/** The authenticated data of a bucket's wrapped KEK: a KEK moved to another bucket does not open. */
export function kekAd(bucket: number): Uint8Array {
  return new TextEncoder().encode(`cv-bucket-kek-v1:${bucket}`);
}
