import type Database from 'better-sqlite3-multiple-ciphers';
import { matchesAllPhrases, parseSearchQuery, queryTerms, type SearchQuery } from '../../core/search/search-query';
import { searchTerms } from '../../core/search/search-text';
import type { SearchRow, SearchSource } from '../../core/search/search-document';
import type { SearchFilters, SearchHitRow, SearchIndexReader, SearchIndexWriter } from '../../core/ports/search-index';
import { ArtifactSealError, type ArtifactSealer, type SealedArtifact } from '../../core/ports/artifact-sealer';
import { openFrom, SealedColumnError, sealTo } from './sealed-columns';
import type { Db } from './connection';

/**
 * The search index (migration 017): no term and no text in plaintext, even inside the encrypted
 * database. Each recording's indexed pieces are grouped by the artifact key they come under (a
 * *scope*: transcript, summary, notes, tags, metadata for the title, account and participants,
 * legacy); `search_terms` maps the keyed hash of each normalised term (SipHash-2-4 under the
 * scope's own search key, derived once from the scope's artifact key and the scope id) to the rows
 * holding it, and `search_rows` holds each piece sealed under the artifact key. A query hashes its
 * terms under the search key of every scope (cached by scope id while the vault is open), skips the
 * scopes whose Bloom filter lacks a term, and asks SQLite for the rows holding every term; those are
 * opened and the phrases checked on the opened text. Destroying an artifact key makes its hashes
 * unmatchable (its search keys are wiped with it and cannot be derived again) and its rows
 * unreadable; retention deletes them in the same transaction.
 */

/** The part of a recording a row belongs to, which names the artifact key its hashes and seal are under. */
export type SearchPart = 'transcript' | 'summary' | 'notes' | 'tags' | 'metadata' | 'legacy';

export function partOf(source: SearchSource | 'legacy'): SearchPart {
  switch (source) {
    case 'transcript':
      return 'transcript';
    case 'summary':
    case 'summary-draft':
      return 'summary';
    case 'notes':
      return 'notes';
    case 'tag':
      return 'tags';
    case 'title':
    case 'account':
    case 'participant':
      return 'metadata';
    case 'legacy':
      return 'legacy';
  }
}

/** Legacy rows (written before migration 007, with no other copy) go with the notes. */
export function artifactOfPart(part: SearchPart): SealedArtifact {
  return part === 'legacy' ? 'notes' : part;
}

/** Hash bytes per term (SipHash-2-4's output): within one scope's few thousand terms a collision is negligible, and a hit is checked on the opened text anyway. */
const HASH_BYTES = 8;
const encoder = new TextEncoder();

/** The label of a scope's search key: one key per scope, derived once from the scope's artifact key (`ArtifactSealer.shortHashKey`). */
function scopeKeyLabel(scopeId: number): string {
  return `cv-search-scope-v1\n${scopeId}`;
}

/** The scope's search key; undefined when its artifact key is gone (nothing of it can match). */
function scopeKey(sealer: ArtifactSealer, recordingId: string, part: SearchPart, scopeId: number): Uint8Array | undefined {
  return sealer.shortHashKey(recordingId, artifactOfPart(part), scopeKeyLabel(scopeId));
}

/** The keyed hash of a normalised term under its scope's search key (SipHash-2-4, 8 bytes). */
function termHash(sealer: ArtifactSealer, key: Uint8Array, term: Uint8Array): Buffer {
  const hash = sealer.shortHash(key, term);
  return Buffer.from(hash.buffer, hash.byteOffset, HASH_BYTES);
}

/** The row context bound into a snippet's authenticated data: a snippet moved to another row, source, segment, time or speaker does not open. */
function rowContext(id: number, row: { readonly source: string; readonly segment: number | null; readonly startMs: number | null; readonly speaker: string | null }): string {
  return `search_rows:${JSON.stringify([id, row.source, row.segment, row.startMs, row.speaker])}`;
}

interface IndexStatements {
  readonly nextId: Database.Statement<[], number>;
  readonly addScope: Database.Statement<[string, string]>;
  readonly setBloom: Database.Statement<[Buffer, number]>;
  readonly insertRow: Database.Statement<[number, string, string, number | null, number | null, string | null, Buffer]>;
  readonly insertTerm: Database.Statement<[number, Buffer, number]>;
}

