import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AuditHeadPublisher } from '../../core/audit/audit-anchor';
import { ERASED_PREFIX, type ErasedField, type ErasureDigest } from '../../core/calls/call';
import type { Crypto, SymmetricKey } from '../../core/ports/crypto';
import type { RecordingRecord, RecordingWriter } from '../../core/recordings/recording';
import type { SearchIndexReader, SearchIndexWriter } from '../../core/ports/search-index';
import { LOCAL_ARTIFACTS, type LocalArtifact } from '../../core/retention/retention-store';
import { ChunkFileReader, ChunkWriter, indexChunkFile, readChunkFile, streamChunkFile, type ChunkFileReport, type ChunkRecordPosition } from '../../platform/audio/chunk-file';
import { RecordingFiles } from '../../platform/audio/recording-files';
import { checkIntegrity, openEncryptedDatabase, scrubAfterDelete, type Db } from '../../platform/db/connection';
import { createVaultRepositories, type VaultRepositories } from '../../platform/db/vault-repositories';
import type { Profile } from '../../platform/vault/profile-store';
import { RecordingKeys } from '../../platform/vault/recording-keys';
import { ArtifactKeys } from '../../platform/vault/artifact-keys';
import { createArtifactKeyStore } from '../../platform/db/artifact-key-repo';
import { createKeyBucketStore } from '../../platform/db/key-bucket-repo';
import { sealedColumn } from '../../platform/db/sealed-columns';
import { SEALED_ARTIFACTS, type ArtifactSealer, type SealedArtifact } from '../../core/ports/artifact-sealer';
import { HEADER_FILE, type VaultHeader } from '../../platform/vault/vault-header';
import { KdfParamsError } from '../../platform/crypto/passphrase-kdf';
import { createVaultKeys, headerPath, recoveryBoxFromKey, rewrapForPassphrase, unwrapMasterKey, verifyMasterKey, writeAnchoredHeader, type KdfProfile, type VaultSecret } from '../../platform/vault/vault-keys';
import { defaultShredKeyStorePath, fileShredKeyStore, type ShredKeyStore } from '../../platform/vault/shred-key-store';
import { ShredSecret, type RotationStats, type ShredHooks, type ShredProgress, type ShredUnlock } from './shred-secret';
import { AppFailure } from '../app-failure';
import { assertNever } from '../../shared/assert';
import { AuditLog } from './audit-log';
import { explainDatabaseFailure } from './vault-salvage';
import { verifyVault, type VaultVerifyReport } from './vault-verify';
import type { DeviceUnlock } from './device-unlock';
import { VaultAnchor } from './vault-anchor';
import { migrationKeysFor } from './migration-keys';

export interface VaultContext {
  readonly crypto: Crypto;
  readonly now: () => Date;
  /** TEST ONLY when 'test-weak' (see passphrase-kdf.ts); the app and the CLI never set it. */
  readonly kdfProfile?: KdfProfile;
  /** Where anchored audit heads go once a team server is configured; none exists yet. */
  readonly auditHeadPublisher?: AuditHeadPublisher;
  /**
   * Where the vault's shred secret is kept, outside the vault folder (#15 section 2). Default:
   * `<profile dir>/keystore/<vaultId>.json`, mode 0600. The Electron host may give one whose bytes
   * safeStorage protects (`fileShredKeyStore(path, vaultId, protector)`).
   */
  readonly shredKeyStore?: (profile: Profile, vaultId: string) => ShredKeyStore;
  /** TEST ONLY: interrupts a shred-secret rotation at a step (see ShredHooks.afterStep). */
  readonly shredHooks?: Pick<ShredHooks, 'afterStep'>;
}

/** The vault's shred key store, as the context says or at its default place. */
export function shredKeyStoreOf(ctx: VaultContext, profile: Profile, vaultId: string): ShredKeyStore {
  return ctx.shredKeyStore?.(profile, vaultId) ?? fileShredKeyStore(defaultShredKeyStorePath(profile.dir, vaultId), vaultId);
}

export type { VaultVerifyReport } from './vault-verify';

