import os from 'node:os';
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

const KEY = 'transcription.settings';

export function readTranscriptionSettings(vault: OpenVault): TranscriptionSettings {
  const raw = vault.settings.get(KEY);
  if (raw === undefined) {
    return DEFAULT_TRANSCRIPTION_SETTINGS;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<TranscriptionSettings>;
    return { ...DEFAULT_TRANSCRIPTION_SETTINGS, ...parsed };
  } catch {
    return DEFAULT_TRANSCRIPTION_SETTINGS;
  }
}

export function writeTranscriptionSettings(vault: OpenVault, next: TranscriptionSettings): TranscriptionSettings {
  vault.settings.set(KEY, JSON.stringify(next));
  return next;
}

/** The thread count a setting stands for on this machine. */
export function effectiveThreads(setting: number, cores = os.availableParallelism()): number {
  return setting >= 1 ? Math.min(setting, cores) : Math.max(1, cores - 1);
}
