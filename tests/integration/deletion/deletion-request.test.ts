// A customer deletion request end to end, with a real callvault-server on loopback (PGlite) and
// two real app vaults: the customer is named only in a transcript's spoken email and in a clip
// shared from that call; the request finds both, revokes the clip on the server (gone from the
// manager's inbox and vault), destroys the call, keeps a held call naming the hold, and signs a
// certificate (the team device key) that verifies, and fails once altered. Audit entries name
// ids and counts only.
import { describe, expect, it } from 'vitest';
import { verifyCertificate, type SignedCertificate } from '../../../src/core/deletion/deletion-certificate';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import type { AuditEntryView, DeletionReportView, HoldView, InboxListView, OutboxEntryView, RedactionReviewView, ReceivedClipView } from '../../../src/shared/contract';
import { timedSegment } from '../../helpers/timed-segment';
import { enrolledApp, teamsPerTest, type App } from '../team/team-fixture';
import { seedRecording } from './seed-recording';

const teams = teamsPerTest();

const SPOKEN = [
  timedSegment('rep', 0, 4_000, 'Thanks for calling about the Quokkaline renewal today.'),
  timedSegment('customer', 4_500, 12_000, 'Sure, send the order form to jane dot doe at acme dot com please.'),
  timedSegment('rep', 12_500, 16_000, 'Great, I will send it after this call.'),
];
const UNRELATED = [timedSegment('customer', 0, 4_000, 'Please write to john dot roe at acme dot com instead.')];

async function recording(app: App, segments: StoredSegment[], participants: { name: string; email: string }[] = []): Promise<string> {
  const recordingId = seedRecording(app, segments, participants, 18);
  await app.call<RedactionReviewView>('redaction.review', { recordingId });
  await app.call('redaction.saveReview', { recordingId, version: 1, added: [], dismissed: [] });
  return recordingId;
}

describe('a customer deletion request', () => {
  it('finds a customer named only in a spoken email and a shared clip, revokes the clip on the server, keeps the held call, and certifies it', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const spoken = await recording(rep, SPOKEN);
    const unrelated = await recording(rep, UNRELATED);
    const held = await recording(rep, SPOKEN.slice(0, 1), [{ name: 'J. Doe', email: 'jane.doe@ACME.com' }]);
    rep.session.requireVault().calls.saveNotes(rep.session.requireVault().recordings.get(held)!.callId!, 'Follow up with JANE DOE about pricing.', '2026-11-28T00:00:00Z');
    const hold = await rep.call<HoldView>('holds.issue', { recordingId: held, exemptionId: 'compliance' });

    const shared = await rep.call<OutboxEntryView>('share.create', { recordingId: spoken, fromMs: 0, toMs: 16_000, recipients: [manager.status.member!.memberId], purpose: 'coaching', confirm: true });
    expect(shared.state).toBe('sent');
    await manager.call<ReceivedClipView>('inbox.open', { shareId: shared.shareId });
    expect((await manager.call<InboxListView>('inbox.list', {})).clips.map((c) => c.shareId)).toEqual([shared.shareId]);

    const identifiers = { emails: ['Jane.Doe@acme.com'], names: ['Jane Doe'] };
    const dry = await rep.call<DeletionReportView>('deletion.request', { identifiers, dryRun: true });
    expect(dry.found.map((f) => f.recordingId).sort()).toEqual([spoken, held].sort());
    expect(dry.found.find((f) => f.recordingId === spoken)?.where).toEqual([{ where: 'transcript', detail: 'v1', identifiers: ['email #1'] }]);
    expect(dry.destroy).toEqual([{ recordingId: spoken, artifacts: ['recording', 'transcript', 'summary', 'notes', 'tags'], whole: true }]);
    expect(dry.revoke).toEqual([shared.shareId]);
    expect(dry.certificate).toBeNull();
    // The dry run changed nothing.
    expect(rep.session.requireVault().recordings.get(spoken)).toBeDefined();
    expect((await manager.call<InboxListView>('inbox.list', {})).clips).toHaveLength(1);

    const done = await rep.call<DeletionReportView>('deletion.request', { identifiers, dryRun: false });
    const signed = done.certificate as SignedCertificate;
    const c = signed.certificate;
    expect(c.found.map((f) => f.recordingId).sort()).toEqual([spoken, held].sort());
    expect(c.destroyed).toEqual([expect.objectContaining({ recordingId: spoken, whole: true })]);
    expect(c.clips).toEqual([expect.objectContaining({ shareId: shared.shareId, recordingId: spoken, outcome: 'revoked-on-server' })]);
    expect(c.kept).toEqual([{ recordingId: held, holds: [{ id: hold.id, exemptionId: 'compliance' }], clips: [] }]);
    expect(c.signer).toMatchObject({ kind: 'team-device', keyId: rep.status.member!.memberId });
    expect(c.performedBy.memberId).toBe(rep.status.member!.memberId);
    expect(JSON.stringify(signed)).not.toMatch(/jane|acme|Quokkaline/iu);

    // Verifies with the device's team key (the one the server knows), and not once altered.
    const vault = rep.session.requireVault();
    const teamKey = Buffer.from(vault.team.identity()!.signingPublic).toString('base64');
    expect(verifyCertificate(rep.session.crypto, signed, teamKey)).toMatchObject({ ok: true });
    expect(await rep.call('deletion.verifyCertificate', { signed, publicKey: teamKey })).toEqual({ ok: true, reason: null });
    const tampered = structuredClone(signed);
    tampered.certificate.kept = [];
    expect(await rep.call('deletion.verifyCertificate', { signed: tampered })).toMatchObject({ ok: false });

    // The PDF prints the same facts.
    const pdf = Buffer.from(done.pdf!).toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    for (const needle of [spoken, held, shared.shareId, 'compliance hold', hold.id]) {
      expect(pdf).toContain(needle);
    }

    // Destroyed here, kept there; the unrelated call untouched.
    expect(vault.recordings.get(spoken)).toBeUndefined();
    expect(vault.transcripts.versions(spoken)).toEqual([]);
    expect(vault.recordings.get(held)).toBeDefined();
    expect(vault.calls.notes(vault.recordings.get(held)!.callId!)).toContain('JANE DOE');
    expect(vault.recordings.get(unrelated)).toBeDefined();
    expect(vault.team.outboxEntry(shared.shareId)?.state).toBe('revoked');

    // Gone from the server and from the manager's app.
    const refused = await manager.dispatch('inbox.open', { shareId: shared.shareId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await manager.call<InboxListView>('inbox.list', {})).clips).toEqual([]);
    expect(manager.session.requireVault().team.clip(shared.shareId)).toBeUndefined();

    // A second request finds only the held call.
    const again = await rep.call<DeletionReportView>('deletion.request', { identifiers, dryRun: true });
    expect(again.found.map((f) => f.recordingId)).toEqual([held]);

    const trail = (await rep.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event.startsWith('deletion.') || e.event === 'share.revoked' || e.event === 'retention.destroyed');
    expect(trail.map((e) => e.event)).toEqual(expect.arrayContaining(['deletion.request_started', 'share.revoked', 'retention.destroyed', 'deletion.request_completed', 'deletion.certificate_signed']));
    expect(JSON.stringify(trail)).not.toMatch(/jane|acme|Quokkaline|pricing/iu);
  });
});
