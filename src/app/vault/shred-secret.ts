import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import type { Db } from '../../platform/db/connection';
import { bucketOf, bucketRef } from '../../platform/vault/key-tree';
import { openKek, RecordingKeys, shredWrapKey, wrapKek } from '../../platform/vault/recording-keys';
import type { ShredKeyStore } from '../../platform/vault/shred-key-store';
import { AppFailure } from '../app-failure';

/**
 * The shred secret (#15 section 2, docs/RETENTION.md "Shred secret" and "Key tree"). Every
 * recording's data key and every artifact key is wrapped under its bucket's KEK, and the bucket
 * KEKs under `shredWrapKey(master, S_n, n)`; S_n lives in a key store OUTSIDE the vault folder.
 * After any destruction every bucket it touched gets a fresh KEK (its live keys rewrapped, one
 * transaction per bucket), then the secret is rotated: a new S_{n+1}, every KEK rewrapped under the
 * new wrapping key, the database's epoch moved to n+1, all in one transaction; S_n is deleted from
 * the store once that commit is durable. So a copy of the vault
 * folder taken before the destruction holds keys wrapped under S_n, and with the passphrase alone
 * nobody can unwrap them any more. The recovery key still opens the vault anywhere: S_n is also
 * sealed (crypto_box_seal) to the vault's recovery box public key inside the database, and only
 * the recovery key re-creates the box's secret half.
 *
 * Crash safety: the store is written (n and n+1) before the transaction, and trimmed to n+1 after
 * it; the database's epoch says which secret is in use, and `rotation_due` (set in the
 * destruction's own transaction) says a rotation is owed. At unlock: the secret of the database's
 * epoch must be in the store (checked against `secret_check`), any other entry is dropped, and an
 * owed rotation is done.
 */

/** Where a rotation may be interrupted (tests throw there; a real crash can stop anywhere). */
export type ShredStep = 'bucket-rekeyed' | 'store-written' | 'rewrapped' | 'committed' | 'cleaned';

/** How far a rotation is: buckets given a fresh KEK so far, then the rotation itself. */
export interface ShredProgress {
  readonly phase: 'rekey' | 'rotate';
  readonly done: number;
  readonly total: number;
}

/** What a rotation did: buckets rekeyed, their live keys rewrapped, and the bucket KEKs moved to the new epoch. */
export interface RotationStats {
  readonly bucketsRekeyed: number;
  readonly keysRewrapped: number;
  readonly keksRewrapped: number;
  /** Wall time from the first bucket to the old secret deleted (pauses of a sliced rotation included). */
  readonly ms: number;
  /** The longest piece run without giving the thread back: one bucket's transaction, or the final one. */
  readonly longestSliceMs: number;
}

/** How the vault was opened, as far as the shred secret cares. */
export interface ShredUnlock {
  /** The recovery box key pair, derived from the recovery key when the vault was unlocked with it. */
  readonly recoveryBox?: { readonly publicKey: Uint8Array; readonly secretKey: Uint8Array };
  /** A new vault's recovery box public key (creation knows the recovery secret once). */
  readonly recoveryPublicKey?: Uint8Array;
}

export interface ShredHooks {
  /** TEST ONLY: called after each step of a rotation; a throw there plays a crash at that point. */
  readonly afterStep?: (step: ShredStep) => void;
  /** Audit entries (ids and counts only). */
  readonly audit?: (event: 'vault.shred_rotated' | 'vault.key_store_recreated' | 'vault.key_tree_built', detail: Readonly<Record<string, number | string>>) => void;
}

interface Row {
  epoch: number;
  secret_check: Buffer;
  escrow_kind: 'recovery-box' | 'master';
  recovery_public_key: Buffer | null;
  escrow: Buffer;
  rotation_due: number;
}

const CHECK_MESSAGE = new TextEncoder().encode('cv-shred-check-v1');
export const KEY_STORE_MISSING = 'key-store-missing';
export const KEY_STORE_MISMATCH = 'key-store-mismatch';

export class ShredSecret {
  private epochNow = 0;
  private secretNow: Uint8Array | undefined;
  private lastStats: RotationStats | undefined;
  private readonly recordingKeys: RecordingKeys;

