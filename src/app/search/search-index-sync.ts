/**
 * Keeps the search index a function of what the vault stores. Triggers (migration 007) list a
 * recording as stale whenever a new transcript version, its title, its call's account,
 * participants or notes, or its summary versions (migration 016) change; before answering, search rebuilds every stale recording's rows
 * from the latest transcript version and the call's details. Writers need not remember the index:
 * whoever adds a transcript version (the queue, a correction) makes it stale by the insert itself.
 * The index is the vault's `SearchIndexWriter` (core/ports/search-index.ts).
 */
import { searchRows, type SearchableRecording } from '../../core/search/search-document';
import { openSummary } from '../summary/summary-versions';
import type { OpenVault } from '../vault/open-vault';

/**
 * The newest summary version's items: the one the call's summary panel shows, a reviewed version
 * or a draft (indexed as `summary-draft`, so its hits say "not reviewed"). A version that does not
 * open (damaged, or its recording's key shredded) is left out of the index; the panel reports it.
 */
function searchableSummary(vault: OpenVault, recordingId: string): SearchableRecording['summary'] {
  const latest = vault.summaries.latest(recordingId);
  if (latest === undefined) {
    return undefined;
  }
  try {
    return { draft: latest.kind === 'draft', items: openSummary(vault, latest).items };
  } catch {
    return undefined;
  }
}

/** What is indexed of one recording: its latest transcript, the call's details, notes, tags and newest summary. */
export function searchableRecording(vault: OpenVault, recordingId: string): SearchableRecording | undefined {
  const recording = vault.recordings.get(recordingId);
  if (!recording) {
    return undefined;
  }
  const call = recording.callId === null ? undefined : vault.calls.get(recording.callId);
  return {
    title: recording.title,
    account: call?.account,
    participants: call?.participants,
    notes: call ? vault.calls.notes(call.id) : undefined,
    segments: vault.transcripts.latest(recordingId)?.segments,
    tags: vault.tags.forRecording(recordingId).map((t) => ({ label: t.tag, startMs: t.fromMs })),
    summary: searchableSummary(vault, recordingId),
  };
}

/** Rebuilds one recording's rows now (inside the caller's transaction, if any). */
export function indexRecording(vault: OpenVault, recordingId: string): void {
  const searchable = searchableRecording(vault, recordingId);
  if (searchable) {
    vault.searchIndex.replaceRecording(recordingId, searchRows(searchable));
  } else {
    vault.searchIndex.dropStale(recordingId);
  }
}

/** Rebuilds every stale recording, each in its own transaction; returns how many there were. */
export function refreshStaleRecordings(vault: OpenVault): number {
  const stale = vault.searchIndex.staleRecordings();
  for (const recordingId of stale) {
    vault.transaction(() => {
      indexRecording(vault, recordingId);
    });
  }
  return stale.length;
}
