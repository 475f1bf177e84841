// Retention sweep benchmark (#15): a real encrypted vault with 10,000 recordings (each with a
// file, a wrapped key, a transcript, a tag and search entries), 1,000 of them past their period.
// Figures: the sweep that destroys the 1,000 (5,000 artifacts: audio, transcript, its summary, notes, tags,
// each audited, then one FTS merge and WAL truncation), its peak memory (max RSS and heap growth
// across the sweep), and the baseline of the same vault's sweep when nothing is due (deciding
// 10,000 calls). RETENTION_BENCH_CALLS=N runs a smaller vault (a tenth of it expiring).
// Since the shred secret (#15 section 2), every recording's data key and three artifact keys
// (transcript, notes, tags) are real keys, and since the key tree (migration 023) they are wrapped
// under their bucket's KEK and the KEKs under the current shred epoch, because the sweep ends with
// one rotation (every bucket it touched rekeyed, then the KEKs rewrapped): rotationMs, with the
// longest piece it ran without giving the thread back. Then one rep's delete in the same vault
// (one bucket rekeyed): singleDeleteMs and the keys it rewrapped against the live keys.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { runRetentionSweep, runRetentionSweepInSlices } from '../src/app/retention/retention-sweep';
import { OpenVault } from '../src/app/vault/open-vault';
import { parsePolicy } from '../src/core/policy';
import { createCrypto } from '../src/platform/crypto/sodium-crypto';
import { TEST_KDF_ENV } from '../src/platform/crypto/passphrase-kdf';
import { ProfileStore } from '../src/platform/vault/profile-store';
import { unwrapMasterKey } from '../src/platform/vault/vault-keys';
import { RecordingKeys } from '../src/platform/vault/recording-keys';
import { createKeyBucketStore } from '../src/platform/db/key-bucket-repo';
import { defaultShredKeyStorePath, fileShredKeyStore } from '../src/platform/vault/shred-key-store';
import { mib, report, round } from './bench-util';
import os from 'node:os';

process.env[TEST_KDF_ENV] = 'weak'; // the vault's KDF is not what is measured
const FILE_BYTES = Buffer.alloc(4_000, 7);
const CALLS = Number(process.env.RETENTION_BENCH_CALLS ?? 10_000);
const EXPIRING = Math.round(CALLS / 10);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-retention-bench-'));
const parsed = parsePolicy(fs.readFileSync(path.resolve(import.meta.dirname, '../resources/policy/default-policy.yaml'), 'utf8'));
if (!parsed.ok) {
  throw new Error('the shipped policy does not parse');
}
const policy = parsed.policy;
let now = Date.parse('2027-09-01T09:00:00Z');
const crypto = await createCrypto();
const profile = new ProfileStore(home).create('Bench Rep');
const PASSPHRASE = 'bench passphrase for retention';
let rotationStart = 0;
let rotationMs = 0;
const ctx = {
  crypto,
  now: () => new Date(now),
  kdfProfile: 'test-weak' as const,
  // Timestamps only: from the new secret stored to the old one deleted (the rewrap transaction between).
  shredHooks: {
    afterStep: (step: string) => {
      if (step === 'store-written') {
        rotationStart = performance.now();
      } else if (step === 'cleaned') {
        rotationMs += performance.now() - rotationStart;
      }
    },
  },
};
const { vault } = await OpenVault.create(profile, PASSPHRASE, ctx);
const epoch = vault.keyEpoch;
const vaultId = vault.vaultId;

