// Transcription through the contract, as the UI drives it: models screen (import, verify,
// list), settings, a consented call recorded with capture.* and queued automatically when it
// stops, progress, the stored transcript, cancel and retry, delete while running, and a broken
// manifest that leaves the rest of the app working.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallView, ModelView, TranscriptionJobView, TranscriptionSettingsView, TranscriptView } from '../../../src/shared/contract';
import { callFixture, customer } from '../../helpers/call-fixture';
import { generatedModel, testManifest, writeManifest } from '../models/model-fixtures';
import { layout, runnerChildren, speech } from './whisper-fixtures';

type Prepared = { allowed: true; call: CallView } | { allowed: false };
const discovery = { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [customer] };

/** Interleaved stereo at 16 kHz: the rep's speech on the left, the customer's on the right. */
function conversation(seconds: number): Uint8Array {
  const rep = speech('Thanks for your time today, let us go over the renewal and the discount.', 'en-us');
  const cust = speech('Sure, the price went up a lot and we need to move the start date.', 'en-gb');
  const ms = seconds * 1000;
  const turns = Array.from({ length: Math.floor(ms / 6000) }, (_, i) => ({ atMs: i * 6000 + 300, samples: i % 2 === 0 ? rep : cust, left: i % 2 === 0 }));
  const left = layout(ms, turns.filter((t) => t.left));
  const right = layout(ms, turns.filter((t) => !t.left));
  const pcm = new Int16Array(left.length * 2);
  for (let i = 0; i < left.length; i += 1) {
    pcm[i * 2] = left[i] ?? 0;
    pcm[i * 2 + 1] = right[i] ?? 0;
  }
  return new Uint8Array(pcm.buffer);
}

