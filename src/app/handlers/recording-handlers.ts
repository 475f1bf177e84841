import path from 'node:path';
import type { RecordingSummary } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { AppEventSink } from '../app-events';
import type { CallService } from '../calls/call-service';
import type { PlaybackService } from '../recording/playback-service';
import type { CaptureController } from '../calls/capture-controller';
import { importRecording } from '../recording/recording-import-service';
import type { TranscriptionQueue } from '../transcription/transcription-queue';
import type { OpenVault } from '../vault/open-vault';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';
import type { PolicySource } from '../calls/policy-source';
import { checkEarlyDeletion } from '../retention/retention-service';
import { rolesOf } from '../vault/profile-roles';

function summaries(vault: OpenVault): RecordingSummary[] {
  return vault.recordings.list().map(({ id, title, callType, startedAt, durationMs, status, recoveredAtMs }) => ({ id, title, callType, startedAt, durationMs, status, recoveredAtMs }));
}

export function recordingHandlers(
  session: VaultSession,
  calls: CallService,
  capture: CaptureController,
  transcription: TranscriptionQueue,
  events: AppEventSink,
  playback: PlaybackService,
  policies: PolicySource,
): Handlers<'recordings.list' | 'recordings.import' | 'recordings.keepRecovered' | 'recordings.destroy' | 'recordings.audioWindow'> {
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
      events.emit('library.changed', { change: 'updated', recordingIds: [recordingId] });
      return summaries(vault);
    },
    'recordings.destroy': async ({ recordingId }) => {
      if (capture.current()?.recordingId === recordingId) {
        throw new AppFailure('BAD_REQUEST', 'Stop the recording before deleting it.');
      }
      const vault = session.requireVault();
      // A held call is refused whoever asks, the rep's own delete included; so is a role the policy does not let delete.
      const load = await policies.load();
      checkEarlyDeletion(vault, load.ok ? load.loaded.policy : undefined, rolesOf(vault), recordingId);
      await transcription.stopFor(recordingId);
      vault.destroyRecording(recordingId);
      events.emit('library.changed', { change: 'destroyed', recordingIds: [recordingId] });
      return summaries(vault);
    },
    'recordings.audioWindow': ({ recordingId, fromMs, toMs }) => {
      const window = playback.audioWindow(session.requireVault(), recordingId, fromMs, toMs);
      return { recordingId, ...window, channels: 2 as const };
    },
  };
}