// Populated through a second connection with the vault's own database key (the app's row
// layout, random wrapped keys, a small file per recording): the sweep never unwraps a key, and
// populating 10,000 recordings through startRecording (two fsyncs each) would take minutes.
vault.close();
const populateStart = performance.now();
{
  const { masterKey } = await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, crypto);
  const dbKey = crypto.deriveSubkey(masterKey, { kind: 'database' });
  const secret = fileShredKeyStore(defaultShredKeyStorePath(profile.dir, vaultId), vaultId).read()?.get(epoch);
  const db = new Database(path.join(profile.vaultDir, 'vault.db'));
  db.pragma(`cipher='chacha20'`);
  db.pragma(`key="x'${Buffer.from(dbKey).toString('hex')}'"`);
  const keys = new RecordingKeys(crypto, () => masterKey, () => secret, { buckets: createKeyBucketStore(db), epoch: () => epoch });
  const insertRecording = db.prepare(
    `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
     VALUES (?, ?, 'discovery', ?, 60000, 'complete', ?, ?, ?, 'bench', NULL, NULL, 1)`,
  );
  const insertArtifactKey = db.prepare('INSERT INTO artifact_keys (owner, artifact, key_epoch, wrapped_key) VALUES (?, ?, ?, ?)');
  const insertTranscript = db.prepare(
    `INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments) VALUES (?, 1, 'machine', ?, 'bench', 'bench', 'en', ?)`,
  );
  const insertTag = db.prepare(`INSERT INTO tags (id, recording_id, tag, from_ms, to_ms, source, created_at, created_by) VALUES (?, ?, 'pricing', NULL, NULL, 'manual', ?, 'bench')`);
  // Search entries as migration 017 stores them: a sealed row and keyed term hashes per scope (random bytes here: the sweep only deletes them).
  const insertRow = db.prepare(`INSERT INTO search_rows (recording_id, source, segment, start_ms, speaker, sealed) VALUES (?, ?, ?, 0, 'customer', ?)`);
  const insertScope = db.prepare("INSERT INTO search_scopes (recording_id, part, bloom) VALUES (?, ?, X'')");
  const insertTerm = db.prepare('INSERT OR IGNORE INTO search_terms (scope, hash, row_id) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < CALLS; i += 1) {
      const old = i % 10 === 0; // one in ten: recorded 200 days before the sweep
      const startedAt = new Date(now - (old ? 200 : 10) * 86_400_000 - i * 1000).toISOString();
      const id = randomUUID();
      const dataKey = keys.wrapNew({ kind: 'recording', recordingId: id }, crypto.randomKey(), epoch);
      insertRecording.run(id, `Call ${String(i)}`, startedAt, dataKey.keyEpoch, Buffer.from(dataKey.wrappedKey), startedAt);
      for (const artifact of ['transcript', 'notes', 'tags']) {
        const key = keys.wrapNew({ kind: 'artifact', owner: id, artifact }, crypto.randomKey(), epoch);
        insertArtifactKey.run(id, artifact, key.keyEpoch, Buffer.from(key.wrappedKey));
      }
      const text = `we talked about the renewal and pricing for account ${String(i)}`;
      insertTranscript.run(id, startedAt, JSON.stringify([{ speaker: 'customer', startMs: 0, endMs: 4000, text, confidence: 0.9, words: [] }]));
      insertTag.run(`t-${String(i)}`, id, startedAt);
      for (const [source, part, body] of [['transcript', 'transcript', text], ['tag', 'tags', 'pricing'], ['title', 'metadata', `Call ${String(i)}`]] as const) {
        const row = insertRow.run(id, source, source === 'transcript' ? 0 : null, Buffer.from(crypto.randomBytes(body.length + 40)));
        const scope = insertScope.run(id, part);
        for (const _word of body.split(' ')) {
          insertTerm.run(scope.lastInsertRowid, Buffer.from(crypto.randomBytes(8)), row.lastInsertRowid);
        }
      }
      fs.writeFileSync(path.join(profile.vaultDir, 'recordings', `${id}.cvaf`), FILE_BYTES);
    }
    db.exec('DELETE FROM search_stale');
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  keys.wipe();
  crypto.wipe(dbKey);
}
const populateMs = performance.now() - populateStart;
const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);


