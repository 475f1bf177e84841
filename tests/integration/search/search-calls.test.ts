// Search across calls on a real encrypted vault: transcripts (latest version only), titles,
// accounts, participants and notes; filters; numbers however written; hostile queries; the index
// follows new versions and forgets destroyed calls; no canary in plaintext anywhere in the vault.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { searchCalls } from '../../../src/app/search/search-service';
import type { OpenVault } from '../../../src/app/vault/open-vault';
import { CallVaultError } from '../../../src/shared/callvault-error';
import type { SearchInput } from '../../../src/shared/contract';
import { allFiles } from '../../helpers/temp-dir';
import { timedSegment } from '../../helpers/timed-segment';
import { createTestVault } from '../../helpers/vault-fixture';

const open: OpenVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) {
    vault.close();
  }
});

interface CallSpec {
  readonly title: string;
  readonly callType?: string;
  readonly startedAt?: string;
  readonly account?: string;
  readonly participants?: readonly { name: string; email: string }[];
  readonly notes?: string;
  readonly lines: readonly (readonly ['rep' | 'customer', string])[];
}

/** A recording with its call (account, participants, notes) and a machine transcript, as the app stores them. */
function addCall(vault: OpenVault, spec: CallSpec): string {
  const callId = randomUUID();
  vault.calls.insert({
    id: callId,
    callType: spec.callType ?? 'customer-sales',
    account: spec.account ?? '',
    meetingTitle: spec.title,
    participants: spec.participants ?? [],
    policyHash: 'p',
    scriptId: 's',
    scriptVersion: 1,
    consentScope: 'all',
    state: 'ended',
    createdAt: '2026-05-01T09:00:00.000Z',
  });
  const { record, writer } = vault.startRecording({ title: spec.title, callType: spec.callType ?? 'customer-sales', policyHash: 'p', callId, startedAt: new Date(spec.startedAt ?? '2026-05-01T10:00:00.000Z') });
  writer.finish();
  vault.calls.attachRecording(callId, record.id);
  if (spec.notes !== undefined) {
    vault.calls.saveNotes(callId, spec.notes, '2026-05-01T11:00:00.000Z');
  }
  const segments = spec.lines.map(([speaker, text], i) => timedSegment(speaker, i * 5_000, i * 5_000 + 4_000, text));
  vault.transcripts.add({ recordingId: record.id, kind: 'machine', createdAt: '2026-05-01T11:00:00.000Z', createdBy: 'Test Rep', engine: 'hand-written', language: 'en', segments });
  return record.id;
}

const MANY = 5_010;
const search = (vault: OpenVault, query: string, filters: Omit<SearchInput, 'query'> = {}) => searchCalls(vault, { query, ...filters });
const highlighted = (hit: { snippet: { text: string; highlights: readonly { start: number; end: number }[] } }) => hit.snippet.highlights.map((r) => hit.snippet.text.slice(r.start, r.end));

async function library() {
  const { vault, profile } = await createTestVault();
  open.push(vault);
  const initech = addCall(vault, {
    title: 'Initech renewal',
    account: 'Initech',
    participants: [{ name: 'Peter Gibbons', email: 'peter@initech.example' }],
    notes: 'Follow up on the TPS report integration',
    startedAt: '2026-05-04T10:00:00.000Z',
    lines: [
      ['rep', 'Thanks for joining, shall we look at the renewal?'],
      ['customer', 'Yes, the card on file ends four two four two.'],
      ['rep', 'Great, the price is twenty dollars a seat.'],
    ],
  });
  const globex = addCall(vault, {
    title: 'Globex discovery',
    callType: 'discovery',
    account: 'Globex Corporation',
    participants: [{ name: 'Hank Scorpio', email: 'hank@globex.example' }],
    startedAt: '2026-06-10T10:00:00.000Z',
    lines: [
      ['customer', 'We have 4242 employees across twenty sites.'],
      ['rep', 'Our pricing scales with seats.'],
    ],
  });
  return { vault, profile, initech, globex };
}

