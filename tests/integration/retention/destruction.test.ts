// Destruction by retention (#15 sections 2, 3): each artifact goes on its day, by its rule,
// audited without content; audio's key is emptied and its file removed; transcripts, notes, tags
// and their search entries are deleted with secure_delete and the WAL truncated, so an attacker
// who knows the passphrase finds no canary in the vault folder after, nor in a copy of it taken
// before the destruction (nothing of them is plaintext inside the database: migration 017).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canariesReadableWithPassphrase } from '../../helpers/decrypted-vault-scan';
import { openRawVaultDb } from '../../helpers/raw-vault-db';
import { retentionFixture } from '../../helpers/retention-fixture';
import { tempDir } from '../../helpers/temp-dir';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

const CANARY = 'Zyxquorbant';
const KEPT = 'Plimsovette';

describe('retention destroys each artifact on its day', () => {
  it('a lost deal: audio and transcript 90 days after the loss, notes and tags on their own day; search, playback and the audit log follow', async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    open.push(f);
    const lost = await f.addCall('discovery', CANARY);
    const other = await f.addCall('discovery', KEPT);
    // Both calls have a summary draft (sealed, quoting the transcript); it rests on the transcript.
    await f.call('summary.draft', { recordingId: lost.recordingId, drafter: 'extractive' });
    await f.call('summary.draft', { recordingId: other.recordingId, drafter: 'extractive' });
    expect(f.vault().summaries.latest(lost.recordingId)).toBeDefined();
    await f.call('retention.setDealOutcome', { recordingId: lost.recordingId, outcome: 'lost', decidedOn: '2027-01-20' });
    expect((await f.call('search.calls', { query: CANARY })).hits.length).toBeGreaterThan(0);
    // A copy of the vault folder taken now, with the vault open (its WAL and SHM included), as a
    // backup tool would. Scanned after the destruction below (#15 section 2 step 4).
    const earlier = tempDir();
    fs.cpSync(f.vault().profile.vaultDir, earlier, { recursive: true });
    expect(fs.existsSync(path.join(earlier, 'vault.db-wal'))).toBe(true);
    // The earlier copy's sealed transcript and notes: they open with the vault's keys today (control).
    const raw = await openRawVaultDb(earlier, f.session.crypto);
    const oldTranscript = new Uint8Array(raw.prepare<[string], Buffer>('SELECT sealed FROM transcripts WHERE recording_id = ?').pluck().get(lost.recordingId) ?? Buffer.alloc(0));
    const oldNotes = new Uint8Array(raw.prepare<[string], Buffer>('SELECT sealed FROM call_notes WHERE call_id = ?').pluck().get(lost.callId) ?? Buffer.alloc(0));
    raw.close();
    expect(new TextDecoder().decode(f.vault().sealer.open(lost.recordingId, 'transcript', 'transcripts:v1', oldTranscript))).toContain(CANARY);
    expect(new TextDecoder().decode(f.vault().sealer.open(lost.callId, 'notes', 'call_notes', oldNotes))).toContain(CANARY);

    f.clock.advanceDays(105); // 2027-04-19: the day before 90 days after the loss
    expect((await f.call('retention.run', { dryRun: false })).destroyed).toEqual([]);
    f.clock.advanceDays(1); // 2027-04-20
    const dry = await f.call('retention.run', { dryRun: true });
    // The summary quotes the transcript and goes with it (not on its own 365-day line).
    expect(dry.destroyed.map((d) => d.artifact).sort()).toEqual(['recording', 'summary', 'transcript']);
    expect(f.vault().transcripts.latest(lost.recordingId)).toBeDefined(); // a dry run changes nothing
    const report = await f.call('retention.run', { dryRun: false });
    expect(report.destroyed).toEqual([
      { recordingId: lost.recordingId, artifact: 'recording', rule: 'retention.afterDealOutcome.lost.recording', dueOn: '2027-04-20' },
      { recordingId: lost.recordingId, artifact: 'transcript', rule: 'retention.afterDealOutcome.lost.transcript', dueOn: '2027-04-20' },
      { recordingId: lost.recordingId, artifact: 'summary', rule: 'retention.afterDealOutcome.lost.transcript', dueOn: '2027-04-20' },
    ]);
    expect(fs.existsSync(f.vault().recordingFile(lost.recordingId))).toBe(false);
    expect(f.vault().recordings.get(lost.recordingId)?.wrappedKey.length).toBe(0);
    expect((await f.refusal('recordings.audioWindow', { recordingId: lost.recordingId, fromMs: 0, toMs: 500 })).message).toMatch(/audio was destroyed when its retention period ended/);
    expect(f.vault().transcripts.latest(lost.recordingId)).toBeUndefined();
    // The transcript's key is gone from the vault's key store: the earlier copy's sealed row no longer opens with it.
    expect(() => f.vault().sealer.open(lost.recordingId, 'transcript', 'transcripts:v1', oldTranscript)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(new TextDecoder().decode(f.vault().sealer.open(lost.callId, 'notes', 'call_notes', oldNotes))).toContain(CANARY); // notes not due yet
    // A summary quotes the transcript version it was drafted from: it goes with the transcript.
    expect(f.vault().summaries.latest(lost.recordingId)).toBeUndefined();
    expect(f.vault().summaries.latest(other.recordingId)).toBeDefined();
    // The notes still name the canary until their own day; the transcript's words are gone from search.
    expect((await f.call('search.calls', { query: CANARY })).hits.every((h) => h.recordingId === lost.recordingId)).toBe(true);
    expect((await f.call('search.calls', { query: KEPT })).hits.length).toBeGreaterThan(0);
    expect(f.vault().verify().ok).toBe(true);

    f.clock.advanceDays(74); // 2027-07-03: 180 days after the call, for both calls' notes and tags and the other call's everything
    const second = await f.call('retention.run', { dryRun: false });
    expect(second.destroyed.filter((d) => d.recordingId === lost.recordingId).map((d) => d.artifact).sort()).toEqual(['notes', 'tags']);
    expect(second.destroyed.filter((d) => d.recordingId === other.recordingId).map((d) => d.artifact).sort()).toEqual(['notes', 'recording', 'summary', 'tags', 'transcript']);
    expect(f.vault().summaries.latest(other.recordingId)).toBeUndefined();
    // Each call's last content artifact went today, so its row goes today: not on the summary's 365th day.
    expect(second.recordingsRemoved.sort()).toEqual([lost.recordingId, other.recordingId].sort());
    expect(f.vault().retention.row(lost.recordingId)).toBeUndefined();
    expect(f.vault().retention.row(other.recordingId)).toBeUndefined();
    expect((await f.call('search.calls', { query: CANARY })).hits).toEqual([]);
    expect(await f.call('calls.notes', { callId: lost.callId })).toEqual({ body: '' });
    expect(() => f.vault().sealer.open(lost.callId, 'notes', 'call_notes', oldNotes)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));

    f.clock.advanceDays(185); // 2028-01-04: 365 days after the call, the summaries' own line: nothing is left for it
    expect((await f.call('retention.run', { dryRun: false })).destroyed).toEqual([]);

    const entries = f.vault().audit.entries().filter((e) => e.event === 'retention.destroyed');
    expect(entries).toHaveLength(10);
    for (const entry of entries) {
      expect(entry.detail).not.toMatch(new RegExp(`${CANARY}|${KEPT}|Notes`, 'u'));
      expect(Object.keys(JSON.parse(entry.detail) as object).sort()).toEqual(['artifact', 'dueOn', 'recordingId', 'rule']);
    }
    expect(f.vault().audit.verify().ok).toBe(true);

    // An attacker with the passphrase and the vault folder as it is now finds neither canary in
    // any decrypted page (free pages included), the WAL or the recordings folder.
    const vaultDir = f.vault().profile.vaultDir;
    f.session.lock();
    expect(await canariesReadableWithPassphrase(vaultDir, f.session.crypto, [CANARY, KEPT])).toEqual([]);

    // The copy taken before the destruction, its pages decrypted with the passphrase (WAL folded
    // in, free pages included): the transcript, notes, tags, summary and their search entries are
    // sealed under artifact keys and the index holds keyed hashes, so neither canary appears as
    // text, in lower case, UTF-16, hex or base64 (before migration 017 the index showed them).
    expect(await canariesReadableWithPassphrase(earlier, f.session.crypto, [CANARY, KEPT])).toEqual([]);
    // Control: the scan does read that copy. The call's account is call-level metadata, kept in
    // plaintext in the calls table (only its search copy is sealed), so it is found there.
    expect(await canariesReadableWithPassphrase(earlier, f.session.crypto, ['Initech'])).toContain('vault.db (decrypted) holds "Initech"');
    // What the copy still gives someone with the passphrase: its own wrapped artifact keys, which
    // the passphrase unwraps (docs/RETENTION.md). The sealed rows above stay readable that way;
    // only keys held outside the folder can close it (another branch's work).
    
  });

  it('a summary on a shorter line than its transcript goes on its own day, sealed rows and all; the transcript stays', async () => {
    const shipped = fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/policy/default-policy.yaml'), 'utf8');
    const shorter = shipped.replace('    summary: 365d\n', '    summary: 30d\n');
    expect(shorter).not.toBe(shipped);
    const policyFile = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(policyFile, shorter);
    const f = await retentionFixture('2027-01-04T10:00:00.000Z', { CALLVAULT_POLICY: policyFile });
    open.push(f);
    const { recordingId } = await f.addCall('discovery', CANARY);
    await f.call('summary.draft', { recordingId, drafter: 'extractive' });
    expect(f.vault().summaries.latest(recordingId)).toBeDefined();
    f.clock.advanceDays(29);
    expect((await f.call('retention.run', { dryRun: false })).destroyed).toEqual([]);
    f.clock.advanceDays(1);
    const report = await f.call('retention.run', { dryRun: false });
    expect(report.destroyed).toEqual([{ recordingId, artifact: 'summary', rule: 'retention.default.summary', dueOn: '2027-02-03' }]);
    expect(f.vault().summaries.latest(recordingId)).toBeUndefined();
    expect(await f.call('summary.get', { recordingId })).toMatchObject({ status: 'none', latest: null });
    expect(f.vault().transcripts.latest(recordingId)).toBeDefined();
    expect(report.recordingsRemoved).toEqual([]);
  });
});
