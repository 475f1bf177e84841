import path from 'node:path';
import type { RecordingSummary } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { CallService } from '../calls/call-service';
import type { CaptureController } from '../calls/capture-controller';
import { importRecording } from '../recording/import-service';
import type { TranscriptionQueue } from '../transcription/transcription-queue';
import type { OpenVault } from '../vault/open-vault';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

function summaries(vault: OpenVault): RecordingSummary[] {
  return vault.recordings.list().map(({ id, title, callType, startedAt, durationMs, status, recoveredAtMs }) => ({ id, title, callType, startedAt, durationMs, status, recoveredAtMs }));
}

export function recordingHandlers(
  session: VaultSession,
  calls: CallService,
  capture: CaptureController,
  transcription: TranscriptionQueue,
): Handlers<'recordings.list' | 'recordings.import' | 'recordings.keepRecovered' | 'recordings.destroy'> {
  return {
    'recordings.list': () => summaries(session.requireVault()),
    'recordings.import': ({ file, call, consent }) => {
      if (!path.isAbsolute(file)) {
        throw new AppFailure('BAD_REQUEST', 'Give the audio file to import as an absolute path.');
      }
      return importRecording(session.requireVault(), calls, file, call, consent);
    },
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
