import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import { encodeWav } from '../../../src/platform/audio/wav';
import { tempDir } from '../../helpers/temp-dir';
import type { App } from '../team/team-fixture';

const RATE = 16_000;

/**
 * A recorded call in a deletion test's vault: `seconds` of a tone imported as a real recording,
 * a hand-written transcript of `segments`, and (with participants) a call row naming them.
 */
export function seedRecording(app: App, segments: StoredSegment[], participants: { name: string; email: string }[] = [], seconds = 6): string {
  const vault = app.session.requireVault();
  const tone = Int16Array.from({ length: RATE * seconds }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / RATE)));
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone, tone] }));
  const callId = randomUUID();
  if (participants.length > 0) {
    vault.calls.insert({ id: callId, callType: 'customer-sales', account: 'Initech', meetingTitle: 'Renewal', participants, policyHash: 'p', scriptId: 's', scriptVersion: 1, consentScope: 'all', state: 'ended', createdAt: '2026-11-28T00:00:00Z' });
  }
  const { recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Renewal', callType: 'customer-sales', policyHash: 'p', callId });
  vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T00:00:00Z', createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments });
  return recordingId;
}
