import type { OpenVault } from '../vault/open-vault';

export interface DiscardedImport {
  readonly id: string;
  readonly title: string;
  /** Authentic chunks the killed import had written, all destroyed. */
  readonly chunksDiscarded: number;
}

/**
 * Runs at unlock: an import still marked "importing" was killed part-way (an import finishes or
 * fails within one call, and no import survives a lock). It is removed, not completed: the source
 * file may have changed or be gone, and a half import is not the recording the consent was
 * attested for. The removal is audited, then the data key is destroyed, the rows scrubbed and
 * the file deleted; the call is closed so it cannot be recorded into afterwards.
 */
export function discardInterruptedImports(vault: OpenVault): DiscardedImport[] {
  const discarded: DiscardedImport[] = [];
  for (const item of vault.recordings.list()) {
    if (item.status !== 'importing') {
      continue;
    }
    let chunksDiscarded = 0;
    try {
      chunksDiscarded = vault.readRecording(item.id).chunks.filter((c) => c.status === 'ok').length;
    } catch {
      chunksDiscarded = 0; // No readable file: there is nothing to count, and the row still goes.
    }
    const callId = vault.recordings.get(item.id)?.callId ?? null;
    vault.audit.record('recording.import_discarded', { recordingId: item.id, chunksDiscarded, reason: 'interrupted' });
    vault.destroyRecording(item.id);
    if (callId !== null && vault.calls.get(callId) !== undefined) {
      vault.calls.setState(callId, 'ended', vault.now().toISOString());
    }
    discarded.push({ id: item.id, title: item.title, chunksDiscarded });
  }
  return discarded;
}
