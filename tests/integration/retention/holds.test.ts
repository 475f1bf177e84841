// Holds (#15 section 3): a held call cannot be deleted by anyone, the rep's own delete included,
// and says why; a hold that does not verify is refused and reported; releasing it lets retention
// resume. Real vault, real SQLite, real libsodium, the shipped policy, one movable clock.
import { afterEach, describe, expect, it } from 'vitest';
import { signHold, type HoldGrant } from '../../../src/core/retention';
import { TRUSTED_HOLD_ISSUERS } from '../../../src/app/retention/retention-service';
import { retentionFixture } from '../../helpers/retention-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

async function fixture(): Promise<Fixture> {
  const f = await retentionFixture('2027-01-04T10:00:00.000Z');
  open.push(f);
  return f;
}

function grantFor(recordingId: string, extra: Partial<HoldGrant> = {}): HoldGrant {
  return { v: 1, action: 'issue', holdId: 'legal-hold-0001', recordingId, exemptionId: 'legal-hold', issuerKeyId: 'legal-1', issuerRole: 'hr-and-legal', issuedAt: '2027-01-05T09:00:00.000Z', ...extra };
}

describe('holds', () => {
  it('a verified legal hold blocks the rep\'s own delete and the sweep, says why, and releasing it lets retention resume', async () => {
    const f = await fixture();
    const { recordingId } = await f.addCall('discovery');
    const crypto = f.session.crypto;
    const issuer = crypto.newSigningKeyPair();
    f.vault().settings.write(TRUSTED_HOLD_ISSUERS, [{ keyId: 'legal-1', publicKey: Buffer.from(issuer.publicKey).toString('base64'), roles: ['hr-and-legal'] }]);

    const hold = await f.call('holds.acceptSigned', { signed: signHold(crypto, issuer.secretKey, grantFor(recordingId)) });
    expect(hold).toMatchObject({ id: 'legal-hold-0001', exemptionId: 'legal-hold', issuerKeyId: 'legal-1' });

    const refused = await f.refusal('recordings.destroy', { recordingId });
    expect(refused.code).toBe('POLICY_BLOCKED');
    expect(refused.message).toMatch(/held and cannot be deleted by anyone: held: Preserved for a legal matter/);
    expect(f.vault().recordings.get(recordingId)).toBeDefined();
    expect(f.vault().audit.entries().filter((e) => e.event === 'retention.delete_refused')).toHaveLength(1);

    // The database refuses too, should a code path skip the check.
    expect(() => { f.vault().destroyRecording(recordingId); }).toThrow(/held \(legal-hold\)/);

    // Two years on, nothing of the held call is destroyed.
    f.clock.advanceDays(730);
    expect((await f.call('retention.run', { dryRun: false })).destroyed).toEqual([]);
    expect(f.vault().transcripts.latest(recordingId)).toBeDefined();

    // Released by its issuer's signed release: retention resumes at the next sweep.
    await f.call('holds.acceptSigned', { signed: signHold(crypto, issuer.secretKey, grantFor(recordingId, { action: 'release', issuedAt: '2029-01-04T09:00:00.000Z' })) });
    const report = await f.call('retention.run', { dryRun: false });
    expect(report.destroyed.map((d) => d.artifact).sort()).toEqual(['notes', 'recording', 'summary', 'tags', 'transcript']);
    expect(report.recordingsRemoved).toEqual([recordingId]);
    expect(f.vault().audit.verify().ok).toBe(true);
  });

  it('refuses a forged hold, an unsigned hold and one from an untrusted issuer, and reports each in the audit log', async () => {
    const f = await fixture();
    const { recordingId } = await f.addCall('discovery');
    const crypto = f.session.crypto;
    const issuer = crypto.newSigningKeyPair();
    const forger = crypto.newSigningKeyPair();
    f.vault().settings.write(TRUSTED_HOLD_ISSUERS, [{ keyId: 'legal-1', publicKey: Buffer.from(issuer.publicKey).toString('base64'), roles: ['hr-and-legal'] }]);

    const forged = await f.refusal('holds.acceptSigned', { signed: signHold(crypto, forger.secretKey, grantFor(recordingId)) });
    expect(forged).toMatchObject({ code: 'POLICY_BLOCKED', message: expect.stringMatching(/signature does not verify/) as unknown });
    const unsigned = await f.refusal('holds.acceptSigned', { signed: { grant: grantFor(recordingId) } });
    expect(unsigned.message).toMatch(/not a signed hold/);
    const stranger = await f.refusal('holds.acceptSigned', { signed: signHold(crypto, forger.secretKey, grantFor(recordingId, { issuerKeyId: 'someone' })) });
    expect(stranger.message).toMatch(/does not trust/);

    expect(await f.call('holds.list', { recordingId })).toEqual([]);
    expect(f.vault().audit.entries().filter((e) => e.event === 'retention.hold_refused')).toHaveLength(3);
    // Not held: the rep may delete their own call.
    expect((await f.attempt('recordings.destroy', { recordingId })).ok).toBe(true);
  });

  it('a personal install issues only the holds its roles may grant, and its compliance hold blocks deletion until released', async () => {
    const f = await fixture();
    const { recordingId } = await f.addCall('discovery');
    const legal = await f.refusal('holds.issue', { recordingId, exemptionId: 'legal-hold' });
    expect(legal).toMatchObject({ code: 'POLICY_BLOCKED', message: expect.stringMatching(/only hr-and-legal/) as unknown });
    const hold = await f.call('holds.issue', { recordingId, exemptionId: 'compliance' });
    expect((await f.refusal('recordings.destroy', { recordingId })).message).toMatch(/compliance/);
    await f.call('holds.release', { holdId: hold.id });
    expect((await f.attempt('recordings.destroy', { recordingId })).ok).toBe(true);
  });

  it('the rep requests a training exemption and sees what expires in the next 14 days, with the reason', async () => {
    const f = await fixture();
    const { recordingId } = await f.addCall('discovery');
    expect(await f.call('retention.upcoming', { days: 14 })).toEqual([]);
    f.clock.advanceDays(170);
    const soon = await f.call('retention.upcoming', { days: 14 });
    // The summary and its action items go with the transcript, so they are listed with the reason.
    expect(soon.map((s) => s.artifact).sort()).toEqual(['action-items', 'clip', 'notes', 'recording', 'summary', 'tags', 'transcript']);
    expect(soon.find((s) => s.artifact === 'summary')).toMatchObject({ on: '2027-07-03', why: expect.stringMatching(/quotes the call's transcript and goes with it/) as unknown });
    expect(soon[0]).toMatchObject({ recordingId, on: '2027-07-03', rule: expect.stringMatching(/^retention\.default\./) as unknown, why: expect.stringMatching(/kept 180 days after the call/) as unknown });
    expect(await f.call('retention.requestExemption', { recordingId, exemptionId: 'training-library' })).toMatchObject({ state: 'open' });
    expect(f.vault().retention.exemptionRequests()).toMatchObject([{ recordingId, exemptionId: 'training-library', state: 'open' }]);
  });
});
