// Search benchmarks (#13 section 4, #15 section 2 step 3): 5,000 generated one-hour transcripts
// (about 600 segments and 9,000 words each) in a real encrypted vault database. Figures: the time
// to build the index (migration 017: keyed term hashes and sealed snippets; the query hashes its
// terms with SipHash under every scope's cached search key, probes the scopes whose Bloom filter
// passes and, since migration 024, in which one block of 16 rows may hold every term, newest call
// first until the page is full; opens the rows found and checks the phrases), the database size
// without and with it, and p95 of a two-word query with
// snippets (goal: under 100 ms). Baselines from the same run: a plain FTS5 table over the raw
// text (what migration 005 had: no normalisation, a copy of the text in the index) built and
// queried the same way. SEARCH_BENCH_CALLS=N runs a smaller corpus.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { searchRows } from '../src/core/search/search-document';
import { highlightRanges, parseSearchQuery, snippetOf } from '../src/core/search/search-query';
import type { StoredSegment } from '../src/core/transcription/transcript';
import { openEncryptedDatabase, type Db } from '../src/platform/db/connection';
import { createSearchIndexReader, createSearchIndexWriter } from '../src/platform/db/search-index-repo';
import { createTranscriptRepo } from '../src/platform/db/transcript-repo';
import { createArtifactKeyStore } from '../src/platform/db/artifact-key-repo';
import { createCrypto } from '../src/platform/crypto/sodium-crypto';
import { ArtifactKeys } from '../src/platform/vault/artifact-keys';
import { RecordingKeys } from '../src/platform/vault/recording-keys';
import { mib, report, round } from './bench-util';
import { mulberry32 } from '../tools/seeded-random';

const CALLS = Number(process.env.SEARCH_BENCH_CALLS ?? 5_000);
const SEGMENTS_PER_CALL = 600;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'callvault-search-bench-'));
const key = new Uint8Array(32).fill(9);

