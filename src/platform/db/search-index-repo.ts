import type Database from 'better-sqlite3-multiple-ciphers';
import { matchesAllPhrases, parseSearchQuery, queryTerms, type SearchQuery } from '../../core/search/search-query';
import { searchTerms } from '../../core/search/search-text';
import type { SearchRow, SearchSource } from '../../core/search/search-document';
import type { SearchFilters, SearchHitRow, SearchIndexReader, SearchIndexWriter } from '../../core/ports/search-index';
import { ArtifactSealError, type ArtifactSealer, type SealedArtifact } from '../../core/ports/artifact-sealer';
import { openFrom, SealedColumnError, sealTo } from './sealed-columns';
import { BLOCK_ROWS, blockFiltersOf, bloomHas, bloomOf, someBlockHasAll } from './search-bloom';
import { createScopeList, type ListedScope } from './search-scope-list';
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
  /** Writes the scope's filters once its rows are in. */
  readonly setFilters: (scopeId: number, bloom: Buffer, blocks: Buffer) => void;
  readonly insertRow: Database.Statement<[number, string, string, number | null, number | null, string | null, Buffer]>;
  readonly insertTerm: Database.Statement<[number, Buffer, number]>;
}

/** `blocks: false` for migration 017's conversion, which runs before `search_scopes.blocks` exists (its one-row legacy scopes need no block filters). */
function indexStatements(db: Database.Database, { blocks }: { readonly blocks: boolean } = { blocks: true }): IndexStatements {
  const setBoth = blocks ? db.prepare<[Buffer, Buffer, number]>('UPDATE search_scopes SET bloom = ?, blocks = ? WHERE id = ?') : undefined;
  const setBloom = db.prepare<[Buffer, number]>('UPDATE search_scopes SET bloom = ? WHERE id = ?');
  return {
    nextId: db.prepare<[], number>('SELECT coalesce(max(id), 0) + 1 FROM search_rows').pluck(),
    addScope: db.prepare<[string, string]>("INSERT INTO search_scopes (recording_id, part, bloom) VALUES (?, ?, X'')"),
    setFilters: (scopeId, bloom, blockFilters) => {
      if (setBoth === undefined) {
        setBloom.run(bloom, scopeId);
      } else {
        setBoth.run(bloom, blockFilters, scopeId);
      }
    },
    insertRow: db.prepare('INSERT INTO search_rows (id, recording_id, source, segment, start_ms, speaker, sealed) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertTerm: db.prepare('INSERT OR IGNORE INTO search_terms (scope, hash, row_id) VALUES (?, ?, ?)'),
  };
}

/**
 * Indexes rows of one recording, in new scopes (one per part; a scope is never changed once
 * written): each row sealed under its scope's key with its row bound in, each distinct term
 * hashed once per scope, then the scope's filter and its block filters (`search-bloom.ts`).
 */
function indexRows(statements: IndexStatements, sealer: ArtifactSealer, recordingId: string, rows: readonly (SearchRow | (Omit<SearchRow, 'source'> & { readonly source: 'legacy' }))[], fixedId?: number): void {
  const scopes = new Map<SearchPart, { id: number; key: Uint8Array | undefined; hashes: Map<string, Buffer>; rows: number; blocks: Set<Uint8Array>[] }>();
  let id = fixedId ?? statements.nextId.get() ?? 1;
  for (const row of rows) {
    const part = partOf(row.source);
    let scope = scopes.get(part);
    if (scope === undefined) {
      scope = { id: Number(statements.addScope.run(recordingId, part).lastInsertRowid), key: undefined, hashes: new Map(), rows: 0, blocks: [] };
      scopes.set(part, scope);
    }
    const artifact = artifactOfPart(part);
    statements.insertRow.run(id, recordingId, row.source, row.segment, row.startMs, row.speaker, sealTo(sealer, recordingId, artifact, rowContext(id, row), row.text));
    const blockIndex = Math.floor(scope.rows / BLOCK_ROWS);
    const block = (scope.blocks[blockIndex] ??= new Set());
    scope.rows += 1;
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
      block.add(hash); // the scope's one Buffer per term, so a block holds each term once
      statements.insertTerm.run(scope.id, hash, id);
    }
    id += 1;
  }
  for (const scope of scopes.values()) {
    statements.setFilters(scope.id, bloomOf(scope.hashes.values(), scope.hashes.size), blockFiltersOf(scope.blocks));
  }
}

