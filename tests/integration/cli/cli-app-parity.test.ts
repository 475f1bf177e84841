// One code path (issue #11 section 3): the CLI and the app's dispatcher, as the hosts carry it,
// review and export the SAME vault and must agree exactly: the same findings, the same stored
// review, the same refusal, the same bytes written, the same audit entries.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectImportFile, importWav } from '../../../src/app/recording/import-wav-to-vault';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import { encodeWav } from '../../../src/platform/audio/wav';
import { ProfileStore } from '../../../src/platform/vault/profile-store';
import type { AuditEntryView } from '../../../src/shared/contract';
import { failure, value, withApp } from '../../helpers/app-dispatch';
import { runCliCapture } from '../../helpers/cli-runner';
import { tempDir } from '../../helpers/temp-dir';
import { timedSegment } from '../../helpers/timed-segment';
import { createTestVault, PASSPHRASE } from '../../helpers/vault-fixture';

const RATE = 16_000;
const SEGMENTS: StoredSegment[] = [
  timedSegment('rep', 0, 4_000, 'Thanks for calling, how can I help with the renewal today?'),
  timedSegment('customer', 4_500, 12_000, 'Sure, put it on my card four one one one one one one one one one one one one one one one please.'),
  timedSegment('rep', 12_500, 16_000, 'Great, the price is forty two fifty a seat for 120 seats.'),
  timedSegment('customer', 16_500, 22_000, 'You can reach me at 212 555 0187 after five.'),
];

/** A home with one vault holding a 24 s two-channel recording and a machine transcript of it. */
async function sharedVault() {
  const { home, vault } = await createTestVault();
  const tone = (hz: number) => Int16Array.from({ length: RATE * 24 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / RATE)));
  const file = path.join(tempDir(), 'call.wav');
  fs.writeFileSync(file, encodeWav({ sampleRate: RATE, channels: [tone(300), tone(500)] }));
  const { recordingId } = importWav(vault, file, inspectImportFile(file), { title: 'Renewal', callType: 'customer-sales', policyHash: 'p', callId: randomUUID() });
  vault.transcripts.add({ recordingId, kind: 'machine', createdAt: '2026-11-28T00:00:00Z', createdBy: 'Test Rep', engine: 'hand-written', language: 'en', segments: SEGMENTS });
  vault.close();
  return { home, recordingId, env: { CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE } };
}

const auditOf = (home: string) => withApp(home, async (call) => value(await call('audit.entries', {})));
const last = (entries: readonly AuditEntryView[], event: string) => {
  const found = entries.filter((e) => e.event === event).at(-1);
  return found && { event: found.event, detail: JSON.parse(found.detail) as unknown };
};
const files = (dir: string) => Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name))]));