  private constructor(
    private readonly crypto: Crypto,
    private readonly db: Db,
    private readonly masterKey: () => SymmetricKey,
    private readonly store: ShredKeyStore,
    private readonly vaultId: string,
    private readonly hooks: ShredHooks,
  ) {
    this.recordingKeys = new RecordingKeys(crypto, masterKey, (epoch) => this.secret(epoch));
  }

  /**
   * Reads (or, for a new vault or one from before the shred secret, makes) the vault's shred
   * secret, finishes a rotation a crash interrupted, and re-creates a missing store from the
   * recovery escrow when the vault was unlocked with the recovery key. Refuses, writing nothing,
   * when the store is missing or does not match and only the passphrase (or the device) was used.
   */
  static attach(crypto: Crypto, db: Db, masterKey: () => SymmetricKey, store: ShredKeyStore, vaultId: string, unlock: ShredUnlock, hooks: ShredHooks = {}): ShredSecret {
    const shred = new ShredSecret(crypto, db, masterKey, store, vaultId, hooks);
    shred.open(unlock);
    return shred;
  }

  /** The epoch new keys are wrapped under. */
  get epoch(): number {
    return this.epochNow;
  }

  /** S_epoch while it is the current one; undefined for any other (destroyed, or never known). */
  secret(epoch: number): Uint8Array | undefined {
    return epoch === this.epochNow ? this.secretNow : undefined;
  }

  /** Marks a rotation as owed, inside the destruction's transaction. */
  markDue(): void {
    this.db.prepare('UPDATE shred_state SET rotation_due = 1 WHERE id = 1').run();
  }

  rotationDue(): boolean {
    return (this.row()?.rotation_due ?? 0) === 1;
  }

  /** Rotates if a destruction asked for it (once per sweep or deletion batch). */
  rotateIfDue(): void {
    if (this.rotationDue()) {
      this.rotate();
    }
  }

  wipe(): void {
    if (this.secretNow !== undefined) {
      this.crypto.wipe(this.secretNow);
      this.secretNow = undefined;
    }
  }

  private row(): Row | undefined {
    return this.db.prepare<[], Row>('SELECT epoch, secret_check, escrow_kind, recovery_public_key, escrow, rotation_due FROM shred_state WHERE id = 1').get();
  }

  private open(unlock: ShredUnlock): void {
    const row = this.row();
    if (row === undefined) {
      this.setUp(unlock);
      return;
    }
    const stored = this.readStore(unlock);
    let secret = stored?.get(row.epoch);
    let recreated = false;
    if (secret === undefined || !this.checks(secret, row)) {
      secret = this.fromEscrow(row, unlock, stored === undefined ? KEY_STORE_MISSING : KEY_STORE_MISMATCH);
      recreated = true;
    }
    this.epochNow = row.epoch;
    this.secretNow = Uint8Array.from(secret);
    if (recreated || stored === undefined || stored.size !== 1) {
      // A rotation interrupted after its commit (n+1 in the database, n still stored) or before it
      // (n+1 stored, unused): only the database's secret is kept. Or the store re-created.
      this.store.write(new Map([[row.epoch, this.secretNow]]));
      if (recreated) {
        this.hooks.audit?.('vault.key_store_recreated', { epoch: row.epoch });
      }
    }
    for (const s of stored?.values() ?? []) {
      this.crypto.wipe(s);
    }
    if (row.escrow_kind === 'master' && unlock.recoveryBox !== undefined) {
      // A vault from before the shred secret, opened with its recovery key: from now on the escrow is
      // the recovery box, and the secret the master-key escrow held is rotated away.
      this.db.prepare("UPDATE shred_state SET escrow_kind = 'recovery-box', recovery_public_key = ?, rotation_due = 1 WHERE id = 1").run(Buffer.from(unlock.recoveryBox.publicKey));
    }
    this.convertToTree();
    this.rotateIfDue();
  }

  private readStore(unlock: ShredUnlock): Map<number, Uint8Array> | undefined {
    try {
      return this.store.read();
    } catch (error) {
      if (unlock.recoveryBox !== undefined) {
        return undefined; // the recovery key re-creates it
      }
      throw new AppFailure('WRONG_SECRET', (error as Error).message, { cause: error, detail: KEY_STORE_MISMATCH });
    }
  }