const DB_FILE = 'vault.db';
const AUDIO_DESTROYED = 'This call\'s audio was destroyed when its retention period ended.';

/**
 * An unlocked vault: the master key, the open database and the sub-keys derived from it.
 * Keys are held by this object only, and wiped by `close()`.
 */
export class OpenVault {
  readonly recordings: VaultRepositories['recordings'];
  readonly audit: AuditLog;
  readonly settings: VaultRepositories['settings'];
  readonly searchIndex: SearchIndexWriter;
  readonly search: SearchIndexReader;
  readonly calls: VaultRepositories['calls'];
  readonly acknowledgments: VaultRepositories['acknowledgments'];
  readonly approvals: VaultRepositories['approvals'];
  readonly transcripts: VaultRepositories['transcripts'];
  readonly redactionSets: VaultRepositories['redactionSets'];
  readonly jobs: VaultRepositories['jobs'];
  readonly tags: VaultRepositories['tags'];
  readonly peaks: VaultRepositories['peaks'];
  readonly library: VaultRepositories['library'];
  /** Retention facts, holds and the sweep's journal; destruction goes through destroyArtifact. */
  readonly retention: VaultRepositories['retention'];
  readonly team: VaultRepositories['team'];
  readonly summaries: VaultRepositories['summaries'];
  /** Clip revocations a deletion request could not get through yet (retried at each outbox sync). */
  readonly revocations: VaultRepositories['revocations'];
  private readonly recordingWriter: RecordingWriter;
  private readonly recordingKeys: RecordingKeys;
  /** Per-artifact keys (#15 section 2); the repositories seal and open through them. */
  private readonly artifactKeys: ArtifactKeys;
  private readonly files: RecordingFiles;
  private readonly anchor: VaultAnchor;
  /** The shred secret (#15 section 2): set at open, right after the anchor check. */
  private shred: ShredSecret | undefined;
  private closed = false;

  private constructor(
    readonly profile: Profile,
    private header: VaultHeader,
    private readonly masterKey: SymmetricKey,
    private readonly db: Db,
    private readonly auditKey: SymmetricKey,
    private readonly ctx: VaultContext,
  ) {
    this.recordingKeys = new RecordingKeys(
      ctx.crypto,
      () => {
        this.assertOpen();
        return this.masterKey;
      },
      (epoch) => this.shred?.secret(epoch),
      { buckets: createKeyBucketStore(db), epoch: () => this.keyEpoch },
    );
    this.artifactKeys = new ArtifactKeys(ctx.crypto, this.recordingKeys, createArtifactKeyStore(db), () => this.keyEpoch);
    this.files = new RecordingFiles(profile.vaultDir);
    const repos = createVaultRepositories(db, this.artifactKeys);
    ({
      recordings: this.recordings,
      recordingWriter: this.recordingWriter,
      settings: this.settings,
      searchIndex: this.searchIndex,
      search: this.search,
      calls: this.calls,
      acknowledgments: this.acknowledgments,
      approvals: this.approvals,
      transcripts: this.transcripts,
      redactionSets: this.redactionSets,
      jobs: this.jobs,
      tags: this.tags,
      peaks: this.peaks,
      library: this.library,
      retention: this.retention,
      team: this.team,
      summaries: this.summaries,
      revocations: this.revocations,
    } = repos);
    const auditRepo = repos.audit;
    const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.anchor = new VaultAnchor(
      ctx.crypto,
      auditKey,
      {
        inTransaction: () => db.inTransaction,
        totalChanges: () => totalChanges.get() ?? 0,
        settings: this.settings,
        transaction: (fn) => { db.transaction(fn)(); },
      },
      auditRepo,
      {
        current: () => this.header,
        reanchor: (anchor) => { this.header = writeAnchoredHeader(profile.vaultDir, this.header, masterKey, ctx.crypto, anchor); },
      },
      ctx.auditHeadPublisher,
      ctx.now,
    );
    this.audit = new AuditLog(ctx.crypto, auditKey, auditRepo, ctx.now, this.anchor);
  }

