// Call metadata after destruction (#15): once every content artifact of a call is destroyed, by
// the retention sweep or by a customer's deletion request, the `calls` row and the consent
// records' names and emails are no longer readable anywhere in the decrypted database (free
// pages and WAL included), while the consent evidence stays and the audit chain verifies.
import { afterEach, describe, expect, it } from 'vitest';
import { canariesReadableWithPassphrase } from '../../helpers/decrypted-vault-scan';
import { retentionFixture } from '../../helpers/retention-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

const GONE = { name: 'Ottoline Brackenbury', email: 'ottoline.b@quillfeather.example' };
const KEPT = { name: 'Perpetua Vandersloot', email: 'perpetua@marrowmere.example' };
const GONE_CANARIES = ['Ottoline', 'Brackenbury', 'quillfeather', 'Quillfeather Ltd'];

type ConsentRecords = ReturnType<ReturnType<Fixture['vault']>['calls']['consents']>;

async function expectErased(f: Fixture, callId: string, before: ConsentRecords): Promise<void> {
  const vault = f.vault();
  const call = vault.calls.get(callId);
  expect(call?.erasedAt).not.toBeNull();
  expect(call?.account).toMatch(/^erased:[0-9a-f]{64}$/);
  expect(call?.meetingTitle).toMatch(/^erased:[0-9a-f]{64}$/);
  expect(call?.participants).toEqual([{ name: expect.stringMatching(/^erased:/) as unknown, email: expect.stringMatching(/^erased:/) as unknown, region: 'US-TX' }]);
  const after = vault.calls.consents(callId);
  // What proves consent was obtained is kept as it was; the personal fields are keyed digests.
  expect(after.map(({ participantName: _n, participantEmail: _e, note: _note, ...evidence }) => evidence)).toEqual(
    before.map(({ participantName: _n, participantEmail: _e, note: _note, ...evidence }) => evidence),
  );
  expect(after.length).toBeGreaterThan(0);
  for (const record of after) {
    expect(record.participantEmail).toMatch(/^erased:[0-9a-f]{64}$/);
    // The vault's holder can still check a record against an identifier put to them (any case), and only that one.
    expect(vault.erasedFieldMatches('participant-email', GONE.email.toUpperCase(), record.participantEmail)).toBe(true);
    expect(vault.erasedFieldMatches('participant-name', GONE.name, record.participantName)).toBe(true);
    expect(vault.erasedFieldMatches('participant-email', KEPT.email, record.participantEmail)).toBe(false);
    expect(vault.erasedFieldMatches('participant-name', GONE.email, record.participantEmail)).toBe(false);
  }
  const erasures = vault.audit.entries().filter((e) => e.event === 'call.erased');
  expect(erasures.map((e) => JSON.parse(e.detail) as unknown)).toEqual([{ callId, consentRecords: after.length }]);
  expect(vault.audit.entries().some((e) => /Ottoline|quillfeather|Brackenbury/iu.test(e.detail))).toBe(false);
  expect(vault.audit.verify().ok).toBe(true);
  // The library no longer lists the call (its row would show only digests).
  const library = await f.call('library.list', {});
  expect(JSON.stringify(library)).not.toContain(callId);
}

describe('call metadata after destruction', () => {
  it('after the retention sweep: no name or email of the destroyed call in the decrypted vault; the held call keeps its own (control)', { timeout: 120_000 }, async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    open.push(f);
    const gone = await f.addCall('discovery', 'pricing talk', GONE, 'Quillfeather Ltd');
    const kept = await f.addCall('discovery', 'pricing talk', KEPT, 'Marrowmere');
    await f.call('holds.issue', { recordingId: kept.recordingId, exemptionId: 'compliance' });
    const before = f.vault().calls.consents(gone.callId);
    expect(before.map((c) => c.participantEmail)).toEqual([GONE.email]);
    const vaultDir = f.vault().profile.vaultDir;
    // Control: the scanner reads this call's people in the vault as it is now.
    expect((await canariesReadableWithPassphrase(vaultDir, f.session.crypto, [GONE.email, KEPT.email])).length).toBe(2);

    f.clock.advanceDays(180);
    const report = await f.call('retention.run', { dryRun: false });
    expect(report.recordingsRemoved).toEqual([gone.recordingId]);
    await expectErased(f, gone.callId, before);
    expect(f.vault().calls.get(kept.callId)).toMatchObject({ erasedAt: null, account: 'Marrowmere', participants: [{ email: KEPT.email }] });
    // A later sweep finds nothing more to erase and changes nothing.
    await f.call('retention.run', { dryRun: false });
    expect(f.vault().audit.entries().filter((e) => e.event === 'call.erased')).toHaveLength(1);

    f.session.lock();
    expect(await canariesReadableWithPassphrase(vaultDir, f.session.crypto, [...GONE_CANARIES, GONE.email])).toEqual([]);
    expect(await canariesReadableWithPassphrase(vaultDir, f.session.crypto, [KEPT.email])).toHaveLength(1);
  });

  it('after a customer deletion request: the same, and the certificate still verifies', { timeout: 120_000 }, async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    open.push(f);
    const gone = await f.addCall('discovery', 'pricing talk', GONE, 'Quillfeather Ltd');
    const kept = await f.addCall('discovery', 'pricing talk', KEPT, 'Marrowmere');
    const before = f.vault().calls.consents(gone.callId);
    const done = await f.call('deletion.request', { identifiers: { emails: [GONE.email], names: [], phones: [], accounts: [] }, dryRun: false });
    expect(done.destroy.map((d) => d.recordingId)).toEqual([gone.recordingId]);
    expect(done.certificate).not.toBeNull();
    expect(await f.call('deletion.verifyCertificate', { signed: done.certificate })).toEqual({ ok: true, reason: null });
    await expectErased(f, gone.callId, before);
    expect(f.vault().calls.get(kept.callId)?.erasedAt).toBeNull();
    // Asked again, nothing about the customer is found: the erased call no longer names them.
    const again = await f.call('deletion.request', { identifiers: { emails: [GONE.email], names: [GONE.name], phones: [], accounts: ['Quillfeather Ltd'] }, dryRun: true });
    expect(again.found).toEqual([]);

    const vaultDir = f.vault().profile.vaultDir;
    f.session.lock();
    expect(await canariesReadableWithPassphrase(vaultDir, f.session.crypto, [...GONE_CANARIES, GONE.email])).toEqual([]);
    expect(await canariesReadableWithPassphrase(vaultDir, f.session.crypto, [KEPT.email])).toHaveLength(1);
  });

  it('a vault whose calls lost their recordings to retention before this change has them erased at the next sweep', { timeout: 120_000 }, async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    open.push(f);
    const gone = await f.addCall('discovery', 'pricing talk', GONE, 'Quillfeather Ltd');
    const before = f.vault().calls.consents(gone.callId);
    f.clock.advanceDays(180);
    // As an older build did it: every artifact destroyed and the row removed, the call left readable.
    const vault = f.vault();
    const items = (['recording', 'transcript', 'summary', 'notes', 'tags'] as const).map((artifact) => ({ recordingId: gone.recordingId, artifact, rule: 'retention.default.recording', dueOn: '2027-07-03' }));
    const erase = vault.eraseCall.bind(vault);
    vault.eraseCall = () => false;
    vault.destroyArtifacts(items);
    vault.eraseCall = erase;
    expect(vault.calls.get(gone.callId)).toMatchObject({ erasedAt: null, participants: [{ email: GONE.email }] });
    await f.call('retention.run', { dryRun: false });
    await expectErased(f, gone.callId, before);
  });
});
