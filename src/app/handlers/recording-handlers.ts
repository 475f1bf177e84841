import type { RecordingSummary } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { CaptureController } from '../calls/capture-controller';
import type { TranscriptionQueue } from '../transcription/transcription-queue';
import type { OpenVault } from '../vault/open-vault';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

function summaries(vault: OpenVault): RecordingSummary[] {
  return vault.recordings.list().map(({ id, title, callType, startedAt, durationMs, status, recoveredAtMs }) => ({ id, title, callType, startedAt, durationMs, status, recoveredAtMs }));
}

export function recordingHandlers(session: VaultSession, capture: CaptureController, transcription: TranscriptionQueue): Handlers<'recordings.list' | 'recordings.keepRecovered' | 'recordings.destroy'> {
  return {
    'recordings.list': () => summaries(session.requireVault()),
    'recordings.keepRecovered': ({ recordingId }) => {
      const vault = session.requireVault();
      const record = vault.recordings.get(recordingId);
      if (record?.status !== 'recovered') {
        throw new AppFailure('NOT_FOUND', 'That recording is not awaiting a keep-or-discard decision.');
      }
      vault.updateRecording(recordingId, record.durationMs, 'complete');
      return summaries(vault);
    },
    'recordings.destroy': async ({ recordingId }) => {
      if (capture.current()?.recordingId === recordingId) {
        throw new AppFailure('BAD_REQUEST', 'Stop the recording before deleting it.');
      }
      await transcription.stopFor(recordingId);
      const vault = session.requireVault();
      vault.destroyRecording(recordingId);
      return summaries(vault);
    },
  };
}