  static async create(profile: Profile, passphrase: string, ctx: VaultContext): Promise<{ vault: OpenVault; recoveryKey: string }> {
    if (fs.existsSync(headerPath(profile.vaultDir))) {
      throw new AppFailure('VAULT_EXISTS', `Profile "${profile.displayName}" already has a vault. Unlock it instead.`);
    }
    // A database without a header is left from an interrupted creation; its key died with it.
    removeVaultFiles(profile.vaultDir);
    let vault: OpenVault | undefined;
    let createdStore: ShredKeyStore | undefined;
    try {
      new RecordingFiles(profile.vaultDir).createDir();
      const keys = await createVaultKeys(profile.vaultDir, passphrase, ctx.crypto, ctx.now(), ctx.kdfProfile);
      createdStore = shredKeyStoreOf(ctx, profile, keys.header.vaultId);
      vault = OpenVault.open(profile, keys.header, keys.masterKey, ctx, true, { recoveryPublicKey: keys.recoveryPublicKey });
      // The header goes last: its presence is what marks the vault as existing.
      keys.write();
      vault.audit.record('vault.created', { vaultId: keys.header.vaultId });
      return { vault, recoveryKey: keys.recoveryKey };
    } catch (error) {
      // Fail whole: a refused or failed creation leaves no half-made vault behind.
      vault?.discard();
      removeVaultFiles(profile.vaultDir);
      createdStore?.remove();
      throw error;
    }
  }

  static async unlock(profile: Profile, secret: VaultSecret, ctx: VaultContext): Promise<OpenVault> {
    const unwrapped = await OpenVault.unwrap(profile, secret, ctx);
    // The recovery key also re-creates the recovery box, which opens the shred secret's escrow.
    const recoveryBox = secret.kind === 'recovery-key' ? recoveryBoxFromKey(ctx.crypto, secret.recoveryKey, unwrapped.header.vaultId) : undefined;
    try {
      return OpenVault.open(profile, unwrapped.header, unwrapped.masterKey, ctx, false, recoveryBox === undefined ? {} : { recoveryBox });
    } finally {
      if (recoveryBox !== undefined) {
        ctx.crypto.wipe(recoveryBox.secretKey);
      }
    }
  }

  /** Proves a secret opens the vault (a passphrase change asks again) without opening its database. */
  static async proveSecret(profile: Profile, secret: VaultSecret, ctx: VaultContext): Promise<void> {
    const { masterKey } = await OpenVault.unwrap(profile, secret, ctx);
    ctx.crypto.wipe(masterKey);
  }

  private static async unwrap(profile: Profile, secret: VaultSecret, ctx: VaultContext): Promise<Awaited<ReturnType<typeof unwrapMasterKey>>> {
    try {
      return await unwrapMasterKey(profile.vaultDir, secret, ctx.crypto);
    } catch (error) {
      if (error instanceof KdfParamsError) {
        throw new AppFailure('VAULT_HEADER_TAMPERED', error.message, { cause: error });
      }
      throw error;
    }
  }

  /** Opens with a master key recalled from the OS keychain; the header MAC must verify first. */
  static openWithMasterKey(profile: Profile, masterKey: SymmetricKey, ctx: VaultContext): OpenVault {
    const header = verifyMasterKey(profile.vaultDir, masterKey, ctx.crypto);
    return OpenVault.open(profile, header, masterKey, ctx, false, {});
  }

  private static open(profile: Profile, header: VaultHeader, masterKey: SymmetricKey, ctx: VaultContext, create: boolean, unlock: ShredUnlock): OpenVault {
    const dbKey = ctx.crypto.deriveSubkey(masterKey, { kind: 'database' });
    let db: Db;
    // Migrations 013 and 021 seal rows: they need the artifact keys, made here for them.
    const migration = migrationKeysFor(ctx.crypto, masterKey, header.keyEpoch);
    try {
      db = openEncryptedDatabase(path.join(profile.vaultDir, DB_FILE), dbKey, { create, migrationKeys: migration.keysFor });
    } catch (error) {
      ctx.crypto.wipe(masterKey);
      throw explainDatabaseFailure(error);
    } finally {
      ctx.crypto.wipe(dbKey);
      migration.wipe();
    }
    const auditKey = ctx.crypto.deriveSubkey(masterKey, { kind: 'audit-mac' });
    const vault = new OpenVault(profile, header, masterKey, db, auditKey, ctx);
    try {
      if (!create) {
        vault.anchor.checkAtOpen();
      }
      // After the anchor check: an older database put back is refused before anything is written.
      vault.shred = ShredSecret.attach(ctx.crypto, db, () => vault.masterKey, shredKeyStoreOf(ctx, profile, header.vaultId), header.vaultId, unlock, {
        ...ctx.shredHooks,
        audit: (event, detail) => vault.audit.record(event, detail),
      });
    } catch (error) {
      vault.discard();
      throw error;
    }
    return vault;
  }