const random = mulberry32(42); // seeded: every run indexes the same corpus
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'da', 'gi', 'ho', 'zu', 'fe', 'ba', 'co'];
const VOCABULARY = Array.from({ length: 6_000 }, (_, i) => {
  let word = '';
  let n = i + 17;
  do {
    word += SYLLABLES[n % SYLLABLES.length] ?? '';
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return word;
});
const NUMBERS = ['four two four two', 'twenty', '4242', 'one hundred', '20 seats', 'three point five'];
/** Zipf-like: rank r is drawn with probability about 1/r. */
function word(): string {
  const r = Math.floor(Math.exp(random() * Math.log(VOCABULARY.length)));
  return VOCABULARY[Math.min(VOCABULARY.length - 1, r)] ?? 'ka';
}
function sentence(): string {
  const words = Array.from({ length: 10 + Math.floor(random() * 10) }, word);
  if (random() < 0.05) {
    words.splice(Math.floor(random() * words.length), 0, NUMBERS[Math.floor(random() * NUMBERS.length)] ?? '');
  }
  return `${words.join(' ')}.`;
}
function transcript(): StoredSegment[] {
  return Array.from({ length: SEGMENTS_PER_CALL }, (_, i) => ({
    speaker: i % 2 === 0 ? 'rep' : 'customer',
    startMs: i * 6_000,
    endMs: i * 6_000 + 5_500,
    text: sentence(),
    confidence: 0.9,
    words: [],
  }));
}

const size = (file: string): number => [file, `${file}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
function p(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
function time(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// 1. The vault database with recordings and transcripts only.
const file = path.join(work, 'vault.db');
const db: Db = openEncryptedDatabase(file, key, { create: true });
// The transcripts are sealed under per-recording keys (migration 013), as the vault stores them.
const benchCrypto = await createCrypto();
const benchMaster = benchCrypto.randomKey();
const benchSealer = new ArtifactKeys(benchCrypto, new RecordingKeys(benchCrypto, () => benchMaster), createArtifactKeyStore(db), () => 0);
const transcripts = createTranscriptRepo(db, benchSealer);
const insertRecording = db.prepare(
  `INSERT INTO recordings (id, title, call_type, started_at, duration_ms, status, key_epoch, wrapped_key, created_at, policy_hash)
   VALUES (?, ?, ?, ?, 3600000, 'complete', 0, x'00', ?, 'p')`,
);
const ids: string[] = [];
const fill = time(() => {
  for (let i = 0; i < CALLS; i += 1) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    ids.push(id);
    db.transaction(() => {
      insertRecording.run(id, `Call ${i} ${word()} ${word()}`, i % 3 === 0 ? 'discovery' : 'customer-sales', new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(), '2026-01-01T00:00:00.000Z');
      transcripts.add({ recordingId: id, kind: 'machine', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'bench', engine: 'generated', language: 'en', segments: transcript() });
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
});
const sizeWithout = size(file);

// 2. Build the normalised index, as search-index-sync does for stale recordings.
const writer = createSearchIndexWriter(db, benchSealer);
const build = time(() => {
  for (const id of writer.staleRecordings()) {
    const t = transcripts.latest(id);
    writer.replaceRecording(id, searchRows({ title: `Call ${id}`, segments: t?.segments }));
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
});
const sizeWith = size(file);

// Baseline: a plain FTS5 table over the raw text in its own encrypted database (005's index shape).
const baseFile = path.join(work, 'baseline.db');
const base: Db = openEncryptedDatabase(baseFile, key, { create: true });
base.exec('CREATE VIRTUAL TABLE plain_index USING fts5(recording_id UNINDEXED, body)');
const baseInsert = base.prepare('INSERT INTO plain_index (recording_id, body) VALUES (?, ?)');
const baseBuild = time(() => {
  for (const id of ids) {
    const t = transcripts.latest(id);
    base.transaction(() => {
      for (const s of t?.segments ?? []) {
        baseInsert.run(id, s.text);
      }
    })();
  }
  base.exec(`INSERT INTO plain_index(plain_index) VALUES('optimize')`);
  base.pragma('wal_checkpoint(TRUNCATE)');
});
const baseSize = size(baseFile);

// 3. Two-word queries: mid-frequency words, as a rep's query would be.
const reader = createSearchIndexReader(db, benchSealer);
const queries = Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? `${VOCABULARY[100 + i] ?? 'ka'} 4242` : `${VOCABULARY[50 + Math.floor(random() * 1000)] ?? 'ka'} ${VOCABULARY[50 + Math.floor(random() * 1000)] ?? 'lo'}`));
const withSnippets: number[] = [];
const ftsOnly: number[] = [];
const baseline: number[] = [];
let hits = 0;
const baseQuery = base.prepare<[string], { recording_id: string; body: string }>('SELECT recording_id, body FROM plain_index WHERE plain_index MATCH ? ORDER BY rank LIMIT 51');
for (const [round_, q] of queries.entries()) {
  const query = parseSearchQuery(q);
  const run = () => {
    const rows = reader.query(query, {}, 51);
    hits += round_ === 0 ? 0 : rows.length;
    for (const row of rows.slice(0, 50)) {
      snippetOf(row.text, highlightRanges(row.text, query));
    }
  };
  run(); // warm
  withSnippets.push(time(run));
  ftsOnly.push(time(() => reader.query(query, {}, 51)));
  baseline.push(time(() => baseQuery.all(q.split(' ').map((w) => `"${w}"`).join(' '))));
}
db.close();
base.close();
fs.rmSync(work, { recursive: true, force: true });

report('search', {
  calls: CALLS,
  segmentsPerCall: SEGMENTS_PER_CALL,
  fillSeconds: round(fill / 1000, 1),
  indexBuildSeconds: round(build / 1000, 1),
  baselinePlainFtsBuildSeconds: round(baseBuild / 1000, 1),
  buildRatioToBaseline: round(build / baseBuild),
  dbMiBWithoutIndex: mib(sizeWithout),
  dbMiBWithIndex: mib(sizeWith),
  indexMiB: mib(sizeWith - sizeWithout),
  baselinePlainFtsMiB: mib(baseSize),
  queries: queries.length,
  avgHitsPerQuery: round(hits / (queries.length - 1), 1),
  p50MsWithSnippets: round(p(withSnippets, 0.5)),
  p95MsWithSnippets: round(p(withSnippets, 0.95)),
  p95MsIndexOnly: round(p(ftsOnly, 0.95)),
  p95MsBaselinePlainFts: round(p(baseline, 0.95)),
  p95RatioToBaseline: round(p(withSnippets, 0.95) / Math.max(0.001, p(baseline, 0.95))),
  goalP95Ms: 100,
});
