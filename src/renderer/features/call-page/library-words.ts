// How the library and the call page word a call's state at a glance.
import type { LibraryEntryView } from '../../../shared/contract';

/** What happened to a call that has no recording. */
export function outcomeText(entry: Pick<LibraryEntryView, 'consent' | 'hasNotes'>): string {
  const notes = entry.hasNotes ? ' Your manual notes are kept with it.' : '';
  switch (entry.consent) {
    case 'declined':
      return `Not recorded: consent was declined.${notes}`;
    case 'withdrawn':
      return `Not kept: consent was withdrawn during the call.${notes}`;
    case null:
      return `Not recorded.${notes}`;
  }
}

export type TranscriptPhase = 'none' | 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Transcript state at a glance: a stored transcript wins over the job's state. */
export function transcriptPhase(entry: Pick<LibraryEntryView, 'transcriptVersion' | 'jobState'>): TranscriptPhase {
  if (entry.transcriptVersion !== null) {
    return 'done';
  }
  switch (entry.jobState) {
    case null:
      return 'none';
    case 'queued':
    case 'running':
    case 'failed':
    case 'cancelled':
    case 'done':
      return entry.jobState;
    default:
      return 'none';
  }
}
