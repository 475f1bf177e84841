// Performance use from the apps, with a real `callvault-server` process on loopback: a manager
// files a request for a received clip, HR and legal approve or deny it from their own vault
// (the decision signed with that vault's team key), the rep sees the request and the decision,
// and the clip opens as approved only after approval. Nobody but HR and legal can decide.
import { describe, expect, it } from 'vitest';
import type { AuditEntryView, OutboxEntryView, ReceivedClipView } from '../../../src/shared/contract';
import type { PerformanceRequestView } from '../../../src/shared/team/api';
import { decisionMessage } from '../../../src/shared/team/signing';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import { enrolledApp, recordingWithTranscript, teamsPerTest } from './team-fixture';
import type { z } from 'zod';

type RequestView = z.output<typeof PerformanceRequestView>;

const teams = teamsPerTest();

describe('performance-use approval between vaults', () => {
  it('HR approves one request and denies another, signed; the rep sees both; only HR decides; the clip opens as approved', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const hr = await enrolledApp(t, 'hr-and-legal', null);
    const managerId = manager.status.member!.memberId;
    const shareOf = async () => {
      const recordingId = await recordingWithTranscript(rep);
      return rep.call<OutboxEntryView>('share.create', { recordingId, fromMs: 0, toMs: 16_000, recipients: [managerId], purpose: 'coaching', confirm: true });
    };
    const first = await shareOf();
    const second = await shareOf();
    expect((await manager.call<ReceivedClipView>('inbox.open', { shareId: first.shareId })).banner).toBe('Coaching. Not for performance review.');

    const approveMe = await manager.call<RequestView>('inbox.requestPerformanceUse', { shareId: first.shareId, use: 'performance-review' });
    const denyMe = await manager.call<RequestView>('inbox.requestPerformanceUse', { shareId: second.shareId, use: 'performance-review' });
    expect(approveMe.status).toBe('pending');

    // Neither the rep, nor the manager who filed it, nor a manager deciding their own request may decide.
    for (const app of [rep, manager]) {
      expect(await app.dispatch('inbox.decidePerformanceRequest', { requestId: approveMe.requestId, decision: 'approved' })).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });
    }
    // HR sees both pending requests and decides them.
    const pending = await hr.call<RequestView[]>('team.performanceRequests', {});
    expect(pending.map((r) => [r.requestId, r.status]).sort()).toEqual(
      [
        [approveMe.requestId, 'pending'],
        [denyMe.requestId, 'pending'],
      ].sort(),
    );
    const approved = await hr.call<RequestView>('inbox.decidePerformanceRequest', { requestId: approveMe.requestId, decision: 'approved' });
    const denied = await hr.call<RequestView>('inbox.decidePerformanceRequest', { requestId: denyMe.requestId, decision: 'denied' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: hr.status.member!.memberId });
    expect(denied).toMatchObject({ status: 'denied', decidedBy: hr.status.member!.memberId });
    // The decision carries HR's signature, made with the key HR's vault enrolled.
    const crypto = await createTeamCrypto();
    const hrKey = hr.session.requireVault().team.identity()!;
    expect(crypto.verify(Buffer.from(approved.decisionSignature!, 'base64'), decisionMessage(approveMe.requestId, 'approved', hrKey.memberId), hrKey.signingPublic)).toBe(true);
    // Decided once: a second decision is refused.
    expect(await hr.dispatch('inbox.decidePerformanceRequest', { requestId: approveMe.requestId, decision: 'denied' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // The rep sees the requests about their clips and the decisions.
    const repView = await rep.call<RequestView[]>('team.performanceRequests', {});
    expect(Object.fromEntries(repView.map((r) => [r.shareId, r.status]))).toEqual({ [first.shareId]: 'approved', [second.shareId]: 'denied' });
    // The manager opens the approved clip as approved; the denied one stays coaching-only.
    expect((await manager.call<ReceivedClipView>('inbox.open', { shareId: first.shareId })).banner).toBe('Approved for performance review through a performance-use request.');
    expect((await manager.call<ReceivedClipView>('inbox.open', { shareId: second.shareId })).banner).toBe('Coaching. Not for performance review.');

    // The rep shares the approved clip's call with HR under the request; HR opens it as approved.
    const hrId = hr.status.member!.memberId;
    const toHr = (shareId: string, requestId: string | undefined) => ({
      recordingId: rep.session.requireVault().team.outboxEntry(shareId)!.recordingId,
      fromMs: 0,
      toMs: 16_000,
      recipients: [hrId],
      purpose: 'performance-review',
      confirm: true,
      ...(requestId === undefined ? {} : { performanceRequestId: requestId }),
    });
    expect(await rep.dispatch('share.create', toHr(first.shareId, undefined))).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });
    expect(await rep.dispatch('share.create', toHr(second.shareId, denyMe.requestId))).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED', message: expect.stringMatching(/denied/) as unknown } });
    // An approved request covers its own call only, not another recording.
    expect(await rep.dispatch('share.create', { ...toHr(second.shareId, undefined), performanceRequestId: approveMe.requestId })).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });
    const forHr = await rep.call<OutboxEntryView>('share.create', toHr(first.shareId, approveMe.requestId));
    expect(forHr).toMatchObject({ state: 'sent', purpose: 'performance-review' });
    const hrClip = await hr.call<ReceivedClipView>('inbox.open', { shareId: forHr.shareId });
    expect(hrClip.banner).toBe('Approved for performance review through a performance-use request.');
    // The manager is not a recipient of HR's copy.
    expect(await manager.dispatch('inbox.open', { shareId: forHr.shareId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // HR's vault audited both decisions.
    const decisions = (await hr.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event === 'performance.decided');
    expect(decisions).toHaveLength(2);
  });
});