  /** The secret from the escrow in the database: the recovery box needs the recovery key; the master escrow (an old vault) the master key. */
  private fromEscrow(row: Row, unlock: ShredUnlock, why: typeof KEY_STORE_MISSING | typeof KEY_STORE_MISMATCH): Uint8Array {
    let secret: Uint8Array | undefined;
    if (row.escrow_kind === 'master') {
      secret = this.withMasterEscrowKey((key) => {
        try {
          return this.crypto.open(key, new Uint8Array(row.escrow), this.escrowAd(row.epoch));
        } catch {
          return undefined;
        }
      });
    } else if (unlock.recoveryBox !== undefined) {
      try {
        secret = this.crypto.openSealedBox(unlock.recoveryBox, new Uint8Array(row.escrow));
      } catch {
        secret = undefined;
      }
    } else {
      throw new AppFailure(
        'WRONG_SECRET',
        why === KEY_STORE_MISSING
          ? `This vault's key store is not on this device (${this.store.location}): the vault folder was moved or copied without it. Unlock with your recovery key to re-create it.`
          : `This vault's key store (${this.store.location}) does not hold the key this vault uses: it was altered, or belongs to an older or newer copy of the vault. Unlock with your recovery key to re-create it.`,
        { detail: why },
      );
    }
    if (secret === undefined || !this.checks(secret, row)) {
      throw new AppFailure('INTEGRITY', "The vault's key escrow does not open or does not match its keys: the database was altered. Restore the vault folder from a backup.", { detail: 'shred-escrow' });
    }
    return secret;
  }

  private checks(secret: Uint8Array, row: Row): boolean {
    if (secret.length !== 32) {
      return false;
    }
    return this.crypto.constantTimeEqual(this.checkOf(secret, row.epoch), new Uint8Array(row.secret_check));
  }

  private checkOf(secret: Uint8Array, epoch: number): Uint8Array {
    const key = shredWrapKey(this.crypto, this.masterKey(), secret, epoch);
    try {
      return this.crypto.mac(key, CHECK_MESSAGE);
    } finally {
      this.crypto.wipe(key);
    }
  }

  private escrowOf(secret: Uint8Array, epoch: number, recoveryPublicKey: Uint8Array | null): { kind: Row['escrow_kind']; escrow: Uint8Array } {
    if (recoveryPublicKey !== null) {
      return { kind: 'recovery-box', escrow: this.crypto.sealToPublicKey(recoveryPublicKey, secret) };
    }
    return { kind: 'master', escrow: this.withMasterEscrowKey((key) => this.crypto.seal(key, secret, this.escrowAd(epoch))) };
  }

  private withMasterEscrowKey<T>(use: (key: SymmetricKey) => T): T {
    const key = this.crypto.deriveKeyFromHighEntropy(this.masterKey(), `shred-escrow-v1:${this.vaultId}`);
    try {
      return use(key);
    } finally {
      this.crypto.wipe(key);
    }
  }

  private escrowAd(epoch: number): Uint8Array {
    return new TextEncoder().encode(`cv-shred-escrow-v1:${this.vaultId}:${epoch}`);
  }

