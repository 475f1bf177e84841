// The search index without plaintext (#15 section 2 step 3, migration 017): keyed term hashes under
// each artifact's key and sealed snippets. Real vault files, real SQLite3MultipleCiphers, real
// libsodium, through the contract the app uses.
import { afterEach, describe, expect, it } from 'vitest';
import { canariesReadableWithPassphrase } from '../../helpers/decrypted-vault-scan';
import { openRawVaultDb } from '../../helpers/raw-vault-db';
import { retentionFixture } from '../../helpers/retention-fixture';
import { SALES_CALL } from '../../helpers/summary-fixture';
import { timedSegment } from '../../helpers/timed-segment';
import { PASSPHRASE } from '../../helpers/vault-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

// One canary per source the index holds.
const SPOKEN = 'Zorbulate';
const NOTE = 'Quillimanjaro';
// Tags come from the policy's list, so the tag is a listed one (the policy text itself may be stored elsewhere in the vault).
const TAG = 'executive-sponsor';
const ACCOUNT = 'Brimbleworth';
const PERSON = 'Tarquinella';
const EMAIL = 'tarquinella@brimbleworth.example';
const ALL = [SPOKEN, NOTE, 'executive', 'sponsor', ACCOUNT, PERSON];

async function fixture() {
  const f = await retentionFixture('2027-03-01T10:00:00.000Z');
  open.push(f);
  const imported = await f.addCall('discovery', `${SPOKEN} ${NOTE}`, { name: `${PERSON} Smith`, email: EMAIL }, `${ACCOUNT} Holdings`);
  // addCall puts its words in the transcript and in the notes; the notes get their own canary too.
  await f.call('calls.saveNotes', { callId: imported.callId, body: `Notes: ${NOTE} asked for a pilot` });
  await f.call('tags.add', { recordingId: imported.recordingId, tag: TAG });
  // A corrected version with a sales conversation, so the extractive draft has items (it quotes the rep's commitment).
  f.vault().transcripts.add({
    recordingId: imported.recordingId, kind: 'correction', createdAt: f.clock.now().toISOString(), createdBy: 'Rita Rep', engine: 'edit', language: 'en',
    segments: [timedSegment('customer', 0, 900, `We said ${SPOKEN} ${NOTE} on the call.`), ...SALES_CALL],
  });
  await f.call('summary.draft', { recordingId: imported.recordingId, drafter: 'extractive' });
  const other = await f.addCall('discovery', 'an ordinary call about the renewal');
  return { f, ...imported, other };
}

const search = async (f: Fixture, query: string, filters: Record<string, string> = {}) => (await f.call('search.calls', { query, ...filters })).hits;

/** Every value of every row of the search tables, decrypted with the passphrase (as an attacker who has it reads them). */
async function dumpSearchTables(f: Fixture): Promise<string> {
  const dir = f.vault().profile.vaultDir;
  f.session.lock();
  const raw = await openRawVaultDb(dir, f.session.crypto);
  try {
    const parts: string[] = [];
    for (const table of ['search_rows', 'search_terms', 'search_scopes']) {
      for (const row of raw.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) {
        for (const value of Object.values(row)) {
          parts.push(Buffer.isBuffer(value) ? `${value.toString('latin1')} ${value.toString('hex')} ${value.toString('base64')}` : String(value));
        }
      }
    }
    expect(raw.prepare("SELECT count(*) FROM sqlite_schema WHERE name LIKE 'search_index%'").pluck().get()).toBe(0);
    expect(raw.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('search_rows')).not.toContain('text');
    return parts.join('\n');
  } finally {
    raw.close();
    await f.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
  }
}

