/**
 * Keeps the search index a function of what the vault stores. Triggers (migration 007) list a
 * recording as stale whenever a new transcript version, its title, or its call's account,
 * participants or notes change; before answering, search rebuilds every stale recording's rows
 * from the latest transcript version and the call's details. Writers need not remember the index:
 * whoever adds a transcript version (the queue, a correction) makes it stale by the insert itself.
 * The index is the vault's `SearchIndexWriter` (core/ports/search-index.ts).
 */
import { searchRows, type SearchableRecording } from '../../core/search/search-document';
import type { OpenVault } from '../vault/open-vault';

/** What is indexed of one recording: its latest transcript, the call's details, notes and tags. */
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
