// Playback's backend with real parts: a real vault (SQLite3MultipleCiphers, libsodium), a WAV
// imported through the app's import code, and the contract methods through the dispatcher. Audio
// windows at arbitrary seek positions equal the same stretch of the fully decoded recording; the
// waveform peaks are computed once, stored sealed under the recording's key (never in plaintext
// anywhere in the vault), recomputed when their row is altered or moved, and shredded with the
// recording. The library keeps a declined call with its notes.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importWav, inspectImportFile } from '../../../src/app/recording/import-wav-to-vault';
import { readRecordingAudio } from '../../../src/app/recording/recording-audio';
import { decodePeaks, encodePeaks } from '../../../src/core/recordings/waveform-peaks';
import { encodeWav } from '../../../src/platform/audio/wav';
import { callFixture, customer } from '../../helpers/call-fixture';
import { allFiles, tempDir } from '../../helpers/temp-dir';

const RATE = 16_000;
type Overview = { durationMs: number; binMs: number; peaks: Uint8Array; bookmarks: { atMs: number; note: string }[] };
type Window = { fromMs: number; toMs: number; sampleRate: number; pcm: Uint8Array };

/**
 * A call whose loudness changes every 100 ms (so its peaks are a distinctive byte sequence): the rep
 * speaks in the first half, the customer in the second, each with a level that walks up and down.
 */
function callAudio(seconds: number): { rep: Int16Array; customer: Int16Array } {
  const frames = seconds * RATE;
  const rep = new Int16Array(frames);
  const cust = new Int16Array(frames);
  for (let i = 0; i < frames; i += 1) {
    const bin = Math.floor(i / (RATE / 10));
    const level = 2000 + ((bin * 7919) % 23) * 1200;
    const tone = Math.sin((2 * Math.PI * 330 * i) / RATE);
    if (i < frames / 2) {
      rep[i] = Math.round(level * tone);
    } else {
      cust[i] = Math.round(level * tone);
    }
  }
  return { rep, customer: cust };
}

async function fixtureWithRecording(seconds: number) {
  const fixture = await callFixture();
  const vault = fixture.session.requireVault();
  const audio = callAudio(seconds);
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [audio.rep, audio.customer] }));
  const { recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Seek test', callType: 'discovery', policyHash: 'p', callId: randomUUID() });
  fs.rmSync(file);
  return { ...fixture, vault, recordingId };
}

function samplesOf(pcm: Uint8Array): Int16Array {
  const copy = new Uint8Array(pcm);
  return new Int16Array(copy.buffer, 0, copy.byteLength / 2);
}

