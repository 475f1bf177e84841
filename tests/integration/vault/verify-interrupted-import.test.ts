import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverInterruptedRecordings } from '../../../src/app/recording/crash-recovery';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { runCliCapture } from '../../helpers/cli-runner';
import { REPO_ROOT } from '../../helpers/spawn-tsx';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';
import { writeWav } from '../../helpers/wav';

let home: string;
let audioDir: string;
const env = () => ({ CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE });
const recordingsDir = () => path.join(home, 'profiles', 'ivan', 'vault', 'recordings');

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'callvault-killed-import-'));
  audioDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'callvault-killed-import-audio-'));
  expect((await runCliCapture(['vault', 'init', '--name-file', '-'], env(), 'Ivan\n')).code).toBe(0);
  expect((await runCliCapture(['policy', 'acknowledge', '--yes'], env())).code).toBe(0);
});

afterAll(() => {
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(audioDir, { recursive: true, force: true });
});

/** Twenty minutes of a quiet tone at 8 kHz: long enough that the import is still writing when killed. */
function longWav(): string {
  const rate = 8000;
  const samples = new Int16Array(rate * 60 * 20);
  for (let i = 0; i < samples.length; i += 1) {
    samples[i] = Math.round(3000 * Math.sin((2 * Math.PI * 440 * i) / rate));
  }
  const file = path.join(audioDir, 'long-call.wav');
  fs.writeFileSync(file, writeWav({ sampleRate: rate, channels: 1, samples }));
  return file;
}

/** The call's details as --details takes them (never as arguments). */
function detailsFile(title?: string): string {
  const file = path.join(audioDir, `details-${title === undefined ? 'short' : 'long'}.json`);
  fs.writeFileSync(file, JSON.stringify({ participants: [{ name: 'Casey Customer', email: 'casey@acme.example', region: 'US-TX' }], attestedBy: 'Ivan Rep', ...(title !== undefined && { title }) }));
  return file;
}

/** Polls until a recording file in the vault has grown past `bytes` (the import is under way). */
async function waitForPartialRecording(bytes: number, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const files = fs.existsSync(recordingsDir()) ? fs.readdirSync(recordingsDir()) : [];
    const growing = files.find((f) => fs.statSync(path.join(recordingsDir(), f)).size > bytes);
    if (growing !== undefined) {
      return growing.replace(/\.cvaf$/, '');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the import never started writing');
}

describe('an import killed with SIGKILL part-way', () => {
  it('is reported by verify, removed and audited at the next unlock, and verify is clean after', async () => {
    const wav = longWav();
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'callvault.js'), 'record', '--import', wav, '--call-type', 'discovery', '--consent', 'verbal', '--details', detailsFile('Killed import'), '--consent-date', '2026-11-20'],
      { cwd: REPO_ROOT, env: { ...process.env, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let childOutput = '';
    child.stdout.on('data', (d: Buffer) => { childOutput += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { childOutput += d.toString(); });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => { resolve(signal); }));
    const id = await waitForPartialRecording(64 * 1024, 120_000);
    child.kill('SIGKILL');
    expect(await exited, `the import finished before the kill: ${childOutput}`).toBe('SIGKILL');

    // Before any unlock by the app: verify says an import did not finish, in words.
    const verified = await runCliCapture(['vault', 'verify', '--json'], env());
    const report = JSON.parse(verified.stdout) as { ok: boolean; recordings: { id: string; status: string; notes: string[] }[] };
    const half = report.recordings.find((r) => r.id === id);
    expect(half?.status).toBe('importing');
    expect(half?.notes.join(' ')).toMatch(/import that has not finished/);
    const text = await runCliCapture(['vault', 'verify'], env());
    expect(text.stdout).toMatch(/Killed import.*\n.*import that has not finished/);

    // The next unlock (the app runs crash recovery on every unlock) removes it and audits that.
    const profile = new ProfileStore(home).get('ivan');
    const vault = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
    try {
      const callId = vault.recordings.get(id)?.callId;
      expect(callId).toBeTruthy();
      recoverInterruptedRecordings(vault, undefined);
      expect(vault.recordings.get(id)).toBeUndefined();
      expect(vault.recordings.list().map((r) => r.id)).not.toContain(id);
      expect(fs.existsSync(vault.recordingFile(id))).toBe(false);
      const discarded = vault.audit.entries().find((e) => e.event === 'recording.import_discarded');
      expect(discarded).toBeDefined();
      const detail = JSON.parse(discarded!.detail) as { recordingId: string; chunksDiscarded: number };
      expect(detail.recordingId).toBe(id);
      expect(detail.chunksDiscarded).toBeGreaterThan(0);
      expect(vault.audit.entries().map((e) => e.event)).toContain('recording.deleted');
      expect(vault.calls.get(callId!)?.state).toBe('ended');
      const after = vault.verify();
      expect(after.audit.ok).toBe(true);
      expect(after.strays).toEqual([]);
      expect(after.ok).toBe(true);
    } finally {
      vault.close();
    }
    const clean = await runCliCapture(['vault', 'verify'], env());
    expect(clean.stdout).toMatch(/no problems found/);
    expect(clean.code).toBe(0);
  });

  it('a finished import is finalised in one go: imported, with its duration, chunk count and call', async () => {
    const samples = new Int16Array(16000 * 3).map((_, i) => Math.round(2000 * Math.sin(i / 7)));
    const file = path.join(audioDir, 'short.wav');
    fs.writeFileSync(file, writeWav({ sampleRate: 16000, channels: 1, samples }));
    const result = await runCliCapture(['record', '--import', file, '--call-type', 'discovery', '--consent', 'verbal', '--details', detailsFile(), '--consent-date', '2026-11-20'], env());
    expect(result.code, result.stderr).toBe(0);
    const id = /recording ([0-9a-f-]{36})/.exec(result.stdout)?.[1];
    const vault = await OpenVault.unlock(new ProfileStore(home).get('ivan'), { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
    try {
      const record = vault.recordings.get(id!);
      const chunks = vault.readRecording(id!).chunks;
      expect(chunks.at(-1)?.final).toBe(true);
      expect(record).toMatchObject({ status: 'imported', chunkCount: chunks.length });
      expect(record?.durationMs).toBeGreaterThanOrEqual(3000);
      expect(record?.durationMs).toBeLessThan(3010);
      expect(vault.calls.get(record!.callId!)?.recordingId).toBe(id);
      expect(vault.verify().ok).toBe(true);
    } finally {
      vault.close();
    }
  });
});
