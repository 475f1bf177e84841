// Summaries in the search index, through the contract of a real session (real encrypted vault,
// SQLite, libsodium): the newest summary version's items are found by the library's search, a
// draft's hits say it is a draft, a review (with words only the summary holds) replaces them, the
// background index build indexes them, and a summary destroyed by retention is no longer found.
import { describe, expect, it } from 'vitest';
import { SearchIndexBuilder } from '../../../src/app/search/search-index-builder';
import { AppEvents } from '../../../src/app/app-events';
import type { SearchResultView, SummaryView } from '../../../src/shared/contract';
import { editFixture } from '../../helpers/edit-fixture';
import { SALES_CALL } from '../../helpers/summary-fixture';
import { allFiles } from '../../helpers/temp-dir';

/** A word the call never says: only a reviewed edit puts it in the summary. */
const ONLY_IN_SUMMARY = 'Zanzibarquote';

async function reviewedWithEdit(fixture: Awaited<ReturnType<typeof editFixture>>) {
  const draft = await fixture.call<SummaryView>('summary.draft', { recordingId: fixture.recordingId });
  const items = draft.latest!.content.items;
  const quote = items.find((i) => i.text.includes('revised quote'))!;
  const decisions = items.map((i) => (i.id === quote.id ? { itemId: i.id, action: 'edit' as const, text: `Rep sends the ${ONLY_IN_SUMMARY} by Friday.` } : { itemId: i.id, action: 'accept' as const }));
  return fixture.call<SummaryView>('summary.review', { recordingId: fixture.recordingId, version: draft.latest!.version, decisions });
}

const sources = (result: SearchResultView) => result.hits.map((h) => h.source).sort();

describe('summaries in the search index', () => {
  it('finds a draft marked as a draft, then only the reviewed version, with words that occur only in the summary', async () => {
    const fixture = await editFixture(SALES_CALL);
    const { call, recordingId } = fixture;
    expect((await call<SearchResultView>('search.calls', { query: ONLY_IN_SUMMARY })).hits).toEqual([]);
    // Before any summary, "revised quote" is only in the transcript.
    expect(sources(await call<SearchResultView>('search.calls', { query: '"revised quote"' }))).toEqual(['transcript']);

    await call<SummaryView>('summary.draft', { recordingId });
    const drafted = await call<SearchResultView>('search.calls', { query: '"revised quote"' });
    expect(sources(drafted)).toEqual(['summary-draft', 'transcript']);
    const draftHit = drafted.hits.find((h) => h.source === 'summary-draft')!;
    expect(draftHit).toMatchObject({ recordingId, segment: null, startMs: null, speaker: null });
    expect(draftHit.snippet.text).toContain('revised quote');

    const reviewed = await reviewedWithEdit(fixture);
    expect(reviewed.status).toBe('reviewed');
    const found = await call<SearchResultView>('search.calls', { query: ONLY_IN_SUMMARY.toLowerCase() });
    expect(found.hits).toHaveLength(1);
    expect(found.hits[0]).toMatchObject({ recordingId, source: 'summary', segment: null, startMs: null });
    expect(found.hits[0]!.snippet.text).toBe(`Rep sends the ${ONLY_IN_SUMMARY} by Friday.`);
    // The draft's rows are gone: the index holds the newest version only.
    expect(sources(await call<SearchResultView>('search.calls', { query: 'procurement' }))).toEqual(['summary', 'transcript']);

    // A newer draft replaces the reviewed version in the index, marked as a draft again.
    await call<SummaryView>('summary.draft', { recordingId });
    expect((await call<SearchResultView>('search.calls', { query: ONLY_IN_SUMMARY })).hits).toEqual([]);
    expect(sources(await call<SearchResultView>('search.calls', { query: 'procurement' }))).toEqual(['summary-draft', 'transcript']);

    // The filters apply to summary hits like to any other: a speaker filter keeps transcript rows only.
    expect(sources(await call<SearchResultView>('search.calls', { query: 'procurement', speaker: 'customer' }))).toEqual(['transcript']);
    fixture.session.lock();
  });

  it('the background index build indexes a summary before any search runs', async () => {
    const fixture = await editFixture(SALES_CALL);
    const { vault, recordingId } = fixture;
    await reviewedWithEdit(fixture);
    expect(vault.searchIndex.isStale(recordingId)).toBe(true);
    // (The session's own builder may get there first; either way it is the background build, not a search.)
    await new SearchIndexBuilder(new AppEvents()).start(vault);
    expect(vault.searchIndex.isStale(recordingId)).toBe(false);
    // Read the index directly (no refresh): the build put the summary's words there.
    expect(vault.search.find(ONLY_IN_SUMMARY)).toEqual([recordingId]);
    fixture.session.lock();
  });

  it('forgets a summary destroyed by retention, and keeps its words out of the vault files in plaintext', async () => {
    const fixture = await editFixture(SALES_CALL);
    const { call, vault, recordingId, vaultDir } = fixture;
    await reviewedWithEdit(fixture);
    expect((await call<SearchResultView>('search.calls', { query: ONLY_IN_SUMMARY })).hits).toHaveLength(1);
    for (const { file, bytes } of allFiles(vaultDir)) {
      expect(Buffer.from(bytes).includes(ONLY_IN_SUMMARY), file).toBe(false);
    }

    vault.destroyArtifacts([{ recordingId, artifact: 'summary', rule: 'test', dueOn: '2026-12-01' }]);
    // Gone from the index in the same transaction, before any rebuild.
    expect(vault.search.find(ONLY_IN_SUMMARY)).toEqual([]);
    expect((await call<SearchResultView>('search.calls', { query: ONLY_IN_SUMMARY })).hits).toEqual([]);
    expect(sources(await call<SearchResultView>('search.calls', { query: 'procurement' }))).toEqual(['transcript']);
    fixture.session.lock();
  });

  it('forgets the summary with the transcript it summarises', async () => {
    const fixture = await editFixture(SALES_CALL);
    const { call, vault, recordingId } = fixture;
    await reviewedWithEdit(fixture);
    expect((await call<SearchResultView>('search.calls', { query: ONLY_IN_SUMMARY })).hits).toHaveLength(1);
    vault.destroyArtifacts([{ recordingId, artifact: 'transcript', rule: 'test', dueOn: '2026-12-01' }]);
    expect(vault.search.find(ONLY_IN_SUMMARY)).toEqual([]);
    expect((await call<SearchResultView>('search.calls', { query: ONLY_IN_SUMMARY })).hits).toEqual([]);
    fixture.session.lock();
  });
});
