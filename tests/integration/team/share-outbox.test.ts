// The share outbox with a real team server that goes away and comes back on the same address:
// a share confirmed while the server is down is kept in the rep's vault (ciphertext only) and sent
// when it is back; a pending share revoked meanwhile never leaves; one the server refuses (its
// recipient was removed) is marked refused with the server's reason and not retried.
import { describe, expect, it } from 'vitest';
import type { AuditEntryView, InboxListView, OutboxEntryView, ReceivedClipView, TeamMembersView, TeamStatusView } from '../../../src/shared/contract';
import { CANARY, enrolledApp, recordingWithTranscript, teamsPerTest } from './team-fixture';

const teams = teamsPerTest();

describe('the share outbox', () => {
  it('keeps shares made offline and sends them when the server is back; a refused one stays refused', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const leaver = await enrolledApp(t, 'manager', 'alpha');
    const recordingId = await recordingWithTranscript(rep);
    const managerId = manager.status.member!.memberId;
    const leaverId = leaver.status.member!.memberId;
    // The rep's app saw the team while online (the directory and policy are kept in the vault).
    expect((await rep.call<TeamMembersView>('team.members', {})).members.filter((m) => m.allowed).map((m) => m.memberId).sort()).toEqual([managerId, leaverId].sort());
    // Then the admin removes one manager, and the server goes down.
    expect((await t.admin.del(`/v1/admin/members/${leaverId}`)).status).toBe(200);
    await t.stop();

    const share = (to: string) => rep.call<OutboxEntryView>('share.create', { recordingId, fromMs: 0, toMs: 16_000, recipients: [to], purpose: 'coaching', confirm: true });
    const toManager = await share(managerId);
    expect(toManager).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringMatching(/cannot be reached/) as unknown });
    const toLeaver = await share(leaverId);
    const withdrawn = await share(managerId);
    expect((await rep.call<OutboxEntryView>('share.revoke', { shareId: withdrawn.shareId })).state).toBe('revoked');
    expect(rep.session.requireVault().team.pendingBody(withdrawn.shareId)).toBeUndefined();
    expect((await rep.call<TeamStatusView>('team.status', {})).outbox).toEqual({ pending: 2, refused: 0 });
    // Still down: a retry fails the same way and keeps both.
    const retried = await rep.call<OutboxEntryView[]>('share.flush', {});
    expect(retried.find((e) => e.shareId === toManager.shareId)).toMatchObject({ state: 'pending', attempts: 2 });
    expect(await manager.call<InboxListView>('inbox.list', {})).toEqual({ online: false, clips: [] });

    await t.restart();
    const flushed = await rep.call<OutboxEntryView[]>('share.flush', {});
    expect(flushed.find((e) => e.shareId === toManager.shareId)).toMatchObject({ state: 'sent', lastError: null });
    expect(flushed.find((e) => e.shareId === toLeaver.shareId)).toMatchObject({ state: 'refused', lastError: expect.stringMatching(/not an active member/) as unknown });
    expect(flushed.find((e) => e.shareId === withdrawn.shareId)).toMatchObject({ state: 'revoked', sentAt: null });
    // Refused is final: another flush does not send it again.
    expect((await rep.call<OutboxEntryView[]>('share.flush', {})).find((e) => e.shareId === toLeaver.shareId)).toMatchObject({ state: 'refused', attempts: 2 });
    expect((await rep.call<TeamStatusView>('team.status', {})).outbox).toEqual({ pending: 0, refused: 1 });
    const trail = (await rep.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event.startsWith('share.')).map((e) => e.event);
    expect(trail).toEqual(['share.queued', 'share.queued', 'share.queued', 'share.revoked', 'share.sent', 'share.refused']);

    const inbox = await manager.call<InboxListView>('inbox.list', {});
    expect(inbox.clips.map((c) => c.shareId)).toEqual([toManager.shareId]);
    expect((await manager.call<ReceivedClipView>('inbox.open', { shareId: toManager.shareId })).text).toContain(CANARY);
  });
});
