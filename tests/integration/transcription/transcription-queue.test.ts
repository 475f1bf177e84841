// The persistent transcription queue on a real vault (SQLCipher file, libsodium, sealed chunk
// files) and the real whisper.cpp runner with a generated random-weight model: transcribe,
// cancel and retry, resume after a restart, failures, and nothing in plaintext on disk.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import { TranscriptionQueue, type EngineProvider } from '../../../src/app/transcription/transcription-queue';
import { writeTranscriptionSettings, DEFAULT_TRANSCRIPTION_SETTINGS } from '../../../src/app/transcription/transcription-settings';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { encodeWav } from '../../../src/platform/audio/wav';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { until } from '../../helpers/until';
import { engineFor, layout, runnerChildren, speech, testModel } from './whisper-fixtures';

let repLine: Int16Array;
let customerLine: Int16Array;

beforeAll(() => {
  repLine = speech('Thanks for joining. Shall we go through the renewal terms and the discount once more?', 'en-us');
  customerLine = speech('Yes, the price went up a lot this year, and we need the start date moved.', 'en-gb');
});

const open: OpenVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) {
    vault.close();
  }
});

function provider(modelPath = testModel(), seen: { models: string[] } = { models: [] }): EngineProvider {
  return {
    engineFor: (model) => {
      seen.models.push(model);
      return Promise.resolve({ engine: engineFor(modelPath), label: 'whisper.cpp 1.9.1', model });
    },
    defaultModel: () => Promise.resolve('test-tiny'),
  };
}

/** A two-channel call imported into the vault: alternating turns, `turns` of them, 6 s apart. */
function importCall(vault: OpenVault, turns: number): { recordingId: string; turns: { speaker: 'rep' | 'customer'; atMs: number; samples: Int16Array }[] } {
  const list = Array.from({ length: turns }, (_, i) => ({
    speaker: i % 2 === 0 ? ('rep' as const) : ('customer' as const),
    atMs: 500 + i * 6_000,
    samples: i % 2 === 0 ? repLine : customerLine,
  }));
  const totalMs = 500 + turns * 6_000 + 1_000;
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({
    sampleRate: 16_000,
    channels: [layout(totalMs, list.filter((t) => t.speaker === 'rep')), layout(totalMs, list.filter((t) => t.speaker === 'customer'))],
  }));
  const { recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
  fs.rmSync(file);
  return { recordingId, turns: list };
}

function importSamples(vault: OpenVault, channels: Int16Array[]): string {
  const file = path.join(tempDir(), 'audio.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: 16_000, channels }));
  return importWav(vault, file, inspectImportFile(file), { title: 'x', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() }).recordingId;
}

/** Every file under `dir`, as bytes. */
function allBytes(dir: string): Buffer[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => fs.readFileSync(path.join(e.parentPath, e.name)));
}

