// Vault benchmarks (issue #2): unlock cost and memory, listing 10,000 recordings, and sealed
// chunk appends. Each figure comes with a baseline measured in the same run.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import sodium from 'libsodium-wrappers-sumo';
import { AuditLog } from '../src/app/vault/audit-log';
import { OpenVault } from '../src/app/vault/open-vault';
import { createAuditRepo } from '../src/platform/db/audit-repo';
import { ChunkWriter } from '../src/platform/audio/chunk-file';
import { createCrypto } from '../src/platform/crypto/sodium-crypto';
import { ProfileStore } from '../src/platform/vault/profile-store';
import { unwrapMasterKey } from '../src/platform/vault/vault-keys';
import { openEncryptedDatabase } from '../src/platform/db/connection';
import { createRecordingWriter } from '../src/platform/db/recording-repo';
import { median, mib, report, round, timeIt } from './bench-util';

const PASSPHRASE = 'granite ocelot lantern mosaic 42';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-bench-'));
const crypto = await createCrypto();
const ctx = { crypto, now: () => new Date() };

async function unlockBench() {
  const profile = new ProfileStore(work).create('Bench');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, ctx);
  vault.close();
  const rssBefore = process.memoryUsage().rss;
  const unlockTimes = await timeIt(3, async () => {
    (await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx)).close();
  });
  global.gc?.();
  const rssAfterWorker = process.memoryUsage().rss;

  // Baseline: the same Argon2id call on this thread, which keeps its 256 MiB heap afterwards.
  await sodium.ready;
  const header = JSON.parse(fs.readFileSync(path.join(profile.vaultDir, 'vault.json'), 'utf8')) as { kdf: { opsLimit: number; memLimitBytes: number; salt: string } };
  const inlineTimes = await timeIt(3, () => sodium.crypto_pwhash(32, PASSPHRASE, sodium.from_hex(header.kdf.salt), header.kdf.opsLimit, header.kdf.memLimitBytes, sodium.crypto_pwhash_ALG_ARGON2ID13));
  const rssAfterInline = process.memoryUsage().rss;
  report('unlock', {
    argon2id: { opsLimit: header.kdf.opsLimit, memMiB: mib(header.kdf.memLimitBytes) },
    unlockMsMedian: round(median(unlockTimes), 0),
    baselineInlineArgon2MsMedian: round(median(inlineTimes), 0),
    ratioToBaseline: round(median(unlockTimes) / median(inlineTimes)),
    rssMiBBefore: mib(rssBefore),
    rssMiBAfterWorkerEnds: mib(rssAfterWorker),
    rssMiBAfterInlineBaseline: mib(rssAfterInline),
  });
}

async function listBench() {
  const profile = new ProfileStore(work).create('List');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, ctx);
  const n = 10_000;
  const plainFile = path.join(work, 'plain.db');
  const plain = new Database(plainFile);
  plain.exec(`CREATE TABLE recordings (id TEXT PRIMARY KEY, title TEXT NOT NULL, call_type TEXT NOT NULL, started_at TEXT NOT NULL, duration_ms INTEGER NOT NULL, status TEXT NOT NULL, key_epoch INTEGER NOT NULL, wrapped_key BLOB NOT NULL, created_at TEXT NOT NULL);
              CREATE INDEX recordings_started_at ON recordings(started_at DESC);`);
  const insertPlain = plain.prepare('INSERT INTO recordings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  vault.close();
  // Seed through the real repository in one transaction, with the vault's own database key.
  const { masterKey } = await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, crypto);
  const db = openEncryptedDatabase(path.join(profile.vaultDir, 'vault.db'), crypto.deriveSubkey(masterKey, { kind: 'database' }), { create: false });
  const writer = createRecordingWriter(db);
  const start = Date.now();
  plain.exec('BEGIN');
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const id = randomUUID();
      const startedAt = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const record = { id, title: `Discovery call ${i} with Acme Corp`, callType: 'discovery', startedAt, durationMs: 1_800_000, status: 'complete' as const, keyEpoch: 0, wrappedKey: crypto.randomBytes(73), createdAt: startedAt, policyHash: 'bench', callId: null, recoveredAtMs: null, chunkCount: null };
      writer.insert(record);
      insertPlain.run(id, record.title, record.callType, startedAt, record.durationMs, record.status, 0, Buffer.from(record.wrappedKey), startedAt);
    }
  })();
  plain.exec('COMMIT');
  db.close();
  const seedMs = Date.now() - start;
  const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
  const listTimes = await timeIt(10, () => reopened.recordings.list());
  const listPlain = plain.prepare('SELECT id, title, call_type, started_at, duration_ms, status FROM recordings ORDER BY started_at DESC');
  const plainTimes = await timeIt(10, () => listPlain.all());
  if (reopened.recordings.list().length !== n) {
    throw new Error('listing returned the wrong count');
  }
  report('list-10k', {
    recordings: n,
    seedMs,
    encryptedListMsMedian: round(median(listTimes)),
    plaintextSqliteListMsMedian: round(median(plainTimes)),
    ratioToBaseline: round(median(listTimes) / median(plainTimes)),
    targetMs: 50,
    meetsTarget: median(listTimes) < 50,
  });
  reopened.close();
  plain.close();
}