// Baseline: the same vault swept the day before anything is due (10,000 decisions, nothing destroyed).
now -= 30 * 86_400_000;
const idleStart = performance.now();
const idle = runRetentionSweep(reopened, policy);
const idleMs = performance.now() - idleStart;
if (idle.destroyed.length !== 0) {
  throw new Error('the baseline sweep destroyed something');
}
now += 30 * 86_400_000;

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const rssPeakBefore = process.resourceUsage().maxRSS * 1024;
let heapPeak = heapBefore;
// The app's way (the scheduler): in slices, the thread given back after each batch and each bucket.
const sweepStart = performance.now();
let sliceStart = sweepStart;
let longestSliceMs = 0;
let slices = 0;
const swept = await runRetentionSweepInSlices(reopened, policy, {
  afterEach: () => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  },
  onProgress: () => {
    longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
    slices += 1;
  },
  pause: () => new Promise<void>((resolve) => {
    setImmediate(() => {
      sliceStart = performance.now();
      resolve();
    });
  }),
});
longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
const sweepMs = performance.now() - sweepStart;
const rssPeakAfter = process.resourceUsage().maxRSS * 1024;
if (swept.recordingsRemoved.length !== EXPIRING || swept.destroyed.length !== EXPIRING * 5 || reopened.recordings.count() !== CALLS - EXPIRING) {
  throw new Error(`expected ${String(EXPIRING)} calls removed and ${String(EXPIRING * 5)} artifacts destroyed, got ${String(swept.recordingsRemoved.length)} and ${String(swept.destroyed.length)}`);
}
const sweepRotation = reopened.lastShredRotation;
const liveKeysBeforeDelete = (CALLS - EXPIRING) * 4;
// One rep's delete in the same vault (the app's OpenVault.destroyRecording: its rows, then the rotation).
const victim = reopened.recordings.list()[0]?.id ?? '';
const deleteStart = performance.now();
reopened.destroyRecording(victim);
const singleDeleteMs = performance.now() - deleteStart;
const deleteRotation = reopened.lastShredRotation;
const auditOk = reopened.audit.verify().ok;
const epochAfter = reopened.keyEpoch;
reopened.close();
const dbBytes = fs.statSync(path.join(profile.vaultDir, 'vault.db')).size;
fs.rmSync(home, { recursive: true, force: true });

report('retention.sweep', {
  recordings: CALLS,
  expiring: EXPIRING,
  artifactsDestroyed: swept.destroyed.length,
  sweepMs: round(sweepMs, 0),
  perRecordingMs: round(sweepMs / EXPIRING, 2),
  sweepSlices: slices + 1,
  sweepLongestSliceMs: round(longestSliceMs, 0),
  rotationMs: round(sweepRotation?.ms ?? 0, 0),
  rotationFinalStepMs: round(rotationMs, 0),
  rotationLongestSliceMs: round(sweepRotation?.longestSliceMs ?? 0, 0),
  rotationBucketsRekeyed: sweepRotation?.bucketsRekeyed,
  rotationKeysRewrapped: sweepRotation?.keysRewrapped,
  rotationKeksRewrapped: sweepRotation?.keksRewrapped,
  singleDeleteMs: round(singleDeleteMs, 0),
  singleDeleteRotationMs: round(deleteRotation?.ms ?? 0, 0),
  singleDeleteKeysRewrapped: deleteRotation === undefined ? undefined : deleteRotation.keysRewrapped + deleteRotation.keksRewrapped,
  liveKeysBeforeDelete,
  shredEpochAfter: epochAfter,
  peakHeapGrowthMiB: mib(heapPeak - heapBefore),
  maxRssMiB: mib(rssPeakAfter),
  maxRssGrowthDuringSweepMiB: mib(rssPeakAfter - rssPeakBefore),
  baselineSweepNothingDueMs: round(idleMs, 0),
  populateMs: round(populateMs, 0),
  vaultDbMiB: mib(dbBytes),
  auditVerifies: auditOk,
});
