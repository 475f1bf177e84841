// The automatic revocation queue (#15 section 4): a deletion request made while the team server is
// down cannot revoke the call's shared clip; the revocation is queued in the vault, retried at each
// outbox sync, and once the server (a real callvault-server process on loopback, PGlite) is back the
// clip is gone from the server and from the manager's app, and a signed follow-up note to the
// certificate records when. Audit entries name ids and counts only.
import { describe, expect, it } from 'vitest';
import { verifyCertificate, type SignedCertificate } from '../../../src/core/deletion/deletion-certificate';
import { verifyRevocationNote, type SignedRevocationNote } from '../../../src/core/deletion/revocation-note';
import type { DeletionReportView, InboxListView, OutboxEntryView, QueuedRevocationView } from '../../../src/shared/contract';
import { CANARY, enrolledApp, recordingWithTranscript, teamsPerTest } from '../team/team-fixture';

const teams = teamsPerTest();

describe('a clip revocation that fails offline', () => {
  it('is queued, retried at each sync, and goes through when the server is back: clip gone from the server and the manager\'s inbox, with a signed follow-up note', { timeout: 240_000 }, async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const recordingId = await recordingWithTranscript(rep);
    const shared = await rep.call<OutboxEntryView>('share.create', { recordingId, fromMs: 0, toMs: 16_000, recipients: [manager.status.member!.memberId], purpose: 'coaching', confirm: true });
    expect(shared.state).toBe('sent');
    expect((await manager.call<InboxListView>('inbox.list', {})).clips.map((c) => c.shareId)).toEqual([shared.shareId]);

    // The server goes away; the customer asks for deletion.
    await t.stop();
    const identifiers = { names: [CANARY] };
    const done = await rep.call<DeletionReportView>('deletion.request', { identifiers, dryRun: false });
    const signed = done.certificate as SignedCertificate;
    expect(signed.certificate.clips).toEqual([expect.objectContaining({ shareId: shared.shareId, recordingId, outcome: 'revocation-queued' })]);
    const vault = rep.session.requireVault();
    expect(vault.recordings.get(recordingId)).toBeUndefined(); // the local call went anyway
    expect(vault.team.outboxEntry(shared.shareId)?.state).toBe('sent');
    let queue = await rep.call<QueuedRevocationView[]>('deletion.revocations', {});
    expect(queue).toEqual([expect.objectContaining({ shareId: shared.shareId, recordingId, requestId: signed.certificate.requestId, attempts: 0, doneAt: null, outcome: null, note: null })]);

    // A sync while the server is still down: tried again, still queued, with the reason.
    await rep.call('share.flush', {});
    queue = await rep.call<QueuedRevocationView[]>('deletion.revocations', {});
    expect(queue).toEqual([expect.objectContaining({ shareId: shared.shareId, attempts: 1, doneAt: null, lastError: expect.any(String) as unknown })]);

    // The server is back: the next sync revokes it.
    await t.restart();
    await rep.call('share.flush', {});
    queue = await rep.call<QueuedRevocationView[]>('deletion.revocations', {});
    expect(queue).toEqual([expect.objectContaining({ shareId: shared.shareId, attempts: 1, doneAt: expect.any(String) as unknown, outcome: 'revoked-on-server', lastError: null })]);
    expect(vault.team.outboxEntry(shared.shareId)?.state).toBe('revoked');

    // Gone from the server and from the manager's app.
    expect(await manager.dispatch('inbox.open', { shareId: shared.shareId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await manager.call<InboxListView>('inbox.list', {})).clips).toEqual([]);
    expect(manager.session.requireVault().team.clip(shared.shareId)).toBeUndefined();

    // The follow-up note is signed by the same key as the certificate and names it; altered, it fails.
    const note = queue[0]?.note as SignedRevocationNote;
    const teamKey = Buffer.from(vault.team.identity()!.signingPublic).toString('base64');
    expect(verifyCertificate(rep.session.crypto, signed, teamKey)).toMatchObject({ ok: true });
    expect(verifyRevocationNote(rep.session.crypto, note, teamKey)).toMatchObject({ ok: true, note: { requestId: signed.certificate.requestId, shareId: shared.shareId, certificateOutcome: 'revocation-queued', outcome: 'revoked-on-server', attempts: 2 } });
    expect(verifyRevocationNote(rep.session.crypto, { ...note, note: { ...note.note, outcome: 'withdrawn-from-outbox' } }, teamKey)).toMatchObject({ ok: false });
    expect(verifyRevocationNote(rep.session.crypto, note, signed.certificate.signer.publicKey.replace(/^./u, (c) => (c === 'A' ? 'B' : 'A')))).toMatchObject({ ok: false });
    expect(verifyRevocationNote(rep.session.crypto, { note: note.note })).toMatchObject({ ok: false });

    // Another sync changes nothing; the audit trail has ids and counts only and verifies.
    await rep.call('share.flush', {});
    const entries = vault.audit.entries();
    expect(entries.filter((e) => e.event === 'deletion.revocation_completed')).toHaveLength(1);
    expect(entries.filter((e) => e.event === 'deletion.revocation_queued')).toHaveLength(1);
    expect(JSON.stringify(entries.filter((e) => e.event.startsWith('deletion.')))).not.toMatch(new RegExp(CANARY, 'iu'));
    expect(vault.audit.verify().ok).toBe(true);
  });
});
