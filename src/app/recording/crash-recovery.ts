import type { OpenVault } from '../vault/open-vault';
import { discardInterruptedImports } from './interrupted-imports';
import { intactDurationMs } from './recording-audio';

export interface RecoveredRecording {
  readonly id: string;
  readonly title: string;
  readonly truncatedAtMs: number;
}

/**
 * Runs at unlock: a recording still marked "recording" was cut off by a crash or kill (no
 * capture survives a lock). It keeps every intact chunk and its consent record, and waits
 * for the rep to keep or discard it. Imports killed part-way are removed first (see
 * interrupted-imports.ts).
 */
export function recoverInterruptedRecordings(vault: OpenVault, activeRecordingId: string | undefined): RecoveredRecording[] {
  discardInterruptedImports(vault);
  const recovered: RecoveredRecording[] = [];
  for (const item of vault.recordings.list()) {
    if (item.status !== 'recording' || item.id === activeRecordingId) {
      continue;
    }
    let truncatedAtMs = 0;
    let chunksKept = 0;
    try {
      const report = vault.readRecording(item.id);
      chunksKept = report.chunks.filter((c) => c.status === 'ok').length;
      truncatedAtMs = intactDurationMs(report);
    } catch {
      truncatedAtMs = 0; // An unreadable file keeps nothing; the rep can still discard the entry.
    }
    vault.markRecovered(item.id, truncatedAtMs, chunksKept);
    vault.audit.record('recording.recovered', { recordingId: item.id, truncatedAtMs });
    recovered.push({ id: item.id, title: item.title, truncatedAtMs });
  }
  return recovered;
}

export function formatTimestamp(ms: number): string {
  const total = Math.floor(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}