  /**
   * A new vault, or one from before the shred secret (its keys at epoch 0): a first secret, every
   * live key put in the key tree under it, the row written, in one transaction. Secrets already in
   * the store (a set-up interrupted, or a salvage that lost the row) are used to unwrap and then dropped.
   */
  private setUp(unlock: ShredUnlock): void {
    const prior = this.readStore(unlock) ?? new Map<number, Uint8Array>();
    const epoch = Math.max(0, ...prior.keys()) + 1;
    const secret = this.crypto.randomBytes(32);
    this.store.write(new Map([...prior, [epoch, secret]]));
    const recoveryPublicKey = unlock.recoveryPublicKey ?? unlock.recoveryBox?.publicKey ?? null;
    const rewrapped = this.db.transaction(() => {
      const count = this.withWrappingKeys((e) => (e === 0 ? null : prior.get(e)), epoch, secret, (keys) => this.rewrapKeks(keys) + this.buildTree(keys).keys);
      const { kind, escrow } = this.escrowOf(secret, epoch, recoveryPublicKey);
      this.db
        .prepare('INSERT INTO shred_state (id, epoch, secret_check, escrow_kind, recovery_public_key, escrow, rotation_due) VALUES (1, ?, ?, ?, ?, ?, 0)')
        .run(epoch, Buffer.from(this.checkOf(secret, epoch)), kind, recoveryPublicKey === null ? null : Buffer.from(recoveryPublicKey), Buffer.from(escrow));
      return count;
    })();
    this.epochNow = epoch;
    this.secretNow = secret;
    this.store.write(new Map([[epoch, secret]]));
    for (const s of prior.values()) {
      this.crypto.wipe(s);
    }
    if (rewrapped > 0) {
      this.hooks.audit?.('vault.shred_rotated', { epoch, keys: rewrapped });
    }
  }

  /**
   * A vault at schema 22 (or one whose keys a migration or salvage wrapped flat): its flat keys are
   * put in the key tree under the current epoch, in one transaction (migration 023's conversion;
   * interrupted, it is simply done again at the next unlock).
   */
  private convertToTree(): void {
    if (!this.hasFlatKeys()) {
      return;
    }
    const epoch = this.epochNow;
    const current = this.secretNow;
    if (current === undefined) {
      throw new AppFailure('INTERNAL', 'The shred secret is not loaded; the vault cannot convert its keys.');
    }
    const built = this.db.transaction(() => this.withWrappingKeys((e) => (e === 0 ? null : e === epoch ? current : undefined), epoch, current, (keys) => this.buildTree(keys)))();
    this.hooks.audit?.('vault.key_tree_built', { epoch, keys: built.keys, buckets: built.buckets });
  }

  private hasFlatKeys(): boolean {
    return this.db.prepare('SELECT EXISTS (SELECT 1 FROM recordings WHERE key_epoch >= 0 AND length(wrapped_key) > 0) OR EXISTS (SELECT 1 FROM artifact_keys WHERE key_epoch >= 0 AND length(wrapped_key) > 0)').pluck().get() === 1;
  }

  /**
   * DANGEROUS, irreversible once done. First every bucket a destruction touched gets a fresh KEK,
   * its live keys rewrapped under it (one transaction per bucket); then S_{n+1}, every bucket KEK
   * rewrapped under it, the epoch moved, in one transaction; then S_n deleted from the store. Keys
   * destroyed before it stay destroyed; whatever a copy holds wrapped under S_n no longer opens with
   * the passphrase, and no KEK that ever wrapped a destroyed key is left in the vault.
   */
  rotate(): void {
    for (const _ of this.rotation()) {
      // each bucket's transaction is done when the generator yields
    }
  }

  /**
   * The same rotation (if one is owed) one bucket at a time, for a caller that gives the event loop
   * back between buckets: a sweep that destroyed many calls touches every bucket, and rekeying them
   * all at once would hold the thread for seconds. A destruction meanwhile only marks more buckets;
   * the final step rekeys any left, and a rotation run meanwhile leaves this one nothing to do.
   */
  *rotationIfDue(): Generator<ShredProgress, void, undefined> {
    if (this.rotationDue()) {
      yield* this.rotation();
    }
  }

  /** What the last rotation did (counted for the audit entry, the bench and the tests). */
  get lastRotation(): RotationStats | undefined {
    return this.lastStats;
  }