  /** The current time from the injected clock (the vault's context), for anything that stamps a row. */
  now(): Date {
    return this.ctx.now();
  }

  get vaultId(): string {
    return this.header.vaultId;
  }

  /** The shred epoch new keys are wrapped under (#15 section 2). */
  get keyEpoch(): number {
    if (this.shred === undefined) {
      throw new AppFailure('INTERNAL', 'The vault is not fully open: its shred secret is not loaded.');
    }
    return this.shred.epoch;
  }

  /** Starts a recording: a fresh data key, wrapped under the current epoch key, and its chunk file. */
  startRecording(meta: { title: string; callType: string; policyHash: string; callId?: string; startedAt?: Date; status?: RecordingRecord['status'] }): { record: RecordingRecord; writer: ChunkWriter } {
    this.assertOpen();
    const id = randomUUID();
    const dataKey = this.recordingKeys.newDataKey();
    const wrapped = this.recordingKeys.wrapNew({ kind: 'recording', recordingId: id }, dataKey, this.keyEpoch);
    const record: RecordingRecord = {
      id,
      title: meta.title,
      callType: meta.callType,
      startedAt: (meta.startedAt ?? this.ctx.now()).toISOString(),
      durationMs: 0,
      status: meta.status ?? 'recording',
      keyEpoch: wrapped.keyEpoch,
      wrappedKey: wrapped.wrappedKey,
      createdAt: this.ctx.now().toISOString(),
      policyHash: meta.policyHash,
      callId: meta.callId ?? null,
      recoveredAtMs: null,
      chunkCount: null,
    };
    this.recordingWriter.insert(record);
    const writer = ChunkWriter.create(this.recordingFile(id), id, this.ctx.crypto, dataKey, {
      onFinished: (chunkCount) => {
        if (!this.closed) {
          this.recordingWriter.setChunkCount(id, chunkCount);
        }
      },
    });
    this.files.syncDir();
    this.audit.record('recording.created', { recordingId: id });
    return { record, writer };
  }

  updateRecording(id: string, durationMs: number, status: RecordingRecord['status']): void {
    this.assertOpen();
    this.recordingWriter.updateProgress(id, durationMs, status);
  }

  markRecovered(id: string, durationMs: number, chunkCount: number): void {
    this.assertOpen();
    this.recordingWriter.markRecovered(id, durationMs, chunkCount);
  }

  readRecording(id: string): ChunkFileReport {
    return this.withDataKey(id, (dataKey) => readChunkFile(this.recordingFile(id), id, this.ctx.crypto, dataKey));
  }

  /**
   * A recording's authentic chunks one at a time (decrypted in memory), for long calls that must
   * not be loaded whole. The data key is wiped when the iteration ends, however it ends.
   */
  *streamRecording(id: string): Generator<{ index: number; data: Uint8Array }> {
    const dataKey = this.dataKeyOf(id);
    try {
      for (const chunk of streamChunkFile(this.recordingFile(id), id, this.ctx.crypto, dataKey)) {
        this.assertOpen();
        yield chunk;
      }
    } finally {
      this.ctx.crypto.wipe(dataKey);
    }
  }