describe('the transcription queue', () => {
  it('transcribes a queued two-channel recording into transcript version 1, labelled by channel and searchable, with nothing in plaintext on disk', async () => {
    const { vault, profile } = await createTestVault();
    open.push(vault);
    const { recordingId, turns } = importCall(vault, 4);
    const queue = new TranscriptionQueue(provider(), () => new Date());
    queue.attach(vault);
    const percents: number[] = [];
    queue.onChange(() => { percents.push(queue.job(recordingId)?.percent ?? -1); });
    await queue.enqueue(recordingId);
    await queue.idle();

    const job = queue.job(recordingId);
    expect(job?.error).toBeNull();
    expect(job?.state).toBe('done');
    expect(job?.percent).toBe(100);
    const transcript = vault.transcripts.latest(recordingId);
    expect(transcript?.version).toBe(1);
    expect(transcript?.kind).toBe('machine');
    expect(transcript?.engine).toContain('test-tiny');
    const segments = transcript?.segments ?? [];
    expect(segments.length).toBeGreaterThanOrEqual(4);
    for (const s of segments) {
      const own = turns.filter((t) => t.speaker === s.speaker);
      expect(own.some((t) => s.startMs >= t.atMs - 300 && s.endMs <= t.atMs + (t.samples.length / 16) + 400)).toBe(true);
      expect(s.confidence).toBeGreaterThan(0);
    }
    expect(segments.map((s) => s.startMs)).toEqual([...segments.map((s) => s.startMs)].sort((a, b) => a - b));
    const order = segments.map((s) => s.speaker).filter((sp, i, all) => sp !== all[i - 1]);
    expect(order).toEqual(['rep', 'customer', 'rep', 'customer']);
    expect(percents.filter((p) => p >= 0)).toEqual([...percents.filter((p) => p >= 0)].sort((a, b) => a - b));
    expect(vault.audit.verify().ok).toBe(true);
    // The checkpoints are gone once the transcript is stored.
    expect(vault.jobs.checkpoint.segments(recordingId, 'rep')).toEqual([]);

    // Searchable through the encrypted full-text index: a word the model wrote finds the recording.
    const word = segments.flatMap((s) => s.text.split(/\s+/)).find((w) => /^[A-Za-z]{3,}$/.test(w));
    expect(word).toBeDefined();
    expect(vault.search.find(word ?? '')).toContain(recordingId);
    // No transcript text anywhere in the vault directory, open or closed.
    const needles = segments.map((s) => s.text).filter((t) => t.length >= 12).slice(0, 20);
    expect(needles.length).toBeGreaterThan(0);
    const check = () => {
      for (const bytes of allBytes(profile.vaultDir)) {
        for (const needle of needles) {
          expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
        }
      }
    };
    check();
    vault.close();
    check();
  });

  it('cancels a running job (no engine left behind), and a retry resumes after the last checkpointed segment', async () => {
    const { vault } = await createTestVault();
    open.push(vault);
    const { recordingId } = importCall(vault, 16);
    const queue = new TranscriptionQueue(provider(), () => new Date());
    queue.attach(vault);
    await queue.enqueue(recordingId);
    // Cancel once the rep's channel has produced a few segments.
    await until(() => vault.jobs.checkpoint.segments(recordingId, 'rep').length >= 3, { what: 'three checkpointed segments' });
    queue.cancel(recordingId);
    await queue.idle();
    expect(queue.job(recordingId)?.state).toBe('cancelled');
    expect(vault.transcripts.latest(recordingId)).toBeUndefined();
    expect(runnerChildren()).toEqual([]);
    const kept = vault.jobs.checkpoint.segments(recordingId, 'rep');
    expect(kept.length).toBeGreaterThanOrEqual(3);

    await queue.enqueue(recordingId);
    await queue.idle();
    expect(queue.job(recordingId)?.state).toBe('done');
    const rep = (vault.transcripts.latest(recordingId)?.segments ?? []).filter((s) => s.speaker === 'rep');
    // What was decoded before the cancel is kept as it was, and the rest follows it in time.
    expect(rep.slice(0, kept.length)).toEqual(kept);
    expect(rep.length).toBeGreaterThan(kept.length);
    expect(rep.slice(kept.length).every((s) => s.startMs >= (kept.at(-1)?.endMs ?? 0))).toBe(true);
    const cancelled = vault.audit.entries().filter((e) => e.event === 'transcription.cancelled');
    expect(cancelled).toHaveLength(1);
  });

  it('resumes a job interrupted by an app restart from its checkpoint, at the next unlock', async () => {
    const { vault, profile, ctx } = await createTestVault();
    const { recordingId } = importCall(vault, 12);
    const first = new TranscriptionQueue(provider(), () => new Date());
    first.attach(vault);
    await first.enqueue(recordingId);
    await until(() => vault.jobs.checkpoint.segments(recordingId, 'rep').length >= 2, { what: 'two checkpointed segments' });
    // The app dies: the database is closed under the running job (its row still says 'running').
    vault.close();
    await first.idle();
    expect(runnerChildren()).toEqual([]);

    const reopened = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, ctx);
    open.push(reopened);
    expect(reopened.jobs.get(recordingId)?.state).toBe('running');
    const kept = reopened.jobs.checkpoint.segments(recordingId, 'rep');
    expect(kept.length).toBeGreaterThanOrEqual(2);
    const second = new TranscriptionQueue(provider(), () => new Date());
    second.attach(reopened);
    await second.idle();
    expect(reopened.jobs.get(recordingId)?.state).toBe('done');
    expect(reopened.jobs.get(recordingId)?.attempts).toBe(2);
    const rep = (reopened.transcripts.latest(recordingId)?.segments ?? []).filter((s) => s.speaker === 'rep');
    expect(rep.slice(0, kept.length)).toEqual(kept);
  });

  it('gives zero segments and no invented text for an empty and for a silent recording', async () => {
    const { vault } = await createTestVault();
    open.push(vault);
    // A call stopped the moment it started: a recording with no audio at all.
    const { record, writer } = vault.startRecording({ title: 'empty', callType: 'customer-sales', policyHash: 'p' });
    writer.finish();
    vault.updateRecording(record.id, 0, 'complete');
    const empty = record.id;
    const silent = importSamples(vault, [new Int16Array(16_000 * 20), new Int16Array(16_000 * 20)]);
    const queue = new TranscriptionQueue(provider(), () => new Date());
    queue.attach(vault);
    await queue.enqueue(empty);
    await queue.enqueue(silent);
    await queue.idle();
    for (const id of [empty, silent]) {
      expect(queue.job(id)?.state).toBe('done');
      expect(vault.transcripts.latest(id)?.segments).toEqual([]);
    }
  });

  it('fails a job with the model problem in words, and keeps the queue going', async () => {
    const { vault } = await createTestVault();
    open.push(vault);
    const dir = tempDir();
    const broken = path.join(dir, 'ggml-broken.bin');
    fs.writeFileSync(broken, fs.readFileSync(testModel()).subarray(0, 100_000));
    const a = importCall(vault, 2).recordingId;
    const b = importCall(vault, 2).recordingId;
    const engines: EngineProvider = {
      engineFor: (model) => Promise.resolve({ engine: engineFor(model === 'broken' ? broken : testModel()), label: 'whisper.cpp', model }),
      defaultModel: () => Promise.resolve('good'),
    };
    const queue = new TranscriptionQueue(engines, () => new Date());
    queue.attach(vault);
    await queue.enqueue(a, { model: 'broken' });
    await queue.enqueue(b);
    await queue.idle();
    const failed = queue.job(a);
    expect(failed?.state).toBe('failed');
    expect(failed?.error).toMatch(/ggml-broken\.bin cannot be used: .*truncated/);
    expect(queue.job(b)?.state).toBe('done');
    const audit = vault.audit.entries().find((e) => e.event === 'transcription.failed');
    expect(audit?.detail).toContain(a);
  });

  it('refuses what it cannot do: unknown recording, one still recording, no model, a second machine transcript', async () => {
    const { vault } = await createTestVault();
    open.push(vault);
    const none: EngineProvider = { engineFor: () => Promise.reject(new Error('unused')), defaultModel: () => Promise.resolve(undefined) };
    const queue = new TranscriptionQueue(none, () => new Date());
    queue.attach(vault);
    await expect(queue.enqueue(randomUUID())).rejects.toThrow(/not in this vault/);
    const { record, writer } = vault.startRecording({ title: 'live', callType: 'customer-sales', policyHash: 'p' });
    await expect(queue.enqueue(record.id)).rejects.toThrow(/still being recorded/);
    writer.finish();
    vault.updateRecording(record.id, 0, 'complete');
    await expect(queue.enqueue(record.id)).rejects.toThrow(/No transcription model is installed/);
    writeTranscriptionSettings(vault, { ...DEFAULT_TRANSCRIPTION_SETTINGS, model: 'x' });
    vault.transcripts.add({ recordingId: record.id, kind: 'machine', createdAt: '', createdBy: '', engine: '', language: 'en', segments: [] });
    await expect(queue.enqueue(record.id)).rejects.toThrow(/already has a transcript/);
    await queue.detach();
    await expect(queue.enqueue(record.id)).rejects.toThrow(/locked/);
  });

  it('keeps the host thread responsive while a job runs (the engine works in its own process)', async () => {
    const { vault } = await createTestVault();
    open.push(vault);
    const { recordingId } = importCall(vault, 10);
    const queue = new TranscriptionQueue(provider(), () => new Date());
    queue.attach(vault);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    await queue.enqueue(recordingId);
    await queue.idle();
    delay.disable();
    expect(queue.job(recordingId)?.state).toBe('done');
    // Reading, decrypting and decoding 0.5 s chunks between yields: well under a frame budget of UI work.
    expect(delay.max / 1e6).toBeLessThan(250);
  });
});