function appendBench() {
  const chunk = crypto.randomBytes(32_000); // about a second of compressed two-channel speech, rounded up
  const count = 600;
  const run = (durable: boolean) => {
    const id = randomUUID();
    const key = crypto.randomKey();
    const sealedFile = path.join(work, `${id}.cvaf`);
    const plainFile = path.join(work, `${id}.raw`);
    const t0 = process.hrtime.bigint();
    const writer = ChunkWriter.create(sealedFile, id, crypto, key, { durable });
    for (let i = 0; i < count; i += 1) {
      writer.append(chunk);
    }
    writer.finish();
    const sealedMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const t1 = process.hrtime.bigint();
    const fd = fs.openSync(plainFile, 'wx');
    for (let i = 0; i < count; i += 1) {
      fs.writeSync(fd, chunk);
      if (durable) {
        fs.fdatasyncSync(fd);
      }
    }
    fs.closeSync(fd);
    const plainMs = Number(process.hrtime.bigint() - t1) / 1e6;
    const mb = (chunk.length * count) / 1e6;
    return { sealedMBps: round(mb / (sealedMs / 1000), 1), plainMBps: round(mb / (plainMs / 1000), 1), throughputRatio: round(plainMs / sealedMs) };
  };
  run(false);
  report('chunk-append', { chunkBytes: chunk.length, chunks: count, buffered: run(false), fdatasyncEachChunk: run(true) });
}

/**
 * An audit append: since issue #10 it also re-anchors vault.json (atomic write with fsync). The
 * baseline is the same append on the database alone (what an append cost before anchoring).
 */
async function auditAppendBench() {
  const profile = new ProfileStore(work).create('Audit');
  const { vault } = await OpenVault.create(profile, PASSPHRASE, ctx);
  const count = 200;
  const anchoredTimes = await timeIt(count, () => vault.audit.record('consent.recorded', { recordingId: 'bench' }));
  vault.close();
  const { masterKey } = await unwrapMasterKey(profile.vaultDir, { kind: 'passphrase', passphrase: PASSPHRASE }, crypto);
  const db = openEncryptedDatabase(path.join(profile.vaultDir, 'vault.db'), crypto.deriveSubkey(masterKey, { kind: 'database' }), { create: false });
  const dbOnly = new AuditLog(crypto, crypto.deriveSubkey(masterKey, { kind: 'audit-mac' }), createAuditRepo(db), ctx.now);
  const dbOnlyTimes = await timeIt(count, () => dbOnly.record('consent.recorded', { recordingId: 'bench' }));
  db.close();
  report('audit-append', {
    appends: count,
    anchoredMsMedian: round(median(anchoredTimes)),
    anchoredMsP95: round([...anchoredTimes].sort((a, b) => a - b)[Math.floor(count * 0.95)] ?? 0),
    baselineDbOnlyMsMedian: round(median(dbOnlyTimes)),
    ratioToBaseline: round(median(anchoredTimes) / median(dbOnlyTimes)),
  });
}

// BENCH_ONLY=audit-append (etc.) runs one part, so a quick figure need not pay for the others.
const only = process.env.BENCH_ONLY;
try {
  if (only === undefined || only === 'unlock') {
    await unlockBench();
  }
  if (only === undefined || only === 'list-10k') {
    await listBench();
  }
  if (only === undefined || only === 'chunk-append') {
    appendBench();
  }
  if (only === undefined || only === 'audit-append') {
    await auditAppendBench();
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