  private *rotation(): Generator<ShredProgress, void, undefined> {
    const started = performance.now();
    const total = this.dirtyBuckets().length;
    const stats = { bucketsRekeyed: 0, keysRewrapped: 0, keksRewrapped: 0, ms: 0, longestSliceMs: 0 };
    const timed = <T>(fn: () => T): T => {
      const at = performance.now();
      try {
        return fn();
      } finally {
        stats.longestSliceMs = Math.max(stats.longestSliceMs, performance.now() - at);
      }
    };
    for (let bucket = this.dirtyBuckets()[0]; bucket !== undefined; bucket = this.dirtyBuckets()[0]) {
      const b = bucket;
      stats.keysRewrapped += timed(() => this.db.transaction(() => this.withCurrentKeys((keys) => this.rekeyBucket(b, keys)))());
      stats.bucketsRekeyed += 1;
      this.step('bucket-rekeyed');
      yield { phase: 'rekey', done: stats.bucketsRekeyed, total: Math.max(total, stats.bucketsRekeyed) };
    }
    if (!this.rotationDue()) {
      return; // a rotation ran meanwhile (a delete during a sliced one) and did the rest
    }
    const row = this.row();
    const current = this.secretNow;
    if (row === undefined || current === undefined || row.epoch !== this.epochNow) {
      throw new AppFailure('INTERNAL', 'The shred secret is not loaded; the vault cannot rotate it.');
    }
    const from = this.epochNow;
    const next = from + 1;
    const secret = this.crypto.randomBytes(32);
    const finalStart = performance.now();
    this.store.write(new Map([[from, current], [next, secret]]));
    this.step('store-written');
    this.db.transaction(() => {
      // Normally none is left; one a destruction marked since is rekeyed here, under S_n, before the KEKs move.
      for (const bucket of this.dirtyBuckets()) {
        stats.keysRewrapped += this.withCurrentKeys((keys) => this.rekeyBucket(bucket, keys));
        stats.bucketsRekeyed += 1;
      }
      stats.keksRewrapped = this.withWrappingKeys((e) => (e === from ? current : undefined), next, secret, (keys) => this.rewrapKeks(keys));
      const recoveryPublicKey = row.recovery_public_key === null ? null : new Uint8Array(row.recovery_public_key);
      const { kind, escrow } = this.escrowOf(secret, next, recoveryPublicKey);
      this.db
        .prepare('UPDATE shred_state SET epoch = ?, secret_check = ?, escrow_kind = ?, escrow = ?, rotation_due = 0 WHERE id = 1')
        .run(next, Buffer.from(this.checkOf(secret, next)), kind, Buffer.from(escrow));
      this.step('rewrapped'); // a throw here rolls the whole rotation back
    })();
    // synchronous=FULL: the commit is on disk; the old secret may go.
    this.epochNow = next;
    this.secretNow = secret;
    this.step('committed');
    this.store.write(new Map([[next, secret]]));
    this.crypto.wipe(current);
    stats.longestSliceMs = Math.max(stats.longestSliceMs, performance.now() - finalStart);
    stats.ms = performance.now() - started;
    this.lastStats = stats;
    this.hooks.audit?.('vault.shred_rotated', { epoch: next, keys: stats.keysRewrapped + stats.keksRewrapped, buckets: stats.bucketsRekeyed });
    this.step('cleaned');
    yield { phase: 'rotate', done: 1, total: 1 };
  }

  private step(step: ShredStep): void {
    this.hooks.afterStep?.(step);
  }

  private dirtyBuckets(): number[] {
    return this.db.prepare<[], number>('SELECT bucket FROM key_buckets WHERE rekey_due = 1 ORDER BY bucket').pluck().all();
  }

  private withCurrentKeys<T>(use: (keys: WrappingKeys) => T): T {
    const current = this.secretNow;
    if (current === undefined) {
      throw new AppFailure('INTERNAL', 'The shred secret is not loaded; the vault cannot rekey its buckets.');
    }
    const epoch = this.epochNow;
    return this.withWrappingKeys((e) => (e === epoch ? current : undefined), epoch, current, use);
  }