/** Migration 017: a row from before migration 007 (text as written), sealed and hashed under the recording's notes key, keeping its id. */
export function indexLegacyRow(db: Database.Database, sealer: ArtifactSealer, id: number, recordingId: string, text: string): void {
  indexRows(indexStatements(db, { blocks: false }), sealer, recordingId, [{ source: 'legacy', text, segment: null, startMs: null, speaker: null }], id);
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

/**
 * Scopes walked per probe statement, newest call first: the first batch is small, so a query of
 * common words answers from the newest calls after one short statement; batches then double up to
 * `PROBE_BATCH`, enough to amortise a statement when hits are rare.
 */
const FIRST_PROBE_BATCH = 50;
const PROBE_BATCH = 400;

export function createSearchIndexReader(db: Db, sealer: ArtifactSealer): SearchIndexReader {
  // The scopes in query order with their filters, in memory between queries (search-scope-list.ts).
  const scopeList = createScopeList(db);
  // The rows holding every term: the probes list each passing scope's term hashes in the query's
  // term order, so an entry's position modulo the number of terms is its term.
  // Each scope's search key by scope id, so the query loop makes no strings: the same keys the
  // sealer caches with their artifact keys, all dropped here whenever it drops any (a destroyed
  // key, the lock), before the next query uses them.
  const scopeKeys = new Map<number, Uint8Array>();
  let scopeKeysOf = -1;
  const keyOfScope = (scope: ListedScope): Uint8Array | undefined => {
    let key = scopeKeys.get(scope.id);
    if (key === undefined) {
      key = scopeKey(sealer, scope.recordingId, scope.part, scope.id);
      // Not kept inside a transaction: a scope written there may be rolled back and its id reused by another recording.
      if (key !== undefined && !db.inTransaction) {
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
    const within = (scope: ListedScope): boolean =>
      (filters.callType === undefined || scope.callType === filters.callType) &&
      (filters.from === undefined || scope.startedAt >= filters.from) &&
      (filters.to === undefined || scope.startedAt < filters.to) &&
      (filters.speaker === undefined || scope.part === 'transcript');
    const all = scopeList.current();
    const hits: SearchHitRow[] = [];
    const filterCache = new Map<string, boolean>();
    let at = 0;
    let batchSize = FIRST_PROBE_BATCH;
    while (at < all.length && hits.length < limit) {
      // A batch ends on a recording's last scope, so its hits can be put in order before the next.
      let end = Math.min(all.length, at + batchSize);
      while (end < all.length && all[end]?.recordingId === all[end - 1]?.recordingId) {
        end += 1;
      }
      const batch = all.slice(at, end).filter(within);
      at = end;
      batchSize = Math.min(PROBE_BATCH, batchSize * 2);
      const probes: [number, string][] = [];
      for (const scope of batch) {
        const key = keyOfScope(scope);
        if (key === undefined) {
          continue; // the scope's artifact key is gone: nothing of it can match
        }
        const hashes: Buffer[] = [];
        for (const term of termBytes) {
          const hash = termHash(sealer, key, term);
          // A term surely not in the scope: the other terms need not be hashed.
          if (!bloomHas(scope.bloom, hash)) {
            break;
          }
          hashes.push(hash);
        }
        // Every term in the scope, but in no one block of rows: no row can hold them all.
        if (hashes.length < terms.length || !someBlockHasAll(scope.blocks, hashes)) {
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
      const order = new Map(batch.map((s, i) => [s.recordingId, i] as const).reverse());
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
