import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenVault } from '../../../src/app/vault/open-vault';
import type { VaultVerifyReport } from '../../../src/app/vault/vault-verify';
import { ProfileStore, type Profile } from '../../../src/platform/vault/profile-store';
import { runCliCapture } from '../../helpers/cli-runner';
import { PASSPHRASE, vaultContext } from '../../helpers/vault-fixture';

// One vault for the whole file (Argon2id at 256 MiB per test would dominate the run). Every test
// undoes its damage, so each starts from an intact vault.
let home: string;
let profile: Profile;
let vault: OpenVault;
const env = () => ({ CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE });

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'callvault-verify-'));
  expect((await runCliCapture(['vault', 'init', '--name-file', '-'], env(), 'Vera\n')).code).toBe(0);
  profile = new ProfileStore(home).get('vera');
  vault = await OpenVault.unlock(profile, { kind: 'passphrase', passphrase: PASSPHRASE }, await vaultContext());
});

afterAll(() => {
  vault.close();
  fs.rmSync(home, { recursive: true, force: true });
});

/** A finished recording of `chunks` half-second chunks plus the final one (empty unless `lastHasAudio`). */
function finishedRecording(title: string, chunks: number, lastHasAudio = false): string {
  const { record, writer } = vault.startRecording({ title, callType: 'discovery', policyHash: 'test-policy-hash' });
  for (let i = 0; i < chunks; i += 1) {
    writer.append(new Uint8Array(400).fill(i % 251));
  }
  writer.finish(lastHasAudio ? new Uint8Array(400).fill(7) : new Uint8Array(0));
  vault.updateRecording(record.id, (chunks + (lastHasAudio ? 1 : 0)) * 500, 'complete');
  return record.id;
}

/** Cuts the file right before the record at `position` (a clean chunk boundary), and returns the undo. */
function cutAt(id: string, position: number): () => void {
  const file = vault.recordingFile(id);
  const original = fs.readFileSync(file);
  const offsets = vault.readRecording(id).chunks.map((c) => c.byteOffset);
  fs.truncateSync(file, offsets[position] ?? 24);
  return () => { fs.writeFileSync(file, original); };
}

function verdictOf(report: VaultVerifyReport, id: string) {
  const verdict = report.recordings.find((r) => r.id === id);
  expect(verdict, `no verdict for ${id}`).toBeDefined();
  return verdict!;
}

