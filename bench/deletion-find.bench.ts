// Customer deletion request, finding (#15 section 4): a real encrypted vault with 10,000 calls
// (each a call row with two participants and notes, a 12-segment transcript and a tag), 20 of
// which mention the customer (spoken email, spoken phone digits, or as a participant). Figure:
// p50/p95 of findCustomer over the whole vault (every transcript version read and normalised),
// and the baseline of reading the same rows without matching. DELETION_BENCH_CALLS=N, _RUNS=N.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { findCustomer } from '../src/app/deletion/customer-finder';
import { OpenVault } from '../src/app/vault/open-vault';
import { CustomerIdentifiersSchema } from '../src/core/deletion/customer-match';
import { createCrypto } from '../src/platform/crypto/sodium-crypto';
import { TEST_KDF_ENV } from '../src/platform/crypto/passphrase-kdf';
import { createArtifactKeyStore } from '../src/platform/db/artifact-key-repo';
import { createKeyBucketStore } from '../src/platform/db/key-bucket-repo';
import { sealedColumn, sealTo } from '../src/platform/db/sealed-columns';
import { ArtifactKeys } from '../src/platform/vault/artifact-keys';
import { RecordingKeys } from '../src/platform/vault/recording-keys';
import { ProfileStore } from '../src/platform/vault/profile-store';
import { defaultShredKeyStorePath, fileShredKeyStore } from '../src/platform/vault/shred-key-store';
import { unwrapMasterKey } from '../src/platform/vault/vault-keys';
import { report, round } from './bench-util';

process.env[TEST_KDF_ENV] = 'weak';
const CALLS = Number(process.env.DELETION_BENCH_CALLS ?? 10_000);
const RUNS = Number(process.env.DELETION_BENCH_RUNS ?? 7);
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-deletion-bench-'));
const crypto = await createCrypto();
const profile = new ProfileStore(home).create('Bench Rep');
const PASSPHRASE = 'bench passphrase for deletion';
const now = Date.parse('2026-11-20T09:00:00Z');
const { vault } = await OpenVault.create(profile, PASSPHRASE, { crypto, now: () => new Date(now), kdfProfile: 'test-weak' });
const epoch = vault.keyEpoch;
const vaultId = vault.vaultId;
vault.close();
const FILLER = [
  'thanks for taking the time today, how has the quarter been going for your team',
  'we looked at the renewal terms and the pricing for next year with finance',
  'the onboarding took about six weeks and the support tickets went down by forty percent',
  'can you send over the security questionnaire before the end of the month',
];
const MENTIONS = ['you can reach me at jane dot doe at acme dot com', 'my number is five five five one two three four five six seven'];
{
  const { masterKey } = await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, crypto);
  const secret = fileShredKeyStore(defaultShredKeyStorePath(profile.dir, vaultId), vaultId).read()?.get(epoch);
  const dbKey = crypto.deriveSubkey(masterKey, { kind: 'database' });
  const db = new Database(path.join(profile.vaultDir, 'vault.db'));
  db.pragma(`cipher='chacha20'`);
  db.pragma(`key="x'${Buffer.from(dbKey).toString('hex')}'"`);
  // Transcripts, notes and tags are sealed under their artifact keys (migration 013), and every key is
  // wrapped as the vault wraps it: under its bucket's KEK in the key tree (migration 023), the KEKs
  // under the shred epoch (022), so the unlock has nothing to convert and every key opens.
  const keys = new RecordingKeys(crypto, () => masterKey, () => secret, { buckets: createKeyBucketStore(db), epoch: () => epoch });
  const sealer = new ArtifactKeys(crypto, keys, createArtifactKeyStore(db), () => epoch);
  const insertRecording = db.prepare(
    `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash, call_id, recovered_at_ms, chunk_count)
     VALUES (?, ?, 'discovery', ?, 60000, 'complete', ?, ?, ?, 'bench', ?, NULL, 1)`,
  );
  const insertCall = db.prepare(
    `INSERT INTO calls (id, call_type, account, meeting_title, participants, policy_hash, script_id, script_version, consent_scope, state, recording_id, created_at, ended_at)
     VALUES (?, 'discovery', ?, 'Check-in', ?, 'bench', 's', 1, 'all', 'ended', ?, ?, ?)`,
  );
  const insertNotes = db.prepare("INSERT INTO call_notes (call_id, body, updated_at, sealed) VALUES (?, '', ?, ?)");
  const insertTranscript = db.prepare(`INSERT INTO transcripts (recording_id, version, kind, created_at, created_by, engine, language, segments, sealed) VALUES (?, 1, 'machine', ?, 'bench', 'bench', 'en', '', ?)`);
  const insertTag = db.prepare(`INSERT INTO tags (id, recording_id, tag, from_ms, to_ms, source, created_at, created_by, sealed) VALUES (?, ?, '', NULL, NULL, 'manual', ?, 'bench', ?)`);
  db.transaction(() => {
    for (let i = 0; i < CALLS; i += 1) {
      const id = randomUUID();
      const callId = randomUUID();
      const at = new Date(now - i * 60_000).toISOString();
      const mentioned = i % Math.floor(CALLS / 20) === 0;
      const participants = [{ name: `Customer ${String(i)}`, email: mentioned && i % 3 === 0 ? 'jane.doe@acme.com' : `c${String(i)}@example.com` }, { name: 'Rita Rep', email: 'rita@vendor.example' }];
      insertCall.run(callId, `Account ${String(i % 500)}`, JSON.stringify(participants), id, at, at);
      const dataKey = keys.wrapNew({ kind: 'recording', recordingId: id }, crypto.randomKey(), epoch);
      insertRecording.run(id, `Call ${String(i)}`, at, dataKey.keyEpoch, Buffer.from(dataKey.wrappedKey), at, callId);
      insertNotes.run(callId, at, sealTo(sealer, callId, 'notes', sealedColumn.callNotes, `Follow up on ${FILLER[i % FILLER.length] ?? ''}`));
      const segments = Array.from({ length: 12 }, (_, s) => ({ speaker: s % 2 === 0 ? 'rep' : 'customer', startMs: s * 5000, endMs: s * 5000 + 4000, text: mentioned && s === 7 ? (MENTIONS[i % 2] ?? '') : (FILLER[(i + s) % FILLER.length] ?? ''), confidence: 0.9, words: [] }));
      insertTranscript.run(id, at, sealTo(sealer, id, 'transcript', sealedColumn.transcript(1), JSON.stringify({ segments, speakerNames: {} })));
      insertTag.run(`t-${String(i)}`, id, at, sealTo(sealer, id, 'tags', sealedColumn.tag(`t-${String(i)}`), 'pricing'));
    }
    db.exec('DELETE FROM search_stale');
  })();
  sealer.wipe();
  db.close();
  crypto.wipe(dbKey);
}
const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, { crypto, now: () => new Date(now), kdfProfile: 'test-weak' });
const identifiers = CustomerIdentifiersSchema.parse({ emails: ['jane.doe@acme.com'], names: ['Jane Doe'], phones: ['+1 555 123 4567'] });