  /** Where each record of the recording's file sits (its framing only, nothing decrypted). */
  recordingChunkPositions(id: string): ChunkRecordPosition[] {
    this.assertOpen();
    if (this.recordings.get(id)?.wrappedKey.length === 0) {
      throw new AppFailure('NOT_FOUND', AUDIO_DESTROYED);
    }
    return indexChunkFile(this.recordingFile(id));
  }

  /**
   * Runs `use` with a function that opens the recording's record at a position (from
   * `recordingChunkPositions`) in memory, or gives undefined for one that does not authenticate:
   * playback from any point of a long call without decrypting what comes before it. The data key
   * is wiped when `use` returns or throws.
   */
  readRecordingChunks<T>(id: string, use: (open: (position: ChunkRecordPosition) => Uint8Array | undefined) => T): T {
    return this.withDataKey(id, (dataKey) => {
      const reader = new ChunkFileReader(this.recordingFile(id), id, this.ctx.crypto, dataKey);
      try {
        return use((position) => {
          this.assertOpen();
          return reader.open(position);
        });
      } finally {
        reader.close();
      }
    });
  }

  /**
   * Seals data derived from a recording's audio (its waveform peaks) under the recording's own
   * data key, so destroying the audio shreds it with the audio. The authenticated data binds the
   * recording and the purpose: a blob moved to another recording or purpose does not open.
   */
  sealRecordingData(id: string, purpose: RecordingDataPurpose, plaintext: Uint8Array): Uint8Array {
    this.assertOpen();
    return this.withDataKey(id, (dataKey) => this.ctx.crypto.seal(dataKey, plaintext, recordingDataAd(id, purpose)));
  }

  /** Opens what `sealRecordingData` sealed; throws if it was altered or belongs elsewhere. */
  openRecordingData(id: string, purpose: RecordingDataPurpose, sealed: Uint8Array): Uint8Array {
    this.assertOpen();
    return this.withDataKey(id, (dataKey) => this.ctx.crypto.open(dataKey, sealed, recordingDataAd(id, purpose)));
  }

  /**
   * Seals summary version `version` of a recording under the recording's summary key (its own
   * retention line, #15 section 2: audio can go first), with the recording and the version bound
   * in as associated data: a value moved to another version's row does not open (INTEGRITY). The
   * version is assigned before sealing, in the caller's transaction.
   */
  sealSummary(id: string, version: number, plaintext: Uint8Array): Uint8Array {
    this.assertOpen();
    return this.artifactKeys.seal(id, 'summary', sealedColumn.summary(version), plaintext);
  }

  /** Opens what `sealSummary` sealed for this recording and version; INTEGRITY if it belongs elsewhere. */
  openSummary(id: string, version: number, sealed: Uint8Array): Uint8Array {
    this.assertOpen();
    return this.artifactKeys.open(id, 'summary', sealedColumn.summary(version), sealed);
  }

  /** Runs `fn` in one database transaction: all of its writes land, or none. */
  transaction<T>(fn: () => T): T {
    this.assertOpen();
    return this.db.transaction(fn)();
  }

  /**
   * DANGEROUS, irreversible: destroys the recording's data key (crypto-shredding its audio),
   * removes its rows and index entries, scrubs freed pages and the WAL, then deletes its file.
   */
  destroyRecording(id: string): void {
    this.assertOpen();
    this.transaction(() => {
      // The recording's own artifact keys go first (its call's notes stay with the call).
      for (const artifact of SEALED_ARTIFACTS) {
        this.artifactKeys.destroy(id, artifact);
      }
      if (!this.deleteRecordingRow(id)) {
        throw new AppFailure('NOT_FOUND', `Recording ${id} is not in this vault.`);
      }
      this.artifactKeys.removeOwner(id);
      this.requireShred().markDue();
      this.audit.record('recording.deleted', { recordingId: id });
    });
    this.files.remove(id);
    // The rotation first, so the scrub's WAL truncation also takes the rotation's pages.
    try {
      this.requireShred().rotateIfDue();
    } finally {
      scrubAfterDelete(this.db);
    }
  }