describe('vault verify: recordings cut short, missing and stray files', () => {
  it('finds no problems in an intact vault (finished, in-progress and recovered recordings)', () => {
    finishedRecording('Intact call', 5);
    const report = vault.verify();
    expect(report.recordings.every((r) => r.problems.length === 0)).toBe(true);
    expect(report.strays).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('reports a finished recording cut at a chunk boundary, whatever the count kept', () => {
    const id = finishedRecording('Cut call', 20);
    for (const kept of [0, 1, 3, 19, 20]) {
      const undo = cutAt(id, kept);
      try {
        const report = vault.verify();
        expect(report.ok, `cut to ${kept} of 21 records`).toBe(false);
        const verdict = verdictOf(report, id);
        expect(verdict.problems.join(' '), `cut to ${kept}`).toMatch(/cut short|ends before its final chunk/);
        expect(verdict.problems.join(' ')).toMatch(new RegExp(`${kept} of 21 chunks`));
      } finally {
        undo();
      }
    }
    expect(vault.verify().ok).toBe(true);
  });

  it('reports a recording whose last chunk (holding audio) was cut off: all but the final chunk kept', () => {
    const id = finishedRecording('All but final', 6, true);
    const undo = cutAt(id, 6);
    try {
      const report = vault.verify();
      expect(report.ok).toBe(false);
      expect(verdictOf(report, id).problems.join(' ')).toMatch(/6 of 7 chunks/);
    } finally {
      undo();
    }
  });

  it('reports a missing audio file in words, naming the recording, not as ENOENT', () => {
    const id = finishedRecording('Acme renewal', 2);
    const file = vault.recordingFile(id);
    const moved = `${file}.away`;
    fs.renameSync(file, path.join(path.dirname(home), path.basename(moved)));
    try {
      const report = vault.verify();
      expect(report.ok).toBe(false);
      const text = verdictOf(report, id).problems.join(' ');
      expect(text).toMatch(new RegExp(`Recording ${id} \\(Acme renewal, .*\\): its audio file is missing`));
      expect(text).not.toMatch(/ENOENT/);
    } finally {
      fs.renameSync(path.join(path.dirname(home), path.basename(moved)), file);
    }
  });

  it('reports a stray file and a stray directory in recordings/', () => {
    const dir = path.join(profile.vaultDir, 'recordings');
    const strayFile = path.join(dir, '0b6f3d5e-1111-4222-8333-944455556666.cvaf');
    const strayNote = path.join(dir, 'notes.txt');
    const strayDir = path.join(dir, 'extra');
    fs.writeFileSync(strayFile, 'CVAF not ours');
    fs.writeFileSync(strayNote, 'hello');
    fs.mkdirSync(strayDir);
    try {
      const report = vault.verify();
      expect(report.ok).toBe(false);
      expect(report.strays.map((s) => s.name).sort()).toEqual(['0b6f3d5e-1111-4222-8333-944455556666.cvaf', 'extra', 'notes.txt']);
      expect(report.strays.find((s) => s.name === 'extra')?.problem).toMatch(/directory/);
      expect(report.strays.find((s) => s.name === 'notes.txt')?.problem).toMatch(/belongs to no recording/);
    } finally {
      fs.rmSync(strayFile);
      fs.rmSync(strayNote);
      fs.rmSync(strayDir, { recursive: true });
    }
  });

  it('reports a recording still in progress, and a recovered one, without calling it tampering', () => {
    const { record, writer } = vault.startRecording({ title: 'Live call', callType: 'discovery', policyHash: 'test-policy-hash' });
    writer.append(new Uint8Array(100));
    writer.append(new Uint8Array(100));
    vault.updateRecording(record.id, 1000, 'recording');
    let report = vault.verify();
    expect(report.ok).toBe(true);
    expect(verdictOf(report, record.id).notes.join(' ')).toMatch(/still being recorded/);

    vault.markRecovered(record.id, 1000, 2);
    report = vault.verify();
    expect(report.ok).toBe(true);
    expect(verdictOf(report, record.id).notes.join(' ')).toMatch(/recovered after a crash/);
    // Recovered with two chunks: cutting one of them is damage, not the crash.
    const undo = cutAt(record.id, 1);
    try {
      report = vault.verify();
      expect(report.ok).toBe(false);
      expect(verdictOf(report, record.id).problems.join(' ')).toMatch(/1 of 2 chunks/);
    } finally {
      undo();
      writer.close();
      vault.destroyRecording(record.id);
    }
  });

  it('prints the problems in words through `callvault vault verify`, exit code 4', async () => {
    const id = finishedRecording('CLI cut', 4);
    const undo = cutAt(id, 2);
    const file = finishedRecording('CLI missing', 1);
    const missing = vault.recordingFile(file);
    const keep = fs.readFileSync(missing);
    fs.rmSync(missing);
    try {
      const result = await runCliCapture(['vault', 'verify'], env());
      expect(result.code).toBe(4);
      expect(result.stdout).toMatch(/CLI cut.*cut short/s);
      expect(result.stdout).toMatch(/CLI missing.*its audio file is missing/);
      expect(result.stdout).not.toMatch(/ENOENT|no problems found/);
    } finally {
      undo();
      fs.writeFileSync(missing, keep);
    }
    const clean = await runCliCapture(['vault', 'verify'], env());
    expect(clean.stdout).toMatch(/no problems found/);
    expect(clean.code).toBe(0);
  });
});
