// A rep's exemption request through the team server (#15 section 3), end to end: a real
// callvault-server process (PGlite, loopback), the rep's app (real vault, movable clock) asks to
// keep two calls recorded on different days; enablement's app (another real vault) sees both,
// grants one (a signed team hold scoped to the rep and that day, issued through TeamHolds.issue)
// and declines the other with a reason. The rep's team.sync reads the decisions, verifies and
// obeys the hold: the sweep keeps the granted call long past its day, and the declined one
// expires as the policy says. The rep cannot grant its own request, and nobody decides one twice.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/src/db/pglite-db';
import { retentionFixture } from '../../helpers/retention-fixture';
import { enrolledApp, teamsPerTest } from '../team/team-fixture';

const teams = teamsPerTest();

describe('exemption requests through the team server', () => {
  it('enablement grants one request with a signed hold and declines another; the rep\'s sync keeps the granted call past its day and lets the declined one expire', async () => {
    const t = await teams.startTeam();
    const enablement = await enrolledApp(t, 'enablement', null);
    const rep = await retentionFixture(new Date().toISOString());
    teams.lockAfter(rep);
    const status = await rep.call('team.enrol', { serverUrl: t.server.base, code: await t.invite('rep', 'alpha') });
    const repId = status.member!.memberId;
    const kept = (await rep.addCall('discovery', 'a great objection handled')).recordingId;
    rep.clock.advanceDays(1);
    const declined = (await rep.addCall('discovery', 'nothing special')).recordingId;
    const vault = rep.vault();

    // 170 days on, both calls are due within 14 days (180 days for a discovery call).
    rep.clock.advanceDays(170);
    const before = await rep.call('retention.upcoming', { days: 14 });
    expect(new Set(before.map((e) => e.recordingId))).toEqual(new Set([kept, declined]));
    expect(before.every((e) => e.request === null)).toBe(true);

    const askKept = await rep.call('retention.requestExemption', { recordingId: kept, exemptionId: 'training-library' });
    const askDeclined = await rep.call('retention.requestExemption', { recordingId: declined, exemptionId: 'training-library' });
    const asked = await rep.call('retention.upcoming', { days: 14 });
    expect(asked.filter((e) => e.recordingId === kept).map((e) => e.request)).toContainEqual(expect.objectContaining({ requestId: askKept.id, state: 'pending', reason: null }));

    // Enablement sees both, with the day each call was recorded; the rep cannot grant its own.
    const pending = await enablement.call<{ requestId: string; memberId: string; recordingId: string; recordedOn: string }[]>('exemptions.pending', {});
    expect(pending.map((p) => p.requestId).sort()).toEqual([askKept.id, askDeclined.id].sort());
    expect(pending.find((p) => p.requestId === askKept.id)).toMatchObject({ memberId: repId, recordingId: kept, recordedOn: vault.retention.row(kept)!.startedAt.slice(0, 10) });
    expect((await rep.refusal('exemptions.decide', { requestId: askKept.id, decision: 'grant' })).code).toBe('POLICY_BLOCKED');
    expect((await rep.refusal('exemptions.decide', { requestId: askKept.id, decision: 'decline', reason: 'mine' })).code).toBeDefined();

    const granted = await enablement.call<{ state: string; holdId: string | null }>('exemptions.decide', { requestId: askKept.id, decision: 'grant' });
    expect(granted.state).toBe('granted');
    expect(granted.holdId).not.toBeNull();
    expect(await enablement.dispatch('exemptions.decide', { requestId: askKept.id, decision: 'decline', reason: 'changed my mind' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await enablement.dispatch('exemptions.decide', { requestId: askDeclined.id, decision: 'decline' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await enablement.call('exemptions.decide', { requestId: askDeclined.id, decision: 'decline', reason: 'Not a training example' });
    expect(await enablement.call('exemptions.pending', {})).toEqual([]);

    // The rep's sync reads both decisions and obeys the signed hold (the granted call's day only).
    expect(vault.retention.holdsOf(kept)).toEqual([]);
    const synced = await rep.call('team.sync', {});
    expect(synced.exemptionRequests).toEqual({ sent: 0, decided: 2 });
    expect(synced.holds).toMatchObject({ active: 1, refused: [], recordingsHeld: 1 });
    expect(vault.retention.holdsOf(kept).map((h) => h.id)).toEqual([`${granted.holdId}/${kept}`]);
    expect(vault.retention.holdsOf(declined)).toEqual([]);
    expect(vault.retention.exemptionRequests().map((r) => [r.id, r.state]).sort()).toEqual([[askKept.id, 'granted'], [askDeclined.id, 'declined']].sort());
    const after = await rep.call('retention.upcoming', { days: 14 });
    expect(after.some((e) => e.recordingId === kept)).toBe(false);
    expect(after.find((e) => e.recordingId === declined)?.request).toEqual({ requestId: askDeclined.id, exemptionId: 'training-library', state: 'declined', reason: 'Not a training example' });

    // Past both days: the sweep destroys the declined call and keeps the granted one whole.
    rep.clock.advanceDays(30);
    const swept = await rep.call('retention.run', { dryRun: false });
    expect(swept.recordingsRemoved).toEqual([declined]);
    expect(swept.destroyed.filter((d) => d.recordingId === kept)).toEqual([]);
    expect(vault.recordings.get(kept)).toBeDefined();
    expect(vault.transcripts.latest(kept)).toBeDefined();

    const events = vault.audit.entries().map((e) => e.event);
    expect(events.filter((e) => e === 'retention.exemption_request_sent')).toHaveLength(2);
    expect(events.filter((e) => e === 'retention.exemption_decided')).toHaveLength(2);
    expect(vault.audit.verify().ok).toBe(true);

    // The server holds ids and days only: no title, account or participant.
    await t.stop();
    const db = await openPglite(path.join(t.dataDir, 'pgdata'));
    try {
      const rows = await db.query('SELECT * FROM exemption_requests');
      expect(rows).toHaveLength(2);
      const text = JSON.stringify(rows).toLowerCase();
      for (const word of ['initech', 'dana', 'check-in', 'objection']) {
        expect(text).not.toContain(word);
      }
    } finally {
      await db.close();
    }
    await t.restart();
  }, 300_000);
});