  /**
   * DANGEROUS, irreversible: retention's destruction of artifacts of recordings, in one
   * transaction with their tombstones and audit entries (kind, rule and day; no content). Audio:
   * its data key is emptied (crypto-shredding the chunks and peaks); when the last artifact the
   * vault stores goes, the recording's row goes too. Files are removed only after the commit, so a
   * crash never leaves a file gone under a key still in place. Scrubbing (FTS merge, WAL
   * truncation) is the caller's, once per sweep: `scrub()`. Returns the recordings removed.
   */
  destroyArtifacts(items: readonly { readonly recordingId: string; readonly artifact: LocalArtifact; readonly rule: string; readonly dueOn: string }[]): string[] {
    this.assertOpen();
    const at = this.ctx.now().toISOString();
    const removed: string[] = [];
    const files = new Set<string>();
    this.transaction(() => {
      if (items.length > 0) {
        // Owed from this commit on: the next scrub (or unlock, after a crash) rotates the shred secret.
        this.requireShred().markDue();
      }
      for (const { recordingId: id, artifact, rule, dueOn } of items) {
        // The keys first: once they are empty, no copy of the rows below opens with this vault's keys.
        for (const [owner, sealed] of this.sealedKeysOf(id, artifact)) {
          this.artifactKeys.destroy(owner, sealed);
        }
        this.retention.destroyArtifactRows(id, artifact, at);
        this.retention.markDestroyed({ recordingId: id, artifact, rule, dueOn, destroyedAt: at });
        this.audit.record('retention.destroyed', { recordingId: id, artifact, rule, dueOn });
        if (artifact === 'recording') {
          files.add(id);
        }
        const destroyed = this.retention.row(id)?.destroyed;
        if (destroyed !== undefined && LOCAL_ARTIFACTS.every((a) => destroyed.has(a))) {
          // Every content artifact of the call is gone: its row goes, and the call's personal metadata is erased with it.
          const callId = this.calls.callOfRecording(id);
          // The search index's copy of the call's details (title, account, participants) goes with the row: its key first.
          this.artifactKeys.destroy(id, 'metadata');
          this.deleteRecordingRow(id);
          this.artifactKeys.removeOwner(id);
          if (callId !== undefined) {
            this.eraseCall(callId);
          }
          this.audit.record('recording.deleted', { recordingId: id, by: 'retention' });
          removed.push(id);
          files.add(id);
        }
      }
    });
    for (const id of files) {
      this.files.remove(id);
    }
    return removed;
  }

  /** Removes a recording's audio file if it is still there (a sweep resumed after a crash). */
  removeRecordingFileIfPresent(id: string): void {
    this.assertOpen();
    this.files.remove(id);
  }

  /**
   * Rotates the shred secret if a destruction asked for it (once per sweep or deletion batch, not
   * per artifact: every live key is rewrapped), then empties the WAL, so no copy of a destroyed
   * page survives in it (secure_delete zeroed the freed cells).
   */
  scrub(): void {
    for (const _ of this.scrubSteps()) {
      // each step's transaction is done when it yields
    }
  }

  /**
   * `scrub` one step at a time: the rotation yields after each bucket it gives a fresh KEK (its
   * own transaction), so a caller can give the thread back between them (the sliced sweep).
   */
  *scrubSteps(): Generator<ShredProgress, void, undefined> {
    this.assertOpen();
    try {
      yield* this.requireShred().rotationIfDue();
    } finally {
      if (!this.closed) {
        scrubAfterDelete(this.db);
      }
    }
  }

  /** What the last shred-secret rotation of this session did (buckets, keys rewrapped, time): the bench and tests read it. */
  get lastShredRotation(): RotationStats | undefined {
    return this.requireShred().lastRotation;
  }

  private requireShred(): ShredSecret {
    this.assertOpen();
    if (this.shred === undefined) {
      throw new AppFailure('INTERNAL', 'The vault is not fully open: its shred secret is not loaded.');
    }
    return this.shred;
  }