function indexStatements(db: Database.Database): IndexStatements {
  return {
    nextId: db.prepare<[], number>('SELECT coalesce(max(id), 0) + 1 FROM search_rows').pluck(),
    addScope: db.prepare<[string, string]>("INSERT INTO search_scopes (recording_id, part, bloom) VALUES (?, ?, X'')"),
    setBloom: db.prepare<[Buffer, number]>('UPDATE search_scopes SET bloom = ? WHERE id = ?'),
    insertRow: db.prepare('INSERT INTO search_rows (id, recording_id, source, segment, start_ms, speaker, sealed) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertTerm: db.prepare('INSERT OR IGNORE INTO search_terms (scope, hash, row_id) VALUES (?, ?, ?)'),
  };
}

/** Bloom filter bits per distinct term, and bits set per term (about 1% false positives). */
const BLOOM_BITS_PER_TERM = 10;
const BLOOM_PROBES = 4;

/** A Bloom filter over a scope's term hashes: the bits come from the keyed hashes themselves. */
function bloomOf(hashes: Iterable<Uint8Array>, count: number): Buffer {
  const bits = Math.max(64, Math.ceil((count * BLOOM_BITS_PER_TERM) / 8) * 8);
  const bloom = Buffer.alloc(bits / 8);
  for (const hash of hashes) {
    for (const bit of bloomBits(hash, bits)) {
      bloom[bit >>> 3] = (bloom[bit >>> 3] ?? 0) | (1 << (bit & 7));
    }
  }
  return bloom;
}

function bloomBits(hash: Uint8Array, bits: number): number[] {
  const h1 = bloomWord(hash, 0);
  const h2 = (bloomWord(hash, 4) | 1) >>> 0;
  return Array.from({ length: BLOOM_PROBES }, (_, i) => (h1 + i * h2) % bits);
}

/** Bytes `at`..`at + 3` of a hash as an unsigned little-endian integer. */
function bloomWord(hash: Uint8Array, at: number): number {
  return ((hash[at] ?? 0) | ((hash[at + 1] ?? 0) << 8) | ((hash[at + 2] ?? 0) << 16) | ((hash[at + 3] ?? 0) << 24)) >>> 0;
}

/** Whether every bit of the hash is set (the same bits as `bloomBits`, without an array: this runs per scope and term of a query). */
function bloomHas(bloom: Uint8Array, hash: Uint8Array): boolean {
  const bits = bloom.length * 8;
  // An empty filter is one being written (inside its transaction): unknown, so probe.
  if (bits === 0) {
    return true;
  }
  const h1 = bloomWord(hash, 0);
  const h2 = (bloomWord(hash, 4) | 1) >>> 0;
  for (let i = 0; i < BLOOM_PROBES; i += 1) {
    const bit = (h1 + i * h2) % bits;
    if (((bloom[bit >>> 3] ?? 0) & (1 << (bit & 7))) === 0) {
      return false;
    }
  }
  return true;
}

/**
 * Indexes rows of one recording, in new scopes (one per part; a scope is never changed once
 * written): each row sealed under its scope's key with its row bound in, each distinct term
 * hashed once per scope, then the scope's Bloom filter.
 */
function indexRows(statements: IndexStatements, sealer: ArtifactSealer, recordingId: string, rows: readonly (SearchRow | (Omit<SearchRow, 'source'> & { readonly source: 'legacy' }))[], fixedId?: number): void {
  const scopes = new Map<SearchPart, { id: number; key: Uint8Array | undefined; hashes: Map<string, Buffer> }>();
  let id = fixedId ?? statements.nextId.get() ?? 1;
  for (const row of rows) {
    const part = partOf(row.source);
    let scope = scopes.get(part);
    if (scope === undefined) {
      scope = { id: Number(statements.addScope.run(recordingId, part).lastInsertRowid), key: undefined, hashes: new Map() };
      scopes.set(part, scope);
    }
    const artifact = artifactOfPart(part);
    statements.insertRow.run(id, recordingId, row.source, row.segment, row.startMs, row.speaker, sealTo(sealer, recordingId, artifact, rowContext(id, row), row.text));
    for (const { term } of searchTerms(row.text)) {
      let hash = scope.hashes.get(term);
      if (hash === undefined) {
        // The seal above made the artifact key if it was missing; from here the cached key is enough.
        scope.key ??= scopeKey(sealer, recordingId, part, scope.id);
        if (scope.key === undefined) {
          throw new SealedColumnError('The artifact key of this call could not be made, so its search entries were not written.');
        }
        hash = termHash(sealer, scope.key, encoder.encode(term));
        scope.hashes.set(term, hash);
      }
      statements.insertTerm.run(scope.id, hash, id);
    }
    id += 1;
  }
  for (const scope of scopes.values()) {
    statements.setBloom.run(bloomOf(scope.hashes.values(), scope.hashes.size), scope.id);
  }
}

/** Migration 017: a row from before migration 007 (text as written), sealed and hashed under the recording's notes key, keeping its id. */
export function indexLegacyRow(db: Database.Database, sealer: ArtifactSealer, id: number, recordingId: string, text: string): void {
  indexRows(indexStatements(db), sealer, recordingId, [{ source: 'legacy', text, segment: null, startMs: null, speaker: null }], id);
}

export function createSearchIndexWriter(db: Db, sealer: ArtifactSealer): SearchIndexWriter {
  const statements = indexStatements(db);
  const removeTerms = db.prepare<[string]>("DELETE FROM search_terms WHERE scope IN (SELECT id FROM search_scopes WHERE recording_id = ? AND part <> 'legacy')");
  const removeScopes = db.prepare<[string]>("DELETE FROM search_scopes WHERE recording_id = ? AND part <> 'legacy'");
  const removeRows = db.prepare<[string]>("DELETE FROM search_rows WHERE recording_id = ? AND source <> 'legacy'");
  const stale = db.prepare<[], string>('SELECT recording_id FROM search_stale ORDER BY recording_id').pluck();
  const isStale = db.prepare<[string], number>('SELECT 1 FROM search_stale WHERE recording_id = ?').pluck();
  const markStale = db.prepare<[string]>('INSERT OR IGNORE INTO search_stale (recording_id) VALUES (?)');
  const markFresh = db.prepare<[string]>('DELETE FROM search_stale WHERE recording_id = ?');
  return {
    /** Replaces everything indexed for the recording (legacy rows stay) and marks it up to date. */
    replaceRecording(recordingId: string, rows: readonly SearchRow[]): void {
      db.transaction(() => {
        removeTerms.run(recordingId);
        removeScopes.run(recordingId);
        removeRows.run(recordingId);
        indexRows(statements, sealer, recordingId, rows);
        markFresh.run(recordingId);
      })();
    },
    /** Adds one piece of text (a test's or a later source's); the next rebuild of the recording replaces it. */
    add(recordingId: string, text: string, source: SearchSource = 'notes'): void {
      db.transaction(() => {
        indexRows(statements, sealer, recordingId, [{ source, text, segment: null, startMs: null, speaker: null }]);
      })();
    },
    /** Recordings whose rows must be rebuilt before the index can answer for them. */
    staleRecordings(): string[] {
      return stale.all();
    },
    /** Whether the recording's rows must be rebuilt. */
    isStale(recordingId: string): boolean {
      return isStale.get(recordingId) !== undefined;
    },
    /** For a source the triggers do not watch (tags, until their table has a trigger): rebuild this recording. */
    markStale(recordingId: string): void {
      markStale.run(recordingId);
    },
    /** A stale entry for a recording that no longer exists. */
    dropStale(recordingId: string): void {
      markFresh.run(recordingId);
    },
  };
}

interface ScopeRow {
  readonly id: number;
  readonly recording_id: string;
  readonly part: SearchPart;
}

interface RowRecord {
  readonly id: number;
  readonly recording_id: string;
  readonly source: SearchHitRow['source'];
  readonly segment: number | null;
  readonly start_ms: number | null;
  readonly speaker: string | null;
  readonly sealed: Buffer;
  readonly title: string;
  readonly call_type: string;
  readonly started_at: string;
  readonly call_id: string | null;
}

/** Scopes probed per statement: enough to amortise a statement, few enough to stop early once the page is full. */
const PROBE_BATCH = 400;

export function createSearchIndexReader(db: Db, sealer: ArtifactSealer): SearchIndexReader {
  // Every filter is a bound parameter; the terms never reach SQL, only their keyed hashes.
  const scopes = db.prepare<Record<string, string | null>, ScopeRow>(`
    SELECT s.id, s.recording_id, s.part
    FROM search_scopes AS s JOIN recordings AS rec ON rec.id = s.recording_id
    WHERE (@callType IS NULL OR rec.call_type = @callType)
      AND (@from IS NULL OR rec.started_at >= @from)
      AND (@to IS NULL OR rec.started_at < @to)
      AND (@speaker IS NULL OR s.part = 'transcript')
    ORDER BY rec.started_at DESC, s.recording_id, s.id`);
  // Scopes are written once and their ids never reused: their filters can stay in memory while
  // the vault is open (a filter says nothing without the scope's key). Loaded on first use.
  const blooms = new Map<number, Buffer>();
  const loadBlooms = db.prepare<[number], { id: number; bloom: Buffer }>('SELECT id, bloom FROM search_scopes WHERE id > ? ORDER BY id');
  let loadedUpTo = 0;
  const bloomFor = (scopeId: number): Buffer | undefined => {
    if (!blooms.has(scopeId) && scopeId > loadedUpTo) {
      for (const row of loadBlooms.iterate(loadedUpTo)) {
        blooms.set(row.id, row.bloom);
        loadedUpTo = Math.max(loadedUpTo, row.id);
      }
    }
    return blooms.get(scopeId);
  };
  // The rows holding every term: the probes list each passing scope's term hashes in the query's
  // term order, so an entry's position modulo the number of terms is its term.
  // Each scope's search key by scope id, so the query loop makes no strings: the same keys the
  // sealer caches with their artifact keys, all dropped here whenever it drops any (a destroyed
  // key, the lock), before the next query uses them.
  const scopeKeys = new Map<number, Uint8Array>();
  let scopeKeysOf = -1;
  const keyOfScope = (scope: ScopeRow): Uint8Array | undefined => {
    let key = scopeKeys.get(scope.id);
    if (key === undefined) {
      key = scopeKey(sealer, scope.recording_id, scope.part, scope.id);
      if (key !== undefined) {
        scopeKeys.set(scope.id, key);
      }
    }
    return key;
  };
  const probe = db.prepare<[string, number, number], number>(`
    SELECT t.row_id
    FROM json_each(?) AS j JOIN search_terms AS t ON t.scope = j.value ->> 0 AND t.hash = unhex(j.value ->> 1)
    GROUP BY t.row_id HAVING count(DISTINCT j.key % ?) = ?`).pluck();
  const rowsById = db.prepare<[string], RowRecord>(`
    SELECT r.id, r.recording_id, r.source, r.segment, r.start_ms, r.speaker, r.sealed, rec.title, rec.call_type, rec.started_at, rec.call_id
    FROM json_each(?) AS j JOIN search_rows AS r ON r.id = j.value JOIN recordings AS rec ON rec.id = r.recording_id
    ORDER BY r.id`);
  const filterRows = db.prepare<[string, string], Pick<RowRecord, 'id' | 'recording_id' | 'source' | 'segment' | 'start_ms' | 'speaker' | 'sealed'>>(
    'SELECT id, recording_id, source, segment, start_ms, speaker, sealed FROM search_rows WHERE recording_id = ? AND source IN (SELECT value FROM json_each(?))',
  );

  /** A row's text, opened under its scope's key; undefined (left out) once the key is destroyed. Tampering throws. */
  const openRow = (row: Pick<RowRecord, 'id' | 'recording_id' | 'source' | 'segment' | 'start_ms' | 'speaker' | 'sealed'>): string | undefined => {
    const artifact = artifactOfPart(partOf(row.source));
    try {
      return openFrom(sealer, row.recording_id, artifact, rowContext(row.id, { source: row.source, segment: row.segment, startMs: row.start_ms, speaker: row.speaker }), row.sealed, () => `Search entry ${row.id}`);
    } catch (error) {
      if (error instanceof ArtifactSealError && error.code === 'NOT_FOUND') {
        return undefined; // destroyed between the probe and now: nothing to show
      }
      throw error; // altered or moved: refused (INTEGRITY), never shown
    }
  };

  /** The tag and person filters, on the recording's own (opened) tag, participant and account rows. */
  const passesFilters = (recordingId: string, filters: SearchFilters, cache: Map<string, boolean>): boolean => {
    if (filters.tag === undefined && filters.person === undefined) {
      return true;
    }
    const known = cache.get(recordingId);
    if (known !== undefined) {
      return known;
    }
    const texts = (sources: readonly string[]): string[] =>
      filterRows.all(recordingId, JSON.stringify(sources)).flatMap((r) => {
        const text = openRow(r);
        return text === undefined ? [] : [text.toLowerCase()];
      });
    const tag = filters.tag?.toLowerCase();
    const person = filters.person?.toLowerCase();
    const ok = (tag === undefined || texts(['tag']).includes(tag)) && (person === undefined || texts(['participant', 'account']).some((t) => t.includes(person)));
    cache.set(recordingId, ok);
    return ok;
  };

  const query = (search: SearchQuery, filters: SearchFilters, limit: number): SearchHitRow[] => {
    const terms = queryTerms(search);
    const termBytes = terms.map((term) => encoder.encode(term));
    if (sealer.keyGeneration !== scopeKeysOf) {
      scopeKeys.clear();
      scopeKeysOf = sealer.keyGeneration;
    }
    const all = scopes.all({ callType: filters.callType ?? null, from: filters.from ?? null, to: filters.to ?? null, speaker: filters.speaker ?? null });
    const hits: SearchHitRow[] = [];
    const filterCache = new Map<string, boolean>();
    let at = 0;
    while (at < all.length && hits.length < limit) {
      // A batch ends on a recording's last scope, so its hits can be put in order before the next.
      let end = Math.min(all.length, at + PROBE_BATCH);
      while (end < all.length && all[end]?.recording_id === all[end - 1]?.recording_id) {
        end += 1;
      }
      const batch = all.slice(at, end);
      at = end;
      const probes: [number, string][] = [];
      for (const scope of batch) {
        const key = keyOfScope(scope);
        if (key === undefined) {
          continue; // the scope's artifact key is gone: nothing of it can match
        }
        const bloom = bloomFor(scope.id);
        const hashes: Buffer[] = [];
        for (const term of termBytes) {
          const hash = termHash(sealer, key, term);
          // A term surely not in the scope: the other terms need not be hashed.
          if (bloom !== undefined && !bloomHas(bloom, hash)) {
            break;
          }
          hashes.push(hash);
        }
        if (hashes.length < terms.length) {
          continue;
        }
        for (const hash of hashes) {
          probes.push([scope.id, hash.toString('hex')]);
        }
      }
      if (probes.length === 0) {
        continue;
      }
      // Rows holding every term of the query (phrases are checked on the opened text below).
      const candidates = probe.all(JSON.stringify(probes), terms.length, terms.length);
      if (candidates.length === 0) {
        continue;
      }
      const order = new Map(batch.map((s, i) => [s.recording_id, i] as const).reverse());
      const rows = rowsById.all(JSON.stringify(candidates)).sort((a, b) => (order.get(a.recording_id) ?? 0) - (order.get(b.recording_id) ?? 0) || a.id - b.id);
      for (const row of rows) {
        if (hits.length >= limit) {
          break;
        }
        if (filters.speaker !== undefined && row.speaker !== filters.speaker) {
          continue;
        }
        const text = openRow(row);
        if (text === undefined || !matchesAllPhrases(text, search) || !passesFilters(row.recording_id, filters, filterCache)) {
          continue;
        }
        hits.push({
          rowId: row.id,
          recordingId: row.recording_id,
          source: row.source,
          segment: row.segment,
          startMs: row.start_ms,
          speaker: row.speaker,
          text,
          title: row.title,
          callType: row.call_type,
          startedAt: row.started_at,
          callId: row.call_id,
        });
      }
    }
    return hits;
  };

  return {
    /** Recordings with a row holding every word of `text` (read as the search box reads it), newest call first. */
    find(text: string): string[] {
      return [...new Set(query(parseSearchQuery(text), {}, Number.MAX_SAFE_INTEGER).map((h) => h.recordingId))];
    },
    /** The first `limit` rows (newest call first, then in the order indexed) matching the query and the filters. */
    query,
  };
}

/**
 * After a salvage copy: the index is derived, so it is rebuilt rather than copied. Legacy rows
 * are kept as they were (sealed and hashed); every recording is marked stale so its rows are
 * rebuilt at the next search.
 */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    db.exec("DELETE FROM search_terms WHERE scope IN (SELECT id FROM search_scopes WHERE part <> 'legacy')");
    db.exec("DELETE FROM search_scopes WHERE part <> 'legacy'");
    db.exec("DELETE FROM search_rows WHERE source <> 'legacy'");
    db.exec('INSERT OR IGNORE INTO search_stale (recording_id) SELECT id FROM recordings');
  })();
}
