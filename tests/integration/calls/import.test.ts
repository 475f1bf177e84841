import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OpenVault } from '../../../src/app/vault/open-vault';
import { readRecordingAudio } from '../../../src/app/recording/recording-audio';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import { runCliCapture } from '../../helpers/cli-runner';
import { correlation, readWavFile, speechWav } from '../../helpers/speech';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

let home: string;
let env: Record<string, string>;
let audioDir: string;

// Personal details go in a --details file, never in argv (issue #10).
const CASEY = { name: 'Casey Customer', email: 'casey@acme.example', region: 'US-TX' };
function detailsFile(details: object): string {
  const file = path.join(audioDir, `details-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(details));
  return file;
}
const recordArgs = (file: string, extra: string[] = [], details: object = { participants: [CASEY] }) => ['record', '--import', file, '--call-type', 'discovery', '--consent', 'verbal', '--details', detailsFile(details), ...extra];

function recordingsOnDisk(): string[] {
  const dir = path.join(home, 'profiles', 'rita', 'vault', 'recordings');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

beforeAll(async () => {
  // One vault for the whole file: Argon2id per test would dominate the run.
  home = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'callvault-import-'));
  audioDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'callvault-import-audio-'));
  env = { CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE };
  expect((await runCliCapture(['vault', 'init', '--name-file', '-'], env, 'Rita\n')).code).toBe(0);
  return () => {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(audioDir, { recursive: true, force: true });
  };
});

describe('callvault record --import', () => {
  it('refuses before the policy is acknowledged, then imports speech with an attestation', async () => {
    const wav = speechWav(audioDir, 'We talked about the renewal and the onboarding plan.', 22050, 'mono');
    const before = await runCliCapture(recordArgs(wav), env);
    expect(before.code).toBe(6);
    expect(before.stderr).toMatch(/acknowledge the recording policy/);
    expect(recordingsOnDisk()).toEqual([]);

    const ack = await runCliCapture(['policy', 'acknowledge', '--yes'], env);
    expect(ack.stdout).toMatch(/Purpose: .*coaching/);
    expect(ack.code).toBe(0);

    const imported = await runCliCapture(recordArgs(wav, ['--consent-date', '2026-11-20'], { participants: [CASEY], attestedBy: 'Rita Rep' }), env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const id = /recording ([0-9a-f-]{36})/.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();

    const vault = await OpenVault.unlock(new ProfileStore(home).get('rita'), { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
    try {
      const record = vault.recordings.get(id!);
      expect(record).toMatchObject({ status: 'imported', callType: 'discovery' });
      expect(record?.policyHash).toMatch(/^sha256:/);
      const consent = vault.calls.consents(record!.callId!);
      expect(consent).toMatchObject([{ outcome: 'granted', method: 'verbal', recordedBy: 'Rita Rep', policyHash: record!.policyHash }]);
      expect(consent[0]?.note).toMatch(/2026-11-20/);
      const stored = readRecordingAudio(vault, id!);
      const reference = path.join(audioDir, 'ref16k.wav');
      execFileSync('sox', [wav, '-r', '16000', reference]);
      const ref = readWavFile(reference).channels[0]!;
      expect(stored.channels).toHaveLength(1);
      expect(correlation(stored.channels[0]!.subarray(0, ref.length), ref)).toBeGreaterThan(0.95);
    } finally {
      vault.close();
    }
  });

  it('refuses bad files with a clear error and leaves nothing behind', async () => {
    await runCliCapture(['policy', 'acknowledge', '--yes'], env);
    const before = recordingsOnDisk();
    const good = fs.readFileSync(speechWav(audioDir, 'hello there', 16000, 'good'));
    const cases: [string, Buffer | 'sparse-2g', RegExp][] = [
      ['notes.wav', Buffer.from('these are meeting notes, not audio'), /not a WAV file/],
      ['empty.wav', Buffer.alloc(0), /empty/],
      ['short-header.wav', good.subarray(0, 20), /truncated|not a WAV/],
      ['truncated.wav', good.subarray(0, Math.floor(good.length / 2)), /truncated/],
      ['rate.wav', withRate(good, 3), /sample rate of 3 Hz/],
      ['huge-claim.wav', withDataSize(good, 0xfffffff0), /truncated/],
      ['big.wav', 'sparse-2g', /under 2 GB/],
    ];
    for (const [name, content, message] of cases) {
      const file = path.join(audioDir, name);
      if (content === 'sparse-2g') {
        const fd = fs.openSync(file, 'w');
        fs.ftruncateSync(fd, 2 * 1024 ** 3 + 10);
        fs.closeSync(fd);
      } else {
        fs.writeFileSync(file, content);
      }
      const result = await runCliCapture(recordArgs(file), env);
      expect(result.code, name).toBe(1);
      expect(result.stderr, name).toMatch(message);
      fs.rmSync(file);
    }
    expect(recordingsOnDisk()).toEqual(before);
  });

  it('applies the same policy refusals as the UI', async () => {
    await runCliCapture(['policy', 'acknowledge', '--yes'], env);
    const wav = speechWav(audioDir, 'strategy', 16000, 'strategy');
    const blocked = await runCliCapture(recordArgs(wav, [], { participants: [CASEY], title: 'Attorney-client privileged review' }), env);
    expect(blocked.code).toBe(6);
    expect(blocked.stderr).toMatch(/doNotRecord\.titleKeywords/);
    const legal = await runCliCapture(['record', '--import', wav, '--call-type', 'legal-discussion', '--consent', 'written', '--details', detailsFile({ participants: [{ name: 'Lee', email: 'lee@acme.example', region: 'US-TX' }] })], env);
    expect(legal.code).toBe(6);
    expect(legal.stderr).toMatch(/approval/i);
  });
});

function withRate(wav: Buffer, rate: number): Buffer {
  const copy = Buffer.from(wav);
  copy.writeUInt32LE(rate, 24);
  return copy;
}

function withDataSize(wav: Buffer, size: number): Buffer {
  const copy = Buffer.from(wav);
  const at = copy.indexOf('data');
  copy.writeUInt32LE(size, at + 4);
  return copy;
}
