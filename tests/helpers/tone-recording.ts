import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inspectImportFile, importWav } from '../../src/app/recording/import-wav-to-vault';
import type { OpenVault } from '../../src/app/vault/open-vault';
import type { StoredSegment } from '../../src/core/transcription/transcript';
import { encodeWav } from '../../src/platform/audio/wav';
import { tempDir } from './temp-dir';

/** The sample rate of toneRecording's audio. */
export const TONE_RATE = 16_000;

/**
 * Imports a 24 s two-channel tone (300 Hz rep, 500 Hz customer, at TONE_RATE) into `vault` as a
 * `customer-sales` call titled `title`, with `segments` as its hand-written machine transcript.
 */
export function toneRecording(vault: OpenVault, title: string, segments: StoredSegment[]): string {
  const frames = TONE_RATE * 24;
  const tone = (hz: number) => Int16Array.from({ length: frames }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / TONE_RATE)));
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: TONE_RATE, channels: [tone(300), tone(500)] }));
  const { recordingId } = importWav(vault, file, inspectImportFile(file), { title, callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
  vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T00:00:00Z', createdBy: 'Test Rep', engine: 'hand-written', language: 'en', segments });
  return recordingId;
}
