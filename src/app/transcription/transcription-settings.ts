import os from 'node:os';
import { z } from 'zod';
import type { Setting } from '../../core/settings/settings-store';
import type { OpenVault } from '../vault/open-vault';

/** The rep's transcription settings, kept in their vault. */
export interface TranscriptionSettings {
  /** Engine threads; 0 means the default (one less than the cores, so the app stays responsive). */
  readonly threads: number;
  /** 'auto' (a multilingual model detects it) or an ISO 639-1 code. */
  readonly language: string;
  /** The model to use, by manifest name; '' until one is chosen (the first installed one is used). */
  readonly model: string;
  /** Queue a transcription when a call's recording ends. */
  readonly autoTranscribe: boolean;
}

export const DEFAULT_TRANSCRIPTION_SETTINGS: TranscriptionSettings = { threads: 0, language: 'en', model: '', autoTranscribe: true };

/** Stored as written by an older or newer build: a field it did not know takes its default. */
const SETTING: Setting<{ [K in keyof TranscriptionSettings]?: TranscriptionSettings[K] | undefined }> = {
  key: 'transcription.settings',
  schema: z.object({
    threads: z.number().int().min(0).max(256),
    language: z.string().regex(/^(auto|[a-z]{2,3})$/),
    model: z.string().max(100),
    autoTranscribe: z.boolean(),
  }).partial(),
};

export function readTranscriptionSettings(vault: OpenVault): TranscriptionSettings {
  const stored = vault.settings.read(SETTING) ?? {};
  return {
    threads: stored.threads ?? DEFAULT_TRANSCRIPTION_SETTINGS.threads,
    language: stored.language ?? DEFAULT_TRANSCRIPTION_SETTINGS.language,
    model: stored.model ?? DEFAULT_TRANSCRIPTION_SETTINGS.model,
    autoTranscribe: stored.autoTranscribe ?? DEFAULT_TRANSCRIPTION_SETTINGS.autoTranscribe,
  };
}

export function writeTranscriptionSettings(vault: OpenVault, next: TranscriptionSettings): TranscriptionSettings {
  const { threads, language, model, autoTranscribe } = next;
  vault.settings.write(SETTING, { threads, language, model, autoTranscribe });
  return { threads, language, model, autoTranscribe };
}

/** The thread count a setting stands for on this machine. */
export function effectiveThreads(setting: number, cores = os.availableParallelism()): number {
  return setting >= 1 ? Math.min(setting, cores) : Math.max(1, cores - 1);
}