async function setup(env: Record<string, string> = {}) {
  const fixture = await callFixture({ CALLVAULT_MODEL_MANIFEST: writeManifest(testManifest()), ...env });
  await fixture.acknowledge();
  /** Records a consented call of `seconds` and stops it; returns the recording id. */
  const record = async (seconds: number): Promise<string> => {
    const prepared = await fixture.call<Prepared>('calls.prepare', discovery);
    if (!prepared.allowed) {
      throw new Error('expected allowed');
    }
    await fixture.call('consent.record', { callId: prepared.call.id, participantEmail: customer.email, outcome: 'granted', method: 'verbal' });
    const { recordingId } = await fixture.call<{ recordingId: string }>('capture.start', { callId: prepared.call.id, inputSampleRate: 16000 });
    const pcm = conversation(seconds);
    for (let at = 0; at < pcm.length; at += 1_000_000) {
      await fixture.call('capture.append', { recordingId, pcm: pcm.subarray(at, Math.min(pcm.length, at + 1_000_000)) });
    }
    await fixture.call('capture.stop', { recordingId });
    return recordingId;
  };
  const job = async (recordingId: string) => (await fixture.call<TranscriptionJobView[]>('transcription.jobs')).find((j) => j.recordingId === recordingId);
  const waitFor = async (recordingId: string, states: string[]) => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const current = await job(recordingId);
      if (current && states.includes(current.state)) {
        return current;
      }
      if (Date.now() > deadline) {
        throw new Error(`job is ${current?.state ?? 'missing'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { ...fixture, record, job, waitFor };
}

describe('transcription through the contract', () => {
  it('imports and verifies a model, records a call that is transcribed automatically when it stops, with progress, and shows the transcript', async () => {
    const { call, record, waitFor, job } = await setup();
    const before = await call<ModelView[]>('models.list');
    expect(before.map((m) => [m.name, m.status])).toEqual([['alpha', 'available'], ['beta', 'available']]);
    const imported = (await call<{ models: ModelView[] }>('models.import', { path: generatedModel(1) })).models;
    expect(imported.find((m) => m.name === 'alpha')?.status).toBe('installed');
    const verified = await call<ModelView[]>('models.verify', { name: 'alpha' });
    expect(verified.find((m) => m.name === 'alpha')?.verifiedAt).toEqual(expect.any(String));

    const settings = await call<TranscriptionSettingsView>('transcription.setSettings', { threads: 1, language: 'en', model: '', autoTranscribe: true });
    expect(settings).toMatchObject({ threads: 1, effectiveThreads: 1 });

    const recordingId = await record(24);
    const seen: number[] = [];
    for (let current = await job(recordingId); current?.state !== 'done'; current = await job(recordingId)) {
      expect(current?.state).toMatch(/queued|running/);
      seen.push(current?.percent ?? 0);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const done = await waitFor(recordingId, ['done']);
    expect(done).toMatchObject({ percent: 100, model: 'alpha', language: 'en', error: null });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));

    const transcript = await call<TranscriptView>('transcripts.get', { recordingId });
    expect(transcript).toMatchObject({ version: 1, kind: 'machine', reviewed: false, versions: [{ version: 1, kind: 'machine' }] });
    expect(transcript.engine).toContain('alpha');
    const speakers = transcript.segments.map((s) => s.speaker).filter((s, i, all) => s !== all[i - 1]);
    expect(speakers.slice(0, 4)).toEqual(['rep', 'customer', 'rep', 'customer']);
  });

  it('cancels a running job and retries it to the end; deleting a recording stops its job; no model says what to do', async () => {
    const { call, dispatch, record, waitFor, job } = await setup();
    const noModel = await record(6);
    // Auto-transcribe found no model: nothing was queued, and asking says what to do.
    expect(await job(noModel)).toBeUndefined();
    expect(await dispatch('transcription.enqueue', { recordingId: noModel })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/No transcription model is installed/) as unknown } });

    await call('models.import', { path: generatedModel(1) });
    await call('transcription.setSettings', { threads: 1, language: 'en', model: 'alpha', autoTranscribe: false });
    const long = await record(60);
    expect(await job(long)).toBeUndefined(); // auto-transcribe is off
    await call('transcription.enqueue', { recordingId: long });
    await waitFor(long, ['running']);
    const cancelled = await call<TranscriptionJobView>('transcription.cancel', { recordingId: long });
    expect(cancelled.state).toMatch(/running|cancelled/);
    await waitFor(long, ['cancelled']);
    expect(runnerChildren()).toEqual([]);
    await call('transcription.enqueue', { recordingId: long });
    const retried = await waitFor(long, ['done']);
    expect(retried.attempts).toBe(2);

    const other = await record(60);
    await call('transcription.enqueue', { recordingId: other });
    await waitFor(other, ['running']);
    await call('recordings.destroy', { recordingId: other });
    expect(await job(other)).toBeUndefined();
    expect(runnerChildren()).toEqual([]);
    expect(await dispatch('transcripts.get', { recordingId: other })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('verifies the model before its first use: a file changed after install fails the job with the reason, and nothing is transcribed', async () => {
    const { call, home, record, waitFor } = await setup();
    await call('models.import', { path: generatedModel(1) });
    await call('transcription.setSettings', { threads: 1, language: 'en', model: 'alpha', autoTranscribe: false });
    // Same size, one byte changed deep inside the weights: only the checksum can tell.
    const installed = path.join(home, 'models', 'ggml-alpha.bin');
    const bytes = fs.readFileSync(installed);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    fs.writeFileSync(installed, bytes);
    const recordingId = await record(6);
    await call('transcription.enqueue', { recordingId });
    const failed = await waitFor(recordingId, ['failed']);
    expect(failed.error).toMatch(/checksum|sha256/i);
    expect(runnerChildren()).toEqual([]);
    const listed = await call<ModelView[]>('models.verify', { name: 'alpha' });
    expect(listed.find((m) => m.name === 'alpha')?.problem).toMatch(/checksum/);
  });

  it('a broken model manifest leaves recording working and says why transcription is unavailable', async () => {
    const bad = path.join(path.dirname(writeManifest(testManifest())), 'bad.json');
    fs.writeFileSync(bad, '{"version": 1, "models": "nope"}');
    const { dispatch, record } = await setup({ CALLVAULT_MODEL_MANIFEST: bad });
    const listed = await dispatch('models.list', {});
    expect(listed).toMatchObject({ ok: false, error: { code: 'MODEL_UNAVAILABLE', message: expect.stringMatching(/manifest/) as unknown } });
    expect(await record(2)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