describe('the hashed search index', () => {
  it('finds every source (transcript, notes, tag, summary, title, account, participant) with snippets, and holds none of their words', async () => {
    const { f, recordingId } = await fixture();
    const sourcesOf = async (q: string) => new Set((await search(f, q)).filter((h) => h.recordingId === recordingId).map((h) => h.source));
    expect(await sourcesOf(SPOKEN)).toEqual(new Set(['transcript']));
    // The summary draft's items are found as `summary-draft` (a word of its first item).
    const summary = await f.call('summary.get', { recordingId });
    const items = summary.latest?.content.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    expect(await sourcesOf(`"${items[0]?.text ?? ''}"`)).toContain('summary-draft');
    expect(await sourcesOf(`${NOTE} asked`)).toEqual(new Set(['notes']));
    expect(await sourcesOf('executive sponsor')).toEqual(new Set(['tag']));
    expect(await sourcesOf(ACCOUNT)).toEqual(new Set(['account', 'participant']));
    expect(await sourcesOf(`${PERSON} Smith`)).toEqual(new Set(['participant']));
    expect(await sourcesOf('Check-in')).toEqual(new Set(['title']));
    // Phrase order is checked on the opened text: both words are in the row, not in this order.
    expect(await sourcesOf(`"asked ${NOTE}"`)).toEqual(new Set());
    expect(await sourcesOf(`"${NOTE} asked"`)).toEqual(new Set(['notes']));
    // The snippet is the text as written, highlighted.
    const hit = (await search(f, SPOKEN)).find((h) => h.source === 'transcript');
    expect(hit?.snippet.text).toBe(`We said ${SPOKEN} ${NOTE} on the call.`);
    expect(hit?.snippet.highlights.map((r) => hit.snippet.text.slice(r.start, r.end))).toEqual([SPOKEN]);
    // Filters read the sealed rows of the recording: tag (any case) and person (part of a name, email or account).
    expect((await search(f, SPOKEN, { tag: TAG.toUpperCase() })).length).toBeGreaterThan(0);
    expect(await search(f, SPOKEN, { tag: 'pricingx' })).toEqual([]);
    expect((await search(f, SPOKEN, { person: 'brimbleworth hold' })).length).toBeGreaterThan(0);
    expect(await search(f, SPOKEN, { person: 'nobody' })).toEqual([]);

    // The search tables, decrypted: no word of any source, not even the call-level details.
    const dump = await dumpSearchTables(f);
    for (const canary of [...ALL, 'check-in', 'renewal']) {
      expect(dump.toLowerCase(), canary).not.toContain(canary.toLowerCase());
      expect(dump, canary).not.toContain(Buffer.from(canary.toLowerCase()).toString('hex'));
    }
    // The whole decrypted vault: transcript, notes and summary words appear nowhere (the account
    // and participant stay in the calls table, which is not sealed: see docs/RETENTION.md).
    const dir = f.vault().profile.vaultDir;
    f.session.lock();
    expect(await canariesReadableWithPassphrase(dir, f.session.crypto, [SPOKEN, NOTE])).toEqual([]);
  });

  it('refuses a snippet that was altered, moved to another row, or given another speaker', async () => {
    const { f, recordingId, other } = await fixture();
    expect((await search(f, 'renewal')).length).toBeGreaterThan(0);
    const dir = f.vault().profile.vaultDir;
    const tamper = async (sql: (raw: Awaited<ReturnType<typeof openRawVaultDb>>) => void) => {
      f.session.lock();
      const raw = await openRawVaultDb(dir, f.session.crypto);
      try {
        sql(raw);
      } finally {
        raw.close();
      }
      await f.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    };
    const transcriptRow = async () => {
      f.session.lock();
      const raw = await openRawVaultDb(dir, f.session.crypto);
      const rows = raw.prepare("SELECT id, recording_id, sealed, speaker FROM search_rows WHERE source = 'transcript' ORDER BY id").all() as { id: number; recording_id: string; sealed: Buffer; speaker: string }[];
      raw.close();
      await f.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
      return rows;
    };
    const rows = await transcriptRow();
    // The other call's only transcript segment holds "renewal"; the donor is this call's segment.
    const target = rows.find((r) => r.recording_id === other.recordingId);
    expect(target).toBeDefined();
    const original = Buffer.from(target?.sealed ?? Buffer.alloc(0));

    // 1. A flipped byte.
    const flipped = Buffer.from(original);
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] ?? 0) ^ 1;
    await tamper((raw) => raw.prepare('UPDATE search_rows SET sealed = ? WHERE id = ?').run(flipped, target?.id));
    expect((await f.refusal('search.calls', { query: 'renewal' })).code).toBe('INTEGRITY');

    // 2. Another row's sealed snippet moved here (same recording's transcript key, another row).
    const donor = rows.find((r) => r.recording_id === recordingId);
    expect(donor).toBeDefined();
    await tamper((raw) => raw.prepare('UPDATE search_rows SET sealed = (SELECT sealed FROM search_rows WHERE id = ?) WHERE id = ?').run(donor?.id, target?.id));
    expect((await f.refusal('search.calls', { query: 'renewal' })).code).toBe('INTEGRITY');

    // 3. The right snippet, but its speaker changed (bound into the authenticated data).
    await tamper((raw) => raw.prepare("UPDATE search_rows SET sealed = ?, speaker = 'rep' WHERE id = ?").run(original, target?.id));
    expect((await f.refusal('search.calls', { query: 'renewal' })).code).toBe('INTEGRITY');

    // Put back as written: found again.
    await tamper((raw) => raw.prepare('UPDATE search_rows SET sealed = ?, speaker = ? WHERE id = ?').run(original, target?.speaker, target?.id));
    expect((await search(f, 'renewal')).length).toBeGreaterThan(0);
  });

  it('a destroyed artifact: no hits, its hashes, scopes and rows gone in the destroying transaction; restored old rows do not match', async () => {
    const { f, recordingId, other } = await fixture();
    expect((await search(f, `${NOTE} asked`)).length).toBe(1);
    const dir = f.vault().profile.vaultDir;
    // The index as it was before the destruction (what a copy of the folder would hold).
    f.session.lock();
    let raw = await openRawVaultDb(dir, f.session.crypto);
    const { id: notesScope, bloom: notesBloom } = raw.prepare("SELECT id, bloom FROM search_scopes WHERE recording_id = ? AND part = 'notes'").get(recordingId) as { id: number; bloom: Buffer };
    const oldTerms = raw.prepare('SELECT scope, hash, row_id FROM search_terms WHERE scope = ?').all(notesScope) as { scope: number; hash: Buffer; row_id: number }[];
    const oldRows = raw.prepare("SELECT * FROM search_rows WHERE recording_id = ? AND source = 'notes'").all(recordingId) as Record<string, unknown>[];
    raw.close();
    expect(oldTerms.length).toBeGreaterThan(0);
    expect(oldRows).toHaveLength(1);
    await f.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });

    f.vault().destroyArtifacts([{ recordingId, artifact: 'notes', rule: 'test', dueOn: '2027-03-01' }]);
    expect(await search(f, `${NOTE} asked`)).toEqual([]);
    // The transcript is untouched: its words are still found.
    expect((await search(f, SPOKEN)).some((h) => h.source === 'transcript')).toBe(true);
    f.session.lock();
    raw = await openRawVaultDb(dir, f.session.crypto);
    expect(raw.prepare('SELECT count(*) FROM search_terms WHERE scope = ?').pluck().get(notesScope)).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM search_scopes WHERE recording_id = ? AND part = 'notes'").pluck().get(recordingId)).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM search_rows WHERE recording_id = ? AND source = 'notes'").pluck().get(recordingId)).toBe(0);
    expect((raw.prepare("SELECT wrapped_key FROM artifact_keys WHERE owner = ? AND artifact = 'notes'").pluck().get(recordingId) as Buffer).length).toBe(0);
    // Someone puts the old hashes and sealed row back (from an earlier copy): the key is gone, so
    // no query hashes to them and the row does not open.
    raw.prepare("INSERT INTO search_scopes (id, recording_id, part, bloom) VALUES (?, ?, 'notes', ?)").run(notesScope, recordingId, notesBloom);
    for (const t of oldTerms) {
      raw.prepare('INSERT INTO search_terms (scope, hash, row_id) VALUES (?, ?, ?)').run(t.scope, t.hash, t.row_id);
    }
    for (const r of oldRows) {
      raw.prepare('INSERT INTO search_rows (id, recording_id, source, segment, start_ms, speaker, sealed) VALUES (@id, @recording_id, @source, @segment, @start_ms, @speaker, @sealed)').run(r);
    }
    raw.close();
    await f.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    expect(await search(f, `${NOTE} asked`)).toEqual([]);
    expect(() => f.vault().sealer.keyedHash(recordingId, 'notes', new TextEncoder().encode('x'))).not.toThrow();
    expect(f.vault().sealer.keyedHash(recordingId, 'notes', new TextEncoder().encode('x'))).toBeUndefined();

    // The whole recording: every key, scope, hash and row of it goes, the other call's stay.
    f.vault().destroyRecording(recordingId);
    expect(await search(f, SPOKEN)).toEqual([]);
    expect(await search(f, ACCOUNT)).toEqual([]);
    expect((await search(f, 'renewal')).map((h) => h.recordingId)).toContain(other.recordingId);
    f.session.lock();
    raw = await openRawVaultDb(dir, f.session.crypto);
    expect(raw.prepare('SELECT count(*) FROM search_rows WHERE recording_id = ?').pluck().get(recordingId)).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM search_scopes WHERE recording_id = ?').pluck().get(recordingId)).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM search_terms WHERE scope NOT IN (SELECT id FROM search_scopes)').pluck().get()).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM artifact_keys WHERE owner = ?').pluck().get(recordingId)).toBe(0);
    expect(raw.prepare('SELECT count(*) FROM search_rows WHERE recording_id = ?').pluck().get(other.recordingId)).toBeGreaterThan(0);
    raw.close();
  });
});