const quantile = (xs: readonly number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)] ?? NaN;
const times: number[] = [];
let found = 0;
for (let r = 0; r < RUNS; r += 1) {
  const start = performance.now();
  found = findCustomer(reopened, identifiers).length;
  times.push(performance.now() - start);
}
// Baseline: the same rows read (recordings, calls, notes, consent, every transcript version, tags, outbox), nothing matched.
const baseline: number[] = [];
for (let r = 0; r < 3; r += 1) {
  const start = performance.now();
  reopened.team.outbox();
  for (const { id } of reopened.recordings.list()) {
    const rec = reopened.recordings.get(id);
    const call = rec?.callId ? reopened.calls.get(rec.callId) : undefined;
    if (call) {
      reopened.calls.notes(call.id);
      reopened.calls.consents(call.id);
    }
    reopened.calls.bookmarks(id);
    for (const v of reopened.transcripts.versions(id)) {
      reopened.transcripts.get(id, v.version);
    }
    reopened.tags.forRecording(id);
    reopened.summaries.versions(id);
    reopened.retention.holdsOf(id);
  }
  baseline.push(performance.now() - start);
}
reopened.close();
fs.rmSync(home, { recursive: true, force: true });
if (found !== 20) {
  throw new Error(`expected 20 calls found, got ${String(found)}`);
}
report('deletion.find', {
  calls: CALLS,
  segmentsPerCall: 12,
  found,
  runs: RUNS,
  p50Ms: round(quantile(times, 0.5), 0),
  p95Ms: round(quantile(times, 0.95), 0),
  baselineReadOnlyMedianMs: round(quantile(baseline, 0.5), 0),
  loadAverage1m: round(os.loadavg()[0] ?? 0, 1),
});
