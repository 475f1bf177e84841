// callvault transcribe / review / export through the real CLI entry, a real vault, the real
// whisper runner and a generated model installed with "callvault models import".
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import { encodeWav } from '../../../src/platform/audio/wav';
import { runCliCapture } from '../../helpers/cli-runner';
import { tempDir } from '../../helpers/temp-dir';
import { createTestVault, PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { readTranscriptionSettings } from '../../../src/app/transcription/transcription-settings';
import { generatedModel, testManifest, writeManifest } from '../models/model-fixtures';
import { layout, speech } from '../transcription/whisper-fixtures';

let callAudio: Uint8Array;
let callWav: string;

beforeAll(() => {
  const rep = speech('Good morning, thanks for taking the call about the renewal.', 'en-us');
  const customer = speech('Morning. We want to talk about the discount and the seats.', 'en-gb');
  callAudio = encodeWav({ sampleRate: 16_000, channels: [layout(14_000, [{ atMs: 500, samples: rep }]), layout(14_000, [{ atMs: 7_000, samples: customer }])] });
});

beforeEach(() => {
  callWav = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(callWav, callAudio);
});

/** A home with a vault holding one imported call, and the env the CLI runs with. */
async function home() {
  const { home: dir, vault, profile } = await createTestVault();
  const { recordingId } = importWav(vault, callWav, inspectImportFile(callWav), { title: 'Renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
  vault.close();
  const env = { CALLVAULT_HOME: dir, CALLVAULT_PASSPHRASE: PASSPHRASE, CALLVAULT_MODEL_MANIFEST: writeManifest(testManifest()) };
  return { env, recordingId, vaultDir: profile.vaultDir, profile };
}

describe('callvault transcribe', () => {
  it('says what to do when no model is installed, then transcribes a vault recording into version 1 once a model is imported', async () => {
    const { env, recordingId, profile } = await home();
    const none = await runCliCapture(['transcribe', recordingId], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/No transcription model is installed/);

    expect((await runCliCapture(['models', 'import', generatedModel(1)], env)).code).toBe(0);
    const run = await runCliCapture(['transcribe', recordingId, '--json', '--threads', '1'], env);
    expect(run.stderr).toMatch(/Transcribing: 100%/);
    expect(run.stderr).toMatch(/Stored as transcript version 1/);
    expect(run.code).toBe(0);
    const segments = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { speaker: string; startMs: number; endMs: number; words: unknown[] });
    expect(new Set(segments.map((s) => s.speaker))).toEqual(new Set(['rep', 'customer']));
    expect(segments.filter((s) => s.speaker === 'customer').every((s) => s.startMs >= 6_500)).toBe(true);
    expect(segments.every((s) => s.words.length > 0)).toBe(true);

    // --threads was for that run only: the stored setting is still the default.
    expect(run.stderr).toMatch(/\(1 threads\)/);
    const vault = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
    expect(readTranscriptionSettings(vault).threads).toBe(0);
    vault.close();

    const again = await runCliCapture(['transcribe', recordingId], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/already has a transcript/);
    expect(again.stdout).toMatch(/^\[00:0\d\] Rep: /m);
    const audit = await runCliCapture(['audit', 'show', '--json'], env);
    expect(audit.stdout).toMatch(/"event":"transcript.created"/);
  });

  it('transcribes a WAV file given with --file, storing nothing, and refuses a model file the manifest does not vouch for', async () => {
    const { env, vaultDir } = await home();
    const before = fs.readdirSync(vaultDir, { recursive: true }).map(String).sort();
    const bad = path.join(tempDir(), 'ggml-cut.bin');
    fs.writeFileSync(bad, fs.readFileSync(generatedModel(1)).subarray(0, 50_000));
    const refused = await runCliCapture(['transcribe', '--file', callWav, '--model', bad], env);
    // A file is used only when its sha256 is one the manifest (or an admin's trust) vouches for.
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/ggml-cut\.bin matches no model in the manifest/);

    const run = await runCliCapture(['transcribe', '--file', callWav, '--model', generatedModel(1)], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\[00:0\d\] Rep: /m);
    expect(run.stdout).toMatch(/^\[00:(0[7-9]|1\d)\] Customer: /m);
    expect(fs.readdirSync(vaultDir, { recursive: true }).map(String).sort()).toEqual(before);

    const usage = await runCliCapture(['transcribe'], env);
    expect(usage.code).toBe(2);
  });
});

describe('callvault review and export', () => {
  it('refuses to export before a review (writing nothing), and exports the redacted transcript and audio after one', async () => {
    const { env, recordingId } = await home();
    expect((await runCliCapture(['models', 'import', generatedModel(1)], env)).code).toBe(0);
    expect((await runCliCapture(['transcribe', recordingId, '--threads', '1'], env)).code).toBe(0);
    const out = path.join(tempDir(), 'share');

    const refused = await runCliCapture(['export', recordingId, '--out', out, '--audio'], env);
    expect(refused.code).toBe(7);
    expect(refused.stderr).toMatch(/Nothing was exported\. Transcript version 1 has not been reviewed/);
    expect(fs.existsSync(out)).toBe(false);

    const reviewed = await runCliCapture(['review', recordingId, '--save'], env);
    expect(reviewed.code).toBe(0);
    expect(reviewed.stderr).toMatch(/Review saved/);
    const exported = await runCliCapture(['export', recordingId, '--out', out, '--audio', '--clip', '0-7'], env);
    expect(exported.stderr).toMatch(/Exported transcript version 1/);
    expect(exported.code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual(['audio.wav', 'manifest.json', 'transcript.txt']);
    expect(fs.readFileSync(path.join(out, 'transcript.txt'), 'utf8')).toMatch(/^\[00:0\d\] Rep: /);
    // 0-7 s of 16 kHz 16-bit stereo.
    expect(fs.statSync(path.join(out, 'audio.wav')).size).toBe(44 + 7 * 16_000 * 4);
    const audit = await runCliCapture(['audit', 'show', '--json'], env);
    expect(audit.stdout).toMatch(/"event":"export.refused"/);
    expect(audit.stdout).toMatch(/"event":"redaction.reviewed"/);
    expect(audit.stdout).toMatch(/"event":"export.created"/);

    const badSpan = await runCliCapture(['review', recordingId, '--add', 'CARD:oops'], env);
    expect(badSpan.code).toBe(2);
  });
});
