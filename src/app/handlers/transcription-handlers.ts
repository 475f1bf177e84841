import os from 'node:os';
import type { TranscriptionSettingsView, TranscriptView } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { ModelService } from '../models/model-service';
import type { TranscriptionQueue } from '../transcription/transcription-queue';
import { effectiveThreads, readTranscriptionSettings, writeTranscriptionSettings, type TranscriptionSettings } from '../transcription/transcription-settings';
import { rolesOf } from '../vault/profile-roles';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';
import { recommendModel } from '../../core/transcription/model-recommendation';
import { requireTranscript } from '../transcripts/transcript-versions';

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
    'transcription.enqueue': ({ recordingId, model, language, threads }) => queue.enqueue(recordingId, { model, language, threads }),
    'transcription.cancel': ({ recordingId }) => queue.cancel(recordingId),
    'transcription.settings': () => settingsView(readTranscriptionSettings(session.requireVault())),
    'transcription.setSettings': (input) => settingsView(writeTranscriptionSettings(session.requireVault(), input)),
    'transcripts.get': ({ recordingId, version }): TranscriptView => {
      const vault = session.requireVault();
      const transcript = requireTranscript(vault, recordingId, version);
      return {
        recordingId,
        version: transcript.version,
        kind: transcript.kind,
        createdAt: transcript.createdAt,
        engine: transcript.engine,
        language: transcript.language,
        segments: transcript.segments.map(({ speaker, startMs, endMs, text, confidence, words }) => ({ speaker, startMs, endMs, text, confidence, words: words.map((w) => ({ ...w })) })),
        versions: vault.transcripts.versions(recordingId),
        reviewed: vault.redactionSets.get(recordingId, transcript.version) !== undefined,
      };
    },
  };
}

export interface ModelAccess {
  /**
   * Whether managing models needs an unlocked vault. The app's window says yes: a locked window may
   * be unattended. The command line says no: models are files under the app home, outside every
   * vault and holding no customer data, and whoever runs the CLI can already write that folder.
   * Trusting an unlisted file always needs an unlocked vault with the admin role, for its audit.
   */
  readonly needsUnlock: boolean;
}

export function modelHandlers(session: VaultSession, models: ModelService, access: ModelAccess): Handlers<'models.list' | 'models.recommendation' | 'models.download' | 'models.cancelDownload' | 'models.import' | 'models.verify' | 'models.delete'> {
  const guard = () => {
    if (access.needsUnlock) {
      session.requireVault();
    }
  };
  return {
    'models.list': () => { guard(); return models.list(); },
    'models.recommendation': async () => {
      guard();
      // The CLI may ask without unlocking: then the default language (English) decides.
      const language = (await session.status()).state === 'unlocked' ? readTranscriptionSettings(session.requireVault()).language : 'en';
      const machine = { cores: os.availableParallelism(), memoryBytes: os.totalmem() };
      return recommendModel(machine, language === 'en', await models.list()) ?? null;
    },
    'models.download': ({ name }) => { guard(); return models.download(name); },
    'models.cancelDownload': ({ name }) => { guard(); return models.cancelDownload(name); },
    'models.import': ({ path, name, trust }) => {
      if (trust !== true) {
        guard();
        return models.import(path, { name });
      }
      const vault = session.requireVault();
      const roles = rolesOf(vault);
      if (!roles.includes('admin')) {
        throw new AppFailure('POLICY_BLOCKED', `Trusting a model file needs the admin role; profile "${vault.profile.id}" has ${roles.join(', ')}. Ask an administrator, or import a file that matches the manifest.`);
      }
      return models.import(path, {
        name,
        trust: {
          by: { profileId: vault.profile.id },
          roleChecked: 'admin',
          audit: (record) => {
            vault.audit.record('model.trusted', { name: record.name, file: record.file, sha256: record.sha256, bytes: record.bytes });
          },
        },
      });
    },
    'models.verify': ({ name }) => { guard(); return models.verify(name); },
    'models.delete': ({ name }) => { guard(); return models.delete(name); },
  };
}