describe('the CLI and the app dispatcher on the same vault', () => {
  it('review: the same findings unsaved, the same stored review and audit entry when saved', async () => {
    const { home, recordingId, env } = await sharedVault();
    const before = await withApp(home, async (call) => value(await call('redaction.review', { recordingId })));
    expect(before.findings.length).toBeGreaterThanOrEqual(2);

    const cliRows = await runCliCapture(['review', recordingId, '--json'], env);
    expect(cliRows.code).toBe(0);
    expect(cliRows.stderr).toMatch(/Not reviewed yet/);
    const rows = cliRows.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(rows).toEqual(before.findings.map((f) => ({ id: f.id, type: f.type, start: f.start, end: f.end, rule: f.rule, origin: f.origin, text: before.text.slice(f.start, f.end), dismissed: f.dismissed })));

    // The same decisions, saved once by the CLI (reason on standard input) and once through the dispatcher.
    const dismiss = before.findings.at(-1);
    if (!dismiss) {
      throw new Error('no finding to dismiss');
    }
    const reason = 'the number is on the public website';
    const saved = await runCliCapture(['review', recordingId, '--dismiss', dismiss.id, '--reasons', '-', '--save', '--json'], env, `${reason}\n`);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toMatch(/Review saved/);
    const afterCli = await withApp(home, async (call) => value(await call('redaction.review', { recordingId })));
    const cliEntry = last(await auditOf(home), 'redaction.reviewed');

    const afterApp = await withApp(home, async (call) =>
      value(await call('redaction.saveReview', { recordingId, version: before.version, added: [], dismissed: [{ type: dismiss.type, start: dismiss.start, end: dismiss.end, reason }] })),
    );
    const appEntry = last(await auditOf(home), 'redaction.reviewed');

    expect(afterCli.findings.find((f) => f.id === dismiss.id)?.dismissed).toBe(reason);
    expect(afterApp.findings).toEqual(afterCli.findings);
    expect(afterApp.topics).toEqual(afterCli.topics);
    expect({ ...afterApp.saved, reviewedAt: 'x' }).toEqual({ ...afterCli.saved, reviewedAt: 'x' });
    expect(cliEntry).toBeDefined();
    expect(appEntry).toEqual(cliEntry);
    expect(saved.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual(
      afterApp.findings.map((f) => ({ id: f.id, type: f.type, start: f.start, end: f.end, rule: f.rule, origin: f.origin, text: afterApp.text.slice(f.start, f.end), dismissed: f.dismissed })),
    );
  });

  it('export: the same refusal before a review, and the same files, bytes and audit entry after one', async () => {
    const { home, recordingId, env } = await sharedVault();
    const purpose = 'renewal hand-over to the account team';
    const cliDir = path.join(tempDir(), 'cli-export');
    const appDir = path.join(tempDir(), 'app-export');
    const request = { recordingId, audio: true, clip: { fromMs: 0, toMs: 16_000 }, purpose };

    const cliRefused = await runCliCapture(['export', recordingId, '--out', cliDir, '--audio', '--clip', '0-16', '--purpose-file', '-'], env, `${purpose}\n`);
    const cliRefusal = last(await auditOf(home), 'export.refused');
    const appRefused = failure(await withApp(home, async (call) => call('export.toFolder', { ...request, folder: appDir })));
    const appRefusal = last(await auditOf(home), 'export.refused');
    expect(cliRefused.code).toBe(7);
    expect(appRefused.code).toBe('EXPORT_REFUSED');
    expect(cliRefused.stderr).toContain(`Nothing was exported. ${appRefused.message}`);
    expect(appRefusal).toEqual(cliRefusal);
    expect(fs.existsSync(cliDir) || fs.existsSync(appDir)).toBe(false);

    expect((await runCliCapture(['review', recordingId, '--save'], env)).code).toBe(0);
    const cliRun = await runCliCapture(['export', recordingId, '--out', cliDir, '--audio', '--clip', '0-16', '--purpose-file', '-'], env, `${purpose}\n`);
    expect(cliRun.code).toBe(0);
    const cliCreated = last(await auditOf(home), 'export.created');
    const appRun = await withApp(home, async (call) => value(await call('export.toFolder', { ...request, folder: appDir })));
    const appCreated = last(await auditOf(home), 'export.created');

    expect(cliRun.stdout.trim().split('\n').map((f) => path.basename(f))).toEqual(appRun.files.map((f) => path.basename(f)));
    expect(cliRun.stderr).toContain(`Exported transcript version ${appRun.version}: ${appRun.redactedFindings} finding(s) and ${appRun.redactedSegments} segment(s) redacted.`);
    const fromCli = files(cliDir);
    expect(Object.keys(fromCli)).toEqual(['audio.wav', 'manifest.json', 'transcript.txt']);
    expect(files(appDir)).toEqual(fromCli);
    expect(fromCli['transcript.txt']?.toString()).not.toMatch(/4111|212 555/);
    expect(cliCreated).toEqual({ event: 'export.created', detail: { recordingId, version: appRun.version, purpose, audio: true, formats: 'txt', redacted: appRun.redactedFindings, redactedSegments: appRun.redactedSegments } });
    expect(appCreated).toEqual(cliCreated);
  });

  it('refuses personal free text in argv, repeating none of it', async () => {
    const { recordingId, env } = await sharedVault();
    const reason = await runCliCapture(['review', recordingId, '--dismiss', 'PHONE:1-2', '--reason', 'Casey asked'], env);
    expect(reason.code).toBe(2);
    expect(reason.stderr).toMatch(/--reason is no longer accepted.*--reasons FILE/);
    const purpose = await runCliCapture(['export', recordingId, '--out', tempDir(), '--purpose', 'for Casey at Acme'], env);
    expect(purpose.code).toBe(2);
    expect(purpose.stderr).toMatch(/--purpose is no longer accepted.*--purpose-file FILE/);
    expect(`${reason.stderr}${purpose.stderr}`).not.toMatch(/Casey/);

    const home = tempDir();
    const named = await runCliCapture(['vault', 'init', '--name', 'Rita Rep'], { CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE });
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(/--name is no longer accepted.*--name-file FILE/);
    expect(named.stderr).not.toMatch(/Rita/);
    expect(new ProfileStore(home).list()).toEqual([]);
    const fromStdin = await runCliCapture(['vault', 'init', '--name-file', '-'], { CALLVAULT_HOME: home, CALLVAULT_PASSPHRASE: PASSPHRASE }, 'Rita Rep\n');
    expect(fromStdin.code).toBe(0);
    expect(new ProfileStore(home).list().map((p) => p.displayName)).toEqual(['Rita Rep']);
  });
});
