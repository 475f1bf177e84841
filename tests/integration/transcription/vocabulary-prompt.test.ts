// The rep's vocabulary reaches the real whisper.cpp runner as its initial prompt: through stdin
// (never argv, which any user of the machine can read in /proc), tokenized by the engine itself,
// and it conditions decoding. The queue gives the vault's vocabulary to every later job.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import { TranscriptionQueue, type EngineProvider } from '../../../src/app/transcription/transcription-queue';
import { writeVocabulary } from '../../../src/app/transcripts/vocabulary';
import type { OpenVault } from '../../../src/app/vault/open-vault';
import type { TranscribeOptions, TranscriptionAudio, TranscriptionEngine } from '../../../src/core/ports/transcription';
import { encodeWav } from '../../../src/platform/audio/wav';
import { RunnerProcess } from '../../../src/platform/transcription/runner-process';
import type { RunnerMessage } from '../../../src/platform/transcription/runner-protocol';
import { tempDir } from '../../helpers/temp-dir';
import { createTestVault } from '../../helpers/vault-fixture';
import { engineFor, layout, runnerPath, speech, testModel } from './whisper-fixtures';

const TERMS = ['Quenderwick', 'Zorblax Prime'];
const PROMPT = 'Quenderwick, Zorblax Prime.';

let talk: Int16Array;
beforeAll(() => {
  talk = speech('We would like a quote for the Quenderwick rollout before Friday.');
});

const open: OpenVault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) {
    vault.close();
  }
});

/** Starts the real runner, reads its argv from /proc while it runs, and returns its messages. */
async function runOnce(prompt: string | undefined): Promise<{ ready: Extract<RunnerMessage, { type: 'ready' }> | undefined; argv: string }> {
  const messages: RunnerMessage[] = [];
  let argv = '';
  const runner = RunnerProcess.start({ runnerPath: runnerPath(), modelPath: testModel(), threads: 1, language: 'en', maxTokensPerSegment: 0, prompt, onMessage: (m) => messages.push(m) });
  await runner.write(Float32Array.from(talk.subarray(0, 16_000), (v) => v / 32_768));
  for (const entry of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      if (fs.readlinkSync(`/proc/${entry}/exe`) === runnerPath()) {
        argv += fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      }
    } catch {
      // not ours, or gone
    }
  }
  runner.endInput();
  await runner.finished;
  return { ready: messages.find((m): m is Extract<RunnerMessage, { type: 'ready' }> => m.type === 'ready'), argv };
}

describe('the vocabulary as whisper\'s initial prompt', () => {
  it('reaches the real runner through stdin, where whisper tokenizes it, and never appears in its argv', async () => {
    const withPrompt = await runOnce(PROMPT);
    expect(withPrompt.ready?.promptTokens).toBeGreaterThan(4);
    expect(withPrompt.argv).toContain('--prompt-stdin');
    expect(withPrompt.argv).not.toMatch(/Quenderwick|Zorblax/);
    const without = await runOnce(undefined);
    expect(without.ready?.promptTokens).toBe(0);
    expect(without.argv).not.toContain('--prompt-stdin');
  });

  it('conditions decoding: the same audio decodes differently with the prompt, and the same with the same prompt', async () => {
    const tokens = async (prompt?: string) => (await engineFor().transcribe(talk, { threads: 1, ...(prompt === undefined ? {} : { prompt }) })).flatMap((s) => s.tokens.map((t) => t.id));
    const plain = await tokens();
    const prompted = await tokens(PROMPT);
    expect(prompted).not.toEqual(plain);
    expect(await tokens(PROMPT)).toEqual(prompted);
  });

  it('the queue gives the vault\'s vocabulary to the engine on later transcriptions', async () => {
    const { vault } = await createTestVault();
    open.push(vault);
    const prompts: (string | undefined)[] = [];
    const real = engineFor();
    // The real engine, with the options it was called with noted on the way in.
    const noting: TranscriptionEngine = {
      transcribe: (audio: TranscriptionAudio, options?: TranscribeOptions) => {
        prompts.push(options?.prompt);
        return real.transcribe(audio, options);
      },
    };
    const provider: EngineProvider = { engineFor: (model) => Promise.resolve({ engine: noting, label: 'whisper.cpp', model }), defaultModel: () => Promise.resolve('test-tiny') };
    const importOne = (): string => {
      const file = path.join(tempDir(), 'call.wav');
      const channel = layout(3_000, [{ atMs: 200, samples: talk.subarray(0, 16_000 * 2) }]);
      fs.writeFileSync(file, encodeWav({ sampleRate: 16_000, channels: [channel, channel] }));
      return importWav(vault, file, inspectImportFile(file), { title: 'x', callType: 'discovery', policyHash: 'p', callId: randomUUID() }).recordingId;
    };
    const queue = new TranscriptionQueue(provider, () => new Date());
    queue.attach(vault);
    await queue.enqueue(importOne());
    await queue.idle();
    writeVocabulary(vault, TERMS);
    await queue.enqueue(importOne());
    await queue.idle();
    expect(prompts).toEqual(['', '', PROMPT, PROMPT]); // two channels per call
    const changed = vault.audit.entries().filter((e) => e.event === 'vocabulary.changed');
    expect(changed.map((e) => e.detail)).toEqual([JSON.stringify({ by: vault.profile.id, terms: 2 })]);
    await queue.detach();
  });
});
