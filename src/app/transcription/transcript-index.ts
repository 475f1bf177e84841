import type { StoredSegment } from '../../core/transcription/transcript';
import type { OpenVault } from '../vault/open-vault';

/**
 * The search index follows a recording's latest transcript version: its transcript rows are
 * replaced by that version's segment texts, one row per segment (what migration 005 rebuilds).
 * Call it inside the transaction that stores the version, so the index never lags or leads.
 */
export function indexLatestTranscript(vault: OpenVault, recordingId: string, segments: readonly StoredSegment[]): void {
  vault.searchIndex.replace(recordingId, 'transcript', segments.map((s) => s.text));
}
