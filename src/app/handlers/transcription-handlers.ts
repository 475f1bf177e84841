import os from 'node:os';
import type { TranscriptionSettingsView, TranscriptView } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { ModelService } from '../models/model-service';
import type { TranscriptionQueue } from '../transcription/transcription-queue';
import { effectiveThreads, readTranscriptionSettings, writeTranscriptionSettings, type TranscriptionSettings } from '../transcription/transcription-settings';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';

function settingsView(settings: TranscriptionSettings): TranscriptionSettingsView {
  const cores = os.availableParallelism();
  return { ...settings, cores, effectiveThreads: effectiveThreads(settings.threads, cores) };
}

export function transcriptionHandlers(
  session: VaultSession,
  queue: TranscriptionQueue,
): Handlers<'transcription.jobs' | 'transcription.enqueue' | 'transcription.cancel' | 'transcription.settings' | 'transcription.setSettings' | 'transcripts.get'> {
  return {
    'transcription.jobs': () => {
      session.requireVault();
      return queue.jobs();
    },
    'transcription.enqueue': ({ recordingId, model }) => queue.enqueue(recordingId, { model }),
    'transcription.cancel': ({ recordingId }) => queue.cancel(recordingId),
    'transcription.settings': () => settingsView(readTranscriptionSettings(session.requireVault())),
    'transcription.setSettings': (input) => settingsView(writeTranscriptionSettings(session.requireVault(), input)),
    'transcripts.get': ({ recordingId, version }): TranscriptView => {
      const vault = session.requireVault();
      const transcript = version === undefined ? vault.transcripts.latest(recordingId) : vault.transcripts.get(recordingId, version);
      if (!transcript) {
        throw new AppFailure('NOT_FOUND', version === undefined ? 'This recording has no transcript yet.' : `This recording has no transcript version ${version}.`);
      }
      return {
        recordingId,
        version: transcript.version,
        kind: transcript.kind,
        createdAt: transcript.createdAt,
        engine: transcript.engine,
        language: transcript.language,
        segments: transcript.segments.map(({ speaker, startMs, endMs, text, confidence }) => ({ speaker, startMs, endMs, text, confidence })),
        versions: vault.transcripts.versions(recordingId),
        reviewed: vault.redactionSets.get(recordingId, transcript.version) !== undefined,
      };
    },
  };
}

export function modelHandlers(session: VaultSession, models: ModelService): Handlers<'models.list' | 'models.download' | 'models.cancelDownload' | 'models.import' | 'models.verify' | 'models.delete'> {
  // Models are shared by the machine's profiles, but only an unlocked app may manage them.
  const unlocked = () => session.requireVault();
  return {
    'models.list': () => { unlocked(); return models.list(); },
    'models.download': ({ name }) => { unlocked(); return models.download(name); },
    'models.cancelDownload': ({ name }) => { unlocked(); return models.cancelDownload(name); },
    'models.import': ({ path }) => { unlocked(); return models.import(path); },
    'models.verify': ({ name }) => { unlocked(); return models.verify(name); },
    'models.delete': ({ name }) => { unlocked(); return models.delete(name); },
  };
}