  /**
   * The artifact keys a destruction of `artifact` of the recording empties: its own, the keys of
   * what goes with it (a summary rests on the transcript), and for notes the notes key of its call.
   */
  private sealedKeysOf(id: string, artifact: LocalArtifact): [owner: string, artifact: SealedArtifact][] {
    switch (artifact) {
      case 'recording':
        return [];
      case 'transcript':
        return [[id, 'transcript'], [id, 'summary']];
      case 'summary':
        return [[id, 'summary']];
      case 'tags':
        return [[id, 'tags']];
      case 'notes':
        return [[id, 'notes'], ...this.callsOf(id).map((callId): [string, SealedArtifact] => [callId, 'notes'])];
      default:
        return assertNever(artifact, 'local artifact');
    }
  }

  /** The calls whose notes belong to the recording (its call, and a call that names it). */
  private callsOf(id: string): string[] {
    const calls = new Set<string>();
    const callId = this.recordings.get(id)?.callId;
    if (callId !== null && callId !== undefined) {
      calls.add(callId);
    }
    for (const c of this.calls.callsOfRecording(id)) {
      calls.add(c);
    }
    return [...calls];
  }

  /** Seals and opens artifacts under their own keys (the repositories' sealer). */
  get sealer(): ArtifactSealer {
    this.assertOpen();
    return this.artifactKeys;
  }

  /** Deletes the row; never a held one (and migration 011's trigger refuses it should this check go). */
  private deleteRecordingRow(id: string): boolean {
    const holds = this.retention.holdsOf(id);
    if (holds.length > 0) {
      throw new AppFailure('POLICY_BLOCKED', `This call is held (${holds.map((h) => h.exemptionId).join(', ')}) and cannot be deleted by anyone until the hold is released.`);
    }
    return this.recordingWriter.destroy(id);
  }

  /**
   * DANGEROUS, irreversible: replaces the personal fields of a call whose recordings are all gone
   * (account, title, participants; consent records' names, emails and notes) by keyed digests,
   * keeping the consent evidence (migration 014). Audited with ids and counts only. Scrubbing
   * (so the old values leave free pages and the WAL) is the caller's, as for any destruction.
   */
  eraseCall(callId: string, rule?: string): boolean {
    this.assertOpen();
    return this.withErasureDigest((digest) =>
      this.transaction(() => {
        const before = this.calls.get(callId);
        if (before === undefined || before.erasedAt !== null) {
          return false;
        }
        const records = this.calls.erase(callId, digest, this.ctx.now().toISOString());
        if (this.calls.get(callId)?.erasedAt === null) {
          return false; // a recording of the call is still there: nothing to erase yet
        }
        // The call's own notes key goes with its notes rows (a copy of them no longer opens); the
        // emptied key stays, so it is never made afresh for this call.
        this.artifactKeys.destroy(callId, 'notes');
        this.audit.record('call.erased', rule === undefined ? { callId, consentRecords: records } : { callId, consentRecords: records, rule });
        return true;
      }),
    );
  }

  /**
   * Does an erased field hold the digest of this value? How the vault's holder answers "was
   * consent obtained from jane@acme.example on this call?" after the call was erased.
   */
  erasedFieldMatches(field: ErasedField, value: string, stored: string): boolean {
    this.assertOpen();
    return this.withErasureDigest((digest) => {
      const expected = new TextEncoder().encode(digest(field, value));
      const actual = new TextEncoder().encode(stored);
      return expected.length === actual.length && this.ctx.crypto.constantTimeEqual(expected, actual);
    });
  }

  private withErasureDigest<T>(fn: (digest: ErasureDigest) => T): T {
    const key = this.ctx.crypto.deriveKeyFromHighEntropy(this.masterKey, `erasure-digest:${this.header.vaultId}`);
    try {
      return fn((field, value) => {
        const normalised = field === 'participant-name' || field === 'participant-email' ? value.normalize('NFC').trim().toLowerCase() : value;
        return ERASED_PREFIX + Buffer.from(this.ctx.crypto.mac(key, new TextEncoder().encode(`${field}\n${normalised}`))).toString('hex');
      });
    } finally {
      this.ctx.crypto.wipe(key);
    }
  }