describe('search across calls', () => {
  it('finds a word in another call\'s transcript with its moment, speaker and highlighted snippet', async () => {
    const { vault, initech } = await library();
    const result = search(vault, 'renewal');
    const hit = result.hits.find((h) => h.source === 'transcript');
    expect(hit).toMatchObject({ recordingId: initech, segment: 0, startMs: 0, speaker: 'rep', title: 'Initech renewal' });
    expect(highlighted(hit ?? { snippet: { text: '', highlights: [] } })).toEqual(['renewal']);
    // The title matched too, as its own hit.
    expect(result.hits.some((h) => h.source === 'title' && h.recordingId === initech)).toBe(true);
  });

  it('matches numbers whichever way they were written, both ways', async () => {
    const { vault, initech, globex } = await library();
    for (const query of ['4242', 'four two four two', 'forty-two forty-two']) {
      const hits = search(vault, query).hits;
      expect(new Set(hits.map((h) => h.recordingId)), query).toEqual(new Set([initech, globex]));
      const initechHit = hits.find((h) => h.recordingId === initech);
      expect(initechHit?.startMs).toBe(5_000);
      expect(highlighted(initechHit ?? { snippet: { text: '', highlights: [] } })).toEqual(['four two four two']);
      expect(highlighted(hits.find((h) => h.recordingId === globex) ?? { snippet: { text: '', highlights: [] } })).toEqual(['4242']);
    }
    expect(search(vault, '20 sites').hits.map((h) => h.recordingId)).toEqual([globex]);
    expect(search(vault, 'twenty dollars').hits.map((h) => h.recordingId)).toEqual([initech]);
  });

  it('searches notes, accounts and participants, and filters by call type, dates, person and speaker', async () => {
    const { vault, initech, globex } = await library();
    expect(search(vault, 'TPS report').hits.map((h) => [h.recordingId, h.source])).toEqual([[initech, 'notes']]);
    expect(search(vault, 'Globex Corporation').hits.map((h) => h.source).sort()).toEqual(['account']);
    expect(search(vault, 'Scorpio').hits.map((h) => [h.recordingId, h.source])).toEqual([[globex, 'participant']]);

    expect(search(vault, 'pricing', { callType: 'discovery' }).hits.map((h) => h.recordingId)).toEqual([globex]);
    expect(search(vault, 'pricing', { callType: 'customer-sales' }).hits).toEqual([]);
    expect(search(vault, '4242', { from: '2026-06-01', to: '2026-06-30' }).hits.map((h) => h.recordingId)).toEqual([globex]);
    expect(search(vault, '4242', { to: '2026-05-04' }).hits.map((h) => h.recordingId)).toEqual([initech]);
    expect(search(vault, '4242', { person: 'gibbons' }).hits.map((h) => h.recordingId)).toEqual([initech]);
    expect(search(vault, '4242', { person: 'globex corp' }).hits.map((h) => h.recordingId)).toEqual([globex]);
    expect(search(vault, '4242', { speaker: 'customer' }).hits).toHaveLength(2);
    expect(search(vault, 'renewal', { speaker: 'customer' }).hits).toEqual([]);
    expect(() => search(vault, 'renewal', { from: '2026-07-01', to: '2026-06-01' })).toThrow(/ends before it starts/);
  });

  it('indexes tags as their own source, and the tag filter keeps calls with that tag (the hook the tag service uses)', async () => {
    const { vault, initech, globex } = await library();
    search(vault, 'renewal'); // brings every recording up to date first
    // The tag service (branch edit) supplies tags through searchableRecording; here the test plays it.
    const rows = (id: string, tags: string[]) => [
      ...vault.transcripts.latest(id)?.segments.map((s, segment) => ({ source: 'transcript' as const, text: s.text, segment, startMs: s.startMs, speaker: s.speaker })) ?? [],
      ...tags.map((label) => ({ source: 'tag' as const, text: label, segment: null, startMs: 5_000, speaker: null })),
    ];
    vault.searchIndex.replaceRecording(initech, rows(initech, ['Pricing objection']));
    vault.searchIndex.replaceRecording(globex, rows(globex, ['Competitor']));
    expect(search(vault, 'objection').hits.map((h) => [h.recordingId, h.source, h.startMs])).toEqual([[initech, 'tag', 5_000]]);
    expect(search(vault, '4242', { tag: 'pricing OBJECTION' }).hits.map((h) => h.recordingId)).toEqual([initech]);
    expect(search(vault, '4242', { tag: 'Competitor' }).hits.map((h) => h.recordingId)).toEqual([globex]);
    expect(search(vault, '4242', { tag: 'Budget' }).hits).toEqual([]);
    // markStale makes the next search rebuild the recording from what the vault stores.
    vault.searchIndex.markStale(initech);
    expect(search(vault, 'objection').hits).toEqual([]);
  });

  it('follows a new transcript version (the old words are no longer found) and forgets a destroyed call', async () => {
    const { vault, initech, globex } = await library();
    expect(search(vault, 'renewal').hits.length).toBeGreaterThan(0);
    vault.transcripts.add({
      recordingId: initech, kind: 'correction', createdAt: '2026-05-02T00:00:00.000Z', createdBy: 'Test Rep', engine: 'edit', language: 'en',
      segments: [timedSegment('rep', 0, 4_000, 'Thanks for joining, shall we look at the extension?')],
    });
    expect(search(vault, 'renewal').hits.filter((h) => h.source === 'transcript')).toEqual([]);
    expect(search(vault, 'extension').hits.map((h) => h.recordingId)).toEqual([initech]);
    expect(search(vault, '4242').hits.map((h) => h.recordingId)).toEqual([globex]);

    // A note saved later is found at the next search.
    const callId = vault.recordings.get(globex)?.callId ?? '';
    vault.calls.saveNotes(callId, 'Budget approved by the board', '2026-06-11T00:00:00.000Z');
    expect(search(vault, 'board budget').hits.map((h) => [h.recordingId, h.source])).toEqual([[globex, 'notes']]);

    vault.destroyRecording(globex);
    expect(search(vault, 'pricing').hits).toEqual([]);
    expect(search(vault, 'Scorpio').hits).toEqual([]);
    expect(vault.search.find('employees')).toEqual([]);
  });

  // Before migration 017 a query matching more than 5,000 places (RANKED_MATCHES) was not ranked by
  // bm25; now nothing is (the index holds keyed hashes, not term statistics): newest call first,
  // then in the order the recording's rows were indexed, stopping at the limit.
  it('answers a query that matches thousands of places: newest call first, in indexed order, with the limit', async () => {
    const { vault, globex } = await library();
    search(vault, 'x'); // rebuild everything first
    vault.transaction(() => {
      for (let i = 0; i < MANY; i += 1) {
        vault.searchIndex.add(globex, `common words everywhere ${i}`);
      }
    });
    const result = search(vault, 'common words', { limit: 20 });
    expect(result.hits).toHaveLength(20);
    expect(result.more).toBe(true);
    expect(highlighted(result.hits[0] ?? { snippet: { text: '', highlights: [] } })).toEqual(['common', 'words']);
    expect(result.hits[0]?.snippet.text).toBe('common words everywhere 0');
    expect(result.hits[19]?.snippet.text).toBe('common words everywhere 19');
  });

  it('answers hostile queries with a literal search or a clear BAD_REQUEST, never an engine error', async () => {
    const { vault, initech } = await library();
    const hostile = ['"unbalanced', 'renewal"', 'renewal AND', 'OR', 'NOT renewal', 'NEAR(renewal price)', 'renew*', '*', 'body:renewal', '{body}:x', '^renewal', "'; DROP TABLE search_rows; --", 'x\u0000\u0007\u001b', '\ud800', 'a'.repeat(600), '"', '()', 'renewal -price +seat'];
    for (const query of hostile) {
      try {
        search(vault, query);
      } catch (error) {
        expect(error, query).toBeInstanceOf(CallVaultError);
        expect((error as CallVaultError).code, query).toBe('BAD_REQUEST');
        expect((error as Error).message, query).not.toMatch(/fts5|sqlite|syntax error/i);
      }
    }
    // Operators are words: "NOT renewal" needs the word "not", so it finds nothing here, without error.
    expect(search(vault, 'NOT renewal').hits).toEqual([]);
    expect(search(vault, '"renewal').hits.map((h) => h.recordingId)).toContain(initech);
    expect(search(vault, 'NEAR(renewal)').hits).toEqual([]);
    expect(vault.search.find('renewal')).toEqual([initech]);
  });

  it('leaves no canary word in plaintext in any file of the vault directory after indexing (db, wal, journal)', async () => {
    const { vault, profile } = await createTestVault();
    open.push(vault);
    const CANARIES = ['zanzibarquokka', 'CANARYACCOUNT7f3a', 'canarynote9d21'] as const;
    addCall(vault, {
      title: 'Call about things',
      account: CANARIES[1],
      participants: [{ name: 'Quentin Canaryperson', email: 'q@canary.example' }],
      notes: `remember ${CANARIES[2]}`,
      lines: Array.from({ length: 300 }, (_, i) => ['customer', `we discussed ${CANARIES[0]} at length, item ${i}`] as const),
    });
    expect(search(vault, CANARIES[0]).hits.length).toBeGreaterThan(0);
    expect(search(vault, CANARIES[2]).hits.length).toBe(1);
    const check = () => {
      for (const { file, bytes } of allFiles(profile.vaultDir)) {
        for (const canary of [...CANARIES, 'canaryperson']) {
          for (const encoding of ['utf8', 'utf16le'] as const) {
            for (const form of [canary, canary.toLowerCase()]) {
              expect(bytes.includes(Buffer.from(form, encoding)), `${path.basename(file)} holds ${form}`).toBe(false);
            }
          }
        }
      }
    };
    check();
    vault.close();
    open.splice(0);
    check();
  });
});