  /**
   * Runs `use` with the wrapping key of `epoch` (under `secret`) and the wrapping key of any epoch a
   * stored key names (`secretOf`: null for epoch 0, the master key's sub-key alone; undefined for
   * an epoch whose secret is gone, which stops the work with INTEGRITY). Every key is wiped after.
   */
  private withWrappingKeys<T>(secretOf: (epoch: number) => Uint8Array | null | undefined, epoch: number, secret: Uint8Array, use: (keys: WrappingKeys) => T): T {
    const to = shredWrapKey(this.crypto, this.masterKey(), secret, epoch);
    const fromKeys = new Map<number, SymmetricKey>();
    const from = (e: number): SymmetricKey => {
      let key = fromKeys.get(e);
      if (key === undefined) {
        const s = secretOf(e);
        if (s === undefined) {
          throw new AppFailure('INTEGRITY', `Some of this vault's keys are wrapped under key epoch ${e}, whose secret is not in the key store. Restore the vault folder with its key store, or unlock with your recovery key.`);
        }
        key = s === null ? this.crypto.deriveSubkey(this.masterKey(), { kind: 'recording-wrap', epoch: 0 }) : shredWrapKey(this.crypto, this.masterKey(), s, e);
        fromKeys.set(e, key);
      }
      return key;
    };
    try {
      return use({ epoch, to, from });
    } finally {
      this.crypto.wipe(to);
      for (const key of fromKeys.values()) {
        this.crypto.wipe(key);
      }
    }
  }

  /** Rewraps every bucket KEK under `keys.to` (a rotation, or a set-up). Returns how many. */
  private rewrapKeks(keys: WrappingKeys): number {
    const rows = this.db.prepare<[], { bucket: number; key_epoch: number; wrapped_kek: Buffer }>('SELECT bucket, key_epoch, wrapped_kek FROM key_buckets').all();
    const set = this.db.prepare<[number, Buffer, number]>('UPDATE key_buckets SET key_epoch = ?, wrapped_kek = ? WHERE bucket = ?');
    for (const r of rows) {
      const kek = this.openKekOf(r, keys);
      try {
        set.run(keys.epoch, Buffer.from(wrapKek(this.crypto, keys.to, r.bucket, kek)), r.bucket);
      } finally {
        this.crypto.wipe(kek);
      }
    }
    return rows.length;
  }

  private openKekOf(row: { bucket: number; key_epoch: number; wrapped_kek: Buffer }, keys: WrappingKeys): SymmetricKey {
    try {
      return openKek(this.crypto, keys.from(row.key_epoch), row.bucket, new Uint8Array(row.wrapped_kek));
    } catch (error) {
      throw new AppFailure('INTEGRITY', `The key-encryption key of key bucket ${row.bucket} does not open: the vault's key table was altered. Restore the vault folder from a backup.`, { cause: error });
    }
  }

  /**
   * Gives a bucket a fresh KEK and rewraps its live keys under it (inside the caller's transaction),
   * or removes the bucket when none is left. The old KEK, which wrapped the keys just destroyed, is
   * overwritten (secure_delete) and its copies elsewhere stay under S_n, which the rotation deletes.
   * Returns the keys rewrapped.
   */
  private rekeyBucket(bucket: number, keys: WrappingKeys): number {
    const row = this.db.prepare<[number], { bucket: number; key_epoch: number; wrapped_kek: Buffer; rekey_due: number }>('SELECT bucket, key_epoch, wrapped_kek, rekey_due FROM key_buckets WHERE bucket = ?').get(bucket);
    if (row === undefined || row.rekey_due !== 1) {
      return 0;
    }
    const ref = bucketRef(bucket);
    const recordings = this.db.prepare<[number], { id: string; wrapped_key: Buffer }>('SELECT id, wrapped_key FROM recordings WHERE key_epoch = ? AND length(wrapped_key) > 0').all(ref);
    const artifacts = this.db.prepare<[number], { owner: string; artifact: string; wrapped_key: Buffer }>('SELECT owner, artifact, wrapped_key FROM artifact_keys WHERE key_epoch = ? AND length(wrapped_key) > 0').all(ref);
    if (recordings.length + artifacts.length === 0) {
      this.db.prepare('DELETE FROM key_buckets WHERE bucket = ?').run(bucket);
      return 0;
    }
    const old = this.openKekOf(row, keys);
    const fresh = this.crypto.randomKey();
    try {
      const setRecording = this.db.prepare<[Buffer, string]>('UPDATE recordings SET wrapped_key = ? WHERE id = ?');
      for (const r of recordings) {
        setRecording.run(Buffer.from(this.recordingKeys.rewrap({ kind: 'recording', recordingId: r.id }, new Uint8Array(r.wrapped_key), old, fresh)), r.id);
      }
      const setArtifact = this.db.prepare<[Buffer, string, string]>('UPDATE artifact_keys SET wrapped_key = ? WHERE owner = ? AND artifact = ?');
      for (const a of artifacts) {
        setArtifact.run(Buffer.from(this.recordingKeys.rewrap({ kind: 'artifact', owner: a.owner, artifact: a.artifact }, new Uint8Array(a.wrapped_key), old, fresh)), a.owner, a.artifact);
      }
      this.db.prepare<[number, Buffer, number]>('UPDATE key_buckets SET key_epoch = ?, wrapped_kek = ?, rekey_due = 0 WHERE bucket = ?').run(keys.epoch, Buffer.from(wrapKek(this.crypto, keys.to, bucket, fresh)), bucket);
    } finally {
      this.crypto.wipe(old);
      this.crypto.wipe(fresh);
    }
    return recordings.length + artifacts.length;
  }