  /**
   * Erases calls whose recording retention or a deletion request removed (its tombstones remain)
   * but whose metadata was not erased: a vault from before migration 014. Returns how many.
   */
  eraseOrphanedCalls(): number {
    this.assertOpen();
    let erased = 0;
    for (const callId of this.calls.orphanedCalls()) {
      if (this.eraseCall(callId)) {
        erased += 1;
      }
    }
    return erased;
  }

  /** Lets this device's keychain hold the master key (the policy decides whether it may). */
  async enrolDeviceUnlock(deviceUnlock: DeviceUnlock): Promise<void> {
    this.assertOpen();
    await deviceUnlock.enrol(this.profile, this.header.vaultId, this.masterKey);
    this.audit.record('vault.device_unlock_enabled');
  }

  async changePassphrase(next: string): Promise<void> {
    this.assertOpen();
    this.header = await rewrapForPassphrase(this.profile.vaultDir, this.header, this.masterKey, next, this.ctx.crypto, this.ctx.kdfProfile);
    this.audit.record('vault.passphrase_changed');
  }

  /** Checks every database page, the audit chain, every recording's chunks and end, and stray files. */
  verify(): VaultVerifyReport {
    this.assertOpen();
    return verifyVault({
      checkDatabase: () => { checkIntegrity(this.db); },
      verifyAudit: () => this.audit.verify(),
      recordings: this.recordingsWithAudio(),
      readRecording: (id) => this.readRecording(id),
      recordingFileName: (id) => this.files.fileName(id),
      recordingsDir: this.files.dir,
    });
  }

  /** The recordings whose audio retention has not destroyed (what verify reads chunk by chunk). */
  private recordingsWithAudio(): VaultRepositories['recordings'] {
    const audioGone = new Set(this.retention.rows().filter((r) => r.destroyed.has('recording')).map((r) => r.recordingId));
    return { ...this.recordings, list: () => this.recordings.list().filter((r) => !audioGone.has(r.id)) };
  }

  close(): void {
    if (this.closed) {
      return;
    }
    try {
      this.anchor.seal();
    } finally {
      this.discard();
    }
  }

  /** Closes without anchoring: for a vault refused at open, or a creation that failed. */
  private discard(): void {
    if (this.closed) {
      return;
    }
    this.closed = true;
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    } finally {
      this.artifactKeys.wipe();
      this.recordingKeys.wipe();
      this.shred?.wipe();
      this.ctx.crypto.wipe(this.masterKey);
      this.ctx.crypto.wipe(this.auditKey);
    }
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Where the recording's chunk file lives (for verify and tests; the file is sealed). */
  recordingFile(id: string): string {
    return this.files.pathOf(id);
  }

  /** The recording's data key; the caller wipes it. */
  /** Runs `use` with the recording's data key, wiped when `use` returns or throws. */
  private withDataKey<T>(id: string, use: (dataKey: SymmetricKey) => T): T {
    const dataKey = this.dataKeyOf(id);
    try {
      return use(dataKey);
    } finally {
      this.ctx.crypto.wipe(dataKey);
    }
  }

  private dataKeyOf(id: string): SymmetricKey {
    this.assertOpen();
    const record = this.recordings.get(id);
    if (!record) {
      throw new AppFailure('NOT_FOUND', `Recording ${id} is not in this vault.`);
    }
    if (record.wrappedKey.length === 0) {
      throw new AppFailure('NOT_FOUND', AUDIO_DESTROYED);
    }
    return this.recordingKeys.unwrap(record);
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new AppFailure('VAULT_LOCKED', 'The vault is locked. Unlock it to continue.');
    }
  }
}

/** What a blob sealed under a recording's data key is for (bound into its authenticated data). */
export type RecordingDataPurpose = 'waveform-peaks';

function recordingDataAd(recordingId: string, purpose: RecordingDataPurpose): Uint8Array {
  return new TextEncoder().encode(`cv-recording-data-v1:${purpose}:${recordingId}`);
}

/** Removes the files a vault creation makes (never a profile's other files). */
function removeVaultFiles(vaultDir: string): void {
  for (const file of [HEADER_FILE, DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`]) {
    fs.rmSync(path.join(vaultDir, file), { force: true });
  }
  new RecordingFiles(vaultDir).removeAll();
}