describe('audio windows at any seek position', () => {
  it('return exactly the samples of the decoded recording there, for windows across chunk boundaries, at the start, and at the end', async () => {
    const { call, vault, recordingId } = await fixtureWithRecording(40);
    const full = readRecordingAudio(vault, recordingId);
    const [rep, cust] = full.channels;
    const positions = [0, 1, 499, 500, 7_250, 12_345, 19_999, 20_000, 31_111, 39_000];
    for (const fromMs of positions) {
      const toMs = Math.min(fromMs + 3_000, 40_000);
      const window = await call<Window>('recordings.audioWindow', { recordingId, fromMs, toMs });
      expect(window.sampleRate).toBe(RATE);
      const got = samplesOf(window.pcm);
      const from = Math.round((fromMs * RATE) / 1000);
      const frames = got.length / 2;
      expect(frames).toBe(Math.round((toMs * RATE) / 1000) - from);
      let mismatches = 0;
      for (let f = 0; f < frames; f += 1) {
        if (got[f * 2] !== rep![from + f] || got[f * 2 + 1] !== cust![from + f]) {
          mismatches += 1;
        }
      }
      expect(mismatches, `window at ${fromMs} ms`).toBe(0);
    }
    // Random positions too (seeded, so a failure can be replayed).
    let seed = 12345;
    for (let n = 0; n < 20; n += 1) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const fromMs = seed % 39_000;
      const window = await call<Window>('recordings.audioWindow', { recordingId, fromMs, toMs: fromMs + 1_000 });
      const got = samplesOf(window.pcm);
      const from = Math.round((fromMs * RATE) / 1000);
      expect(Array.from(got.subarray(0, 64)), `window at ${fromMs} ms`).toEqual(Array.from({ length: 32 }, (_, f) => [rep![from + f], cust![from + f]]).flat());
    }
  });

  it('skips a chunk altered on disk (silence there) and still finds the window after it', async () => {
    const { call, vault, recordingId } = await fixtureWithRecording(20);
    const file = vault.recordingFile(recordingId);
    const positions = vault.recordingChunkPositions(recordingId);
    const target = positions[20]!; // 10.0-10.5 s
    const bytes = fs.readFileSync(file);
    bytes[target.offset + 16 + 40]! ^= 0xff;
    fs.writeFileSync(file, bytes);
    const window = await call<Window>('recordings.audioWindow', { recordingId, fromMs: 9_900, toMs: 11_000 });
    const got = samplesOf(window.pcm);
    const frameAt = (ms: number) => Math.round(((ms - 9_900) * RATE) / 1000);
    // The altered half second is silence on both channels; the audio before and after it is there.
    expect(got.subarray(frameAt(10_000) * 2, frameAt(10_500) * 2).every((s) => s === 0)).toBe(true);
    expect(got.subarray(0, frameAt(10_000) * 2).some((s) => s !== 0)).toBe(true);
    expect(got.subarray(frameAt(10_500) * 2).some((s) => s !== 0)).toBe(true);
  });

  it('refuses a window of a recording that is not in the vault', async () => {
    const { dispatch } = await fixtureWithRecording(2);
    expect(await dispatch('recordings.audioWindow', { recordingId: randomUUID(), fromMs: 0, toMs: 1000 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('waveform peaks', () => {
  it('are computed from the audio once, reduced to the bins asked for, and show who spoke when', async () => {
    const { call, vault, recordingId } = await fixtureWithRecording(20);
    expect(vault.peaks.get(recordingId)).toBeUndefined();
    const overview = await call<Overview>('playback.overview', { recordingId, bins: 4000 });
    expect(overview.binMs).toBe(100);
    // 20 s in 100 ms bins (the import's resampler may add a few samples of tail).
    expect(Math.floor(overview.peaks.length / 2)).toBeGreaterThanOrEqual(200);
    expect(Math.floor(overview.peaks.length / 2)).toBeLessThanOrEqual(202);
    const repFirstHalf = Math.min(...Array.from({ length: 90 }, (_, b) => overview.peaks[b * 2]!));
    const custFirstHalf = Math.max(...Array.from({ length: 90 }, (_, b) => overview.peaks[b * 2 + 1]!));
    const repSecondHalf = Math.max(...Array.from({ length: 90 }, (_, b) => overview.peaks[(110 + b) * 2]!));
    expect(repFirstHalf).toBeGreaterThan(10);
    expect(custFirstHalf).toBe(0);
    expect(repSecondHalf).toBe(0);
    const stored = vault.peaks.get(recordingId)!;
    expect(stored.sourceChunks).toBeGreaterThan(0);
    // Asked again: the same peaks, from the stored row (not recomputed: computed_at unchanged).
    const again = await call<Overview>('playback.overview', { recordingId, bins: 50 });
    expect(again.peaks.length).toBeLessThanOrEqual(50 * 2);
    const group = again.binMs / 100;
    expect(again.peaks[0]).toBe(Math.max(...Array.from({ length: group }, (_, b) => overview.peaks[b * 2]!)));
    expect(vault.peaks.get(recordingId)!.computedAt).toBe(stored.computedAt);
    expect(Buffer.from(vault.peaks.get(recordingId)!.sealed)).toEqual(Buffer.from(stored.sealed));
  });

  it('are stored sealed under the recording key: no run of the plaintext peaks in any vault file or in the row', async () => {
    const { call, vault, recordingId, home } = await fixtureWithRecording(30);
    const overview = await call<Overview>('playback.overview', { recordingId, bins: 8000 });
    const plaintext = Buffer.from(encodePeaks({ binMs: overview.binMs, peaks: new Uint8Array(overview.peaks) }));
    // The peaks walk through 23 levels every 100 ms: any 24 bytes of them are distinctive.
    const runs = Array.from({ length: Math.floor(plaintext.length / 24) }, (_, i) => plaintext.subarray(i * 24, i * 24 + 24));
    const sealed = Buffer.from(vault.peaks.get(recordingId)!.sealed);
    expect(runs.some((run) => sealed.includes(run))).toBe(false);
    vault.close();
    const leaks = allFiles(home).filter(({ bytes }) => runs.some((run) => bytes.includes(run)));
    expect(leaks.map(({ file }) => file)).toEqual([]);
  });

  it('are never trusted when their row was altered or moved to another recording: computed again from the audio', async () => {
    const { call, vault, recordingId } = await fixtureWithRecording(10);
    const first = await call<Overview>('playback.overview', { recordingId, bins: 8000 });
    const stored = vault.peaks.get(recordingId)!;
    // The sealed blob does not open for another purpose or another recording.
    expect(() => vault.openRecordingData(randomUUID(), 'waveform-peaks', stored.sealed)).toThrow();
    const tampered = new Uint8Array(stored.sealed);
    tampered[tampered.length - 5]! ^= 0x01;
    vault.peaks.save({ ...stored, sealed: tampered, computedAt: '2000-01-01T00:00:00.000Z' });
    const second = await call<Overview>('playback.overview', { recordingId, bins: 8000 });
    expect(Buffer.from(second.peaks)).toEqual(Buffer.from(first.peaks));
    const replaced = vault.peaks.get(recordingId)!;
    expect(replaced.computedAt).not.toBe('2000-01-01T00:00:00.000Z');
    expect(decodePeaks(vault.openRecordingData(recordingId, 'waveform-peaks', replaced.sealed))?.peaks).toEqual(first.peaks);
  });

  it('go with the recording when it is destroyed', async () => {
    const { call, vault, recordingId } = await fixtureWithRecording(4);
    await call<Overview>('playback.overview', { recordingId, bins: 100 });
    expect(vault.peaks.get(recordingId)).toBeDefined();
    await call('recordings.destroy', { recordingId });
    expect(vault.peaks.get(recordingId)).toBeUndefined();
  });
});

describe('the library', () => {
  it('keeps a declined call in view with its outcome and notes, beside the recordings with their transcript state', async () => {
    const { call, acknowledge, recordingId, session } = await fixtureWithRecording(2);
    await acknowledge();
    const prepared = await call<{ allowed: boolean; call: { id: string } }>('calls.prepare', { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme pricing', participants: [customer] });
    const callId = prepared.call.id;
    await call('consent.record', { callId, participantEmail: customer.email, outcome: 'declined', method: null });
    await call('calls.saveNotes', { callId, body: 'Customer asked for a written summary instead.' });
    const entries = await call<Record<string, unknown>[]>('library.list');
    expect(entries).toHaveLength(2);
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: `call:${callId}`, recordingId: null, callId, title: 'Acme pricing', account: 'Acme', status: 'not-recorded', consent: 'declined', hasNotes: true }),
        expect.objectContaining({ key: recordingId, recordingId, title: 'Seek test', status: 'imported', consent: null, transcriptVersion: null, reviewed: false }),
      ]),
    );
    // Transcribed, then reviewed: the row says so at a glance.
    const vault = session.requireVault();
    vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T09:00:00Z', createdBy: 'Rita Rep', engine: 'hand-written', language: 'en', segments: [] });
    expect((await call<Record<string, unknown>[]>('library.list')).find((e) => e.key === recordingId)).toMatchObject({ transcriptVersion: 1, reviewed: false });
    vault.redactionSets.save({ recordingId, version: 1, reviewedAt: '2026-11-28T10:00:00Z', reviewedBy: 'Rita Rep', policyHash: 'p', detector: 'd', redactions: {} });
    expect((await call<Record<string, unknown>[]>('library.list')).find((e) => e.key === recordingId)).toMatchObject({ transcriptVersion: 1, reviewed: true });
    // A call still waiting for consent, with nothing written, is not a library row.
    await call('calls.prepare', { callType: 'discovery', account: 'Acme', meetingTitle: 'Never started', participants: [customer] });
    expect((await call<unknown[]>('library.list')).length).toBe(2);
  });
});