  /**
   * Puts every live flat key (wrapped under an epoch's key: `keys.from`) into its owner's bucket,
   * making a bucket's KEK (wrapped under `keys.to`) when it has none. Inside the caller's transaction.
   */
  private buildTree(keys: WrappingKeys): { keys: number; buckets: number } {
    const keks = new Map<number, SymmetricKey>();
    const kekOf = (bucket: number): SymmetricKey => {
      let kek = keks.get(bucket);
      if (kek === undefined) {
        const row = this.db.prepare<[number], { bucket: number; key_epoch: number; wrapped_kek: Buffer }>('SELECT bucket, key_epoch, wrapped_kek FROM key_buckets WHERE bucket = ?').get(bucket);
        if (row === undefined) {
          kek = this.crypto.randomKey();
          this.db.prepare<[number, number, Buffer]>('INSERT INTO key_buckets (bucket, key_epoch, wrapped_kek) VALUES (?, ?, ?)').run(bucket, keys.epoch, Buffer.from(wrapKek(this.crypto, keys.to, bucket, kek)));
        } else {
          kek = this.openKekOf(row, keys);
        }
        keks.set(bucket, kek);
      }
      return kek;
    };
    let count = 0;
    try {
      const recordings = this.db.prepare<[], { id: string; key_epoch: number; wrapped_key: Buffer }>('SELECT id, key_epoch, wrapped_key FROM recordings WHERE key_epoch >= 0 AND length(wrapped_key) > 0').all();
      const setRecording = this.db.prepare<[number, Buffer, string]>('UPDATE recordings SET key_epoch = ?, wrapped_key = ? WHERE id = ?');
      for (const r of recordings) {
        const bucket = bucketOf(r.id);
        setRecording.run(bucketRef(bucket), Buffer.from(this.recordingKeys.rewrap({ kind: 'recording', recordingId: r.id }, new Uint8Array(r.wrapped_key), keys.from(r.key_epoch), kekOf(bucket))), r.id);
        count += 1;
      }
      const artifacts = this.db.prepare<[], { owner: string; artifact: string; key_epoch: number; wrapped_key: Buffer }>('SELECT owner, artifact, key_epoch, wrapped_key FROM artifact_keys WHERE key_epoch >= 0 AND length(wrapped_key) > 0').all();
      const setArtifact = this.db.prepare<[number, Buffer, string, string]>('UPDATE artifact_keys SET key_epoch = ?, wrapped_key = ? WHERE owner = ? AND artifact = ?');
      for (const a of artifacts) {
        const bucket = bucketOf(a.owner);
        setArtifact.run(bucketRef(bucket), Buffer.from(this.recordingKeys.rewrap({ kind: 'artifact', owner: a.owner, artifact: a.artifact }, new Uint8Array(a.wrapped_key), keys.from(a.key_epoch), kekOf(bucket))), a.owner, a.artifact);
        count += 1;
      }
    } finally {
      for (const kek of keks.values()) {
        this.crypto.wipe(kek);
      }
    }
    return { keys: count, buckets: keks.size };
  }
}

/** The wrapping keys a piece of key-tree work uses: the epoch's (`to`) and any a stored key names (`from`). */
interface WrappingKeys {
  readonly epoch: number;
  readonly to: SymmetricKey;
  readonly from: (epoch: number) => SymmetricKey;
}
