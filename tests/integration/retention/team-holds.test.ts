// Holds issued on the team server (#15 section 3), end to end: a real callvault-server process
// (PGlite, loopback), HR and legal's app issues a signed legal hold scoped to a rep and an
// account, the rep's app (real vault, movable clock) fetches it at sync, verifies it and obeys it:
// the sweep keeps the call and the rep's own delete is refused; the release lets the sweep destroy
// it. Holds the server cannot have issued (forged, unsigned, claiming a role the issuer lacks, or
// a role the policy does not entitle) are put straight into its database: the app refuses each,
// audits it and lists it with the reason, and retention goes on as if they did not exist.
import path from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/src/db/pglite-db';
import { accountDigest } from '../../../src/app/retention/team-holds';
import { canonicalJson } from '../../../src/core/policy/canonical-json';
import { teamHoldSigningText } from '../../../src/core/retention/team-hold';
import type { TeamHoldGrant } from '../../../src/shared/team/retention-api';
import { retentionFixture, shortWav } from '../../helpers/retention-fixture';
import { errorCode, Member } from '../../server/helpers/team-client';
import { teamHoldGrant, teamHoldGrantText } from '../../server/helpers/team-hold-grant';
import { enrolledApp, teamsPerTest, type TeamSetup } from '../team/team-fixture';

const teams = teamsPerTest();

async function repApp(t: TeamSetup) {
  const f = await retentionFixture(new Date().toISOString());
  teams.lockAfter(f);
  const status = await f.call('team.enrol', { serverUrl: t.server.base, code: await t.invite('rep', 'alpha') });
  const addGlobexCall = async (): Promise<string> => {
    const imported = await f.call('recordings.import', {
      file: shortWav(),
      call: { callType: 'discovery', account: 'Globex', meetingTitle: 'Intro', participants: [{ name: 'Pat Prospect', email: 'pat@globex.example', region: 'US-TX' }] },
      consent: { method: 'verbal', consentDate: f.clock.day(), attestedBy: 'Rita Rep' },
    });
    if (!imported.imported) {
      throw new Error('not imported');
    }
    return imported.recordingId;
  };
  return { ...f, memberId: status.member!.memberId, addGlobexCall };
}

describe('holds issued on the team server', () => {
  it('HR and legal issue a signed legal hold; the rep\'s app obeys it at sync (sweep keeps the call, own delete refused); the release lets the sweep destroy it', async () => {
    const t = await teams.startTeam();
    const legal = await enrolledApp(t, 'hr-and-legal', null);
    const rep = await repApp(t);
    const held = (await rep.addCall('discovery', 'Initech renewal')).recordingId;
    // A call with another account: the hold (scoped to Initech) does not cover it.
    const other = await rep.addGlobexCall();
    const vault = rep.vault();

    // A rep cannot issue one (policy: only HR and legal grant a legal hold).
    expect(await rep.attempt('holds.issueTeam', { exemptionId: 'legal-hold', members: [rep.memberId] })).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });

    const issued = await legal.call<{ holdId: string; releasedAt: string | null }>('holds.issueTeam', { exemptionId: 'legal-hold', members: [rep.memberId], accounts: ['  INITECH '] });
    expect(issued.releasedAt).toBeNull();
    // The server holds the account only as a digest.
    await t.stop();
    const db = await openPglite(path.join(t.dataDir, 'pgdata'));
    try {
      const rows = await db.query<{ grant_text: string }>('SELECT grant_text FROM team_holds');
      expect(rows).toHaveLength(1);
      expect(rows[0]!.grant_text.toLowerCase()).not.toContain('initech');
      expect(rows[0]!.grant_text).toContain(accountDigest(issued.holdId, 'Initech'));
    } finally {
      await db.close();
    }
    await t.restart();

    // Before the sync nothing is held.
    expect(vault.retention.holdsOf(held)).toEqual([]);
    const synced = await rep.call('team.sync', {});
    expect(synced.holds).toMatchObject({ active: 1, released: 0, refused: [], recordingsHeld: 1 });
    const [view] = await rep.call('holds.team', {});
    expect(view).toMatchObject({ holdId: issued.holdId, state: 'active', exemptionId: 'legal-hold', issuerRole: 'hr-and-legal', accounts: 1, recordingsHeld: 1, reason: null });
    expect(vault.retention.holdsOf(held).map((h) => h.id)).toEqual([`${issued.holdId}/${held}`]);

    // The rep's own delete is refused, and says why.
    const refused = await rep.refusal('recordings.destroy', { recordingId: held });
    expect(refused.code).toBe('POLICY_BLOCKED');
    expect(refused.message).toMatch(/held/);

    // A call recorded after the sync, within the scope, is held too (applied before the sweep).
    const later = (await rep.addCall('discovery', 'Initech later')).recordingId;
    // 400 days on (past every period): the held calls are kept whole; the Globex call goes.
    rep.clock.advanceDays(400);
    const kept = await rep.call('retention.run', { dryRun: false });
    expect(kept.destroyed.filter((d) => [held, later].includes(d.recordingId))).toEqual([]);
    expect(kept.recordingsRemoved).toEqual([other]);
    expect(vault.transcripts.latest(held)).toBeDefined();
    expect(vault.retention.holdsOf(later)).toHaveLength(1);

    // A second sync changes nothing (no double holds, no second audit entry).
    await rep.call('team.sync', {});
    expect(vault.retention.holdsOf(held)).toHaveLength(1);

    // Released by HR and legal: at the rep's next sync retention resumes, and the sweep destroys the calls.
    const released = await legal.call<{ releasedAt: string | null }>('holds.releaseTeam', { holdId: issued.holdId });
    expect(released.releasedAt).not.toBeNull();
    const after = await rep.call('team.sync', {});
    expect(after.holds).toMatchObject({ active: 0, released: 1, recordingsReleased: 2 });
    expect(vault.retention.holdsOf(held)).toEqual([]);
    const swept = await rep.call('retention.run', { dryRun: false });
    expect(swept.recordingsRemoved.sort()).toEqual([held, later].sort());
    expect(vault.recordings.get(held)).toBeUndefined();

    const events = vault.audit.entries().map((e) => e.event);
    expect(events.filter((e) => e === 'retention.hold_issued')).toHaveLength(2);
    expect(events.filter((e) => e === 'retention.hold_released')).toHaveLength(2);
    expect(vault.audit.verify().ok).toBe(true);
  }, 300_000);

  it('the server refuses a hold from a rep, from a role the exemption does not list, or with a bad signature', async () => {
    const t = await teams.startTeam();
    const rep = await new Member(t.server.base).enroll(await t.invite('rep', 'alpha'));
    const enablement = await new Member(t.server.base).enroll(await t.invite('enablement', null));
    const legal = await new Member(t.server.base).enroll(await t.invite('hr-and-legal', null));
    for (const m of [rep, enablement, legal]) {
      await m.signIn();
    }
    const grantBy = (issuer: Member, exemptionId: string): string => teamHoldGrantText(issuer, exemptionId, [rep.id]);
    const post = (m: Member, text: string, signature = m.sign(teamHoldSigningText(text))) => m.post('/v1/holds', { text, signature });

    expect(errorCode(await post(rep, grantBy(rep, 'legal-hold')))).toBe('FORBIDDEN');
    expect(errorCode(await post(enablement, grantBy(enablement, 'legal-hold')))).toBe('FORBIDDEN');
    const text = grantBy(legal, 'legal-hold');
    expect(errorCode(await post(legal, text, rep.sign(teamHoldSigningText(text))))).toBe('INTEGRITY');
    // Naming someone else as the issuer.
    expect(errorCode(await post(legal, grantBy(enablement, 'legal-hold').replace(enablement.id, legal.id)))).toBe('FORBIDDEN');
    // Not canonical.
    expect(errorCode(await post(legal, ` ${text}`))).toBe('BAD_REQUEST');
    // Enablement may issue a training exemption; the legal member's proper legal hold goes through.
    expect((await post(enablement, grantBy(enablement, 'training-library'))).status).toBe(200);
    expect((await post(legal, text)).status).toBe(200);
    expect(errorCode(await post(legal, text))).toBe('CONFLICT');
  }, 300_000);

  it('refuses, audits and lists a forged, an unsigned, a wrong-role and an unentitled hold put on the server; the sweep ignores them', async () => {
    const t = await teams.startTeam();
    const legal = await enrolledApp(t, 'hr-and-legal', null);
    const enablement = await new Member(t.server.base).enroll(await t.invite('enablement', null));
    const rogue = await new Member(t.server.base).enroll(await t.invite('rep', 'alpha'));
    const rep = await repApp(t);
    const recordingId = (await rep.addCall('discovery', 'Initech renewal')).recordingId;
    // The rep's app first sees every member (and pins their keys) before anything is tampered with.
    await rep.call('team.sync', {});
    const legalId = legal.status.member!.memberId;
    const legalFpr = legal.status.member!.signingKeyFingerprint;

    await sodium.ready;
    const attacker = sodium.crypto_sign_keypair();
    const grant = (issuerId: string, issuerRole: TeamHoldGrant['issuerRole'], signingFpr: string, exemptionId: string): TeamHoldGrant =>
      teamHoldGrant({ id: issuerId, role: issuerRole, signingFpr }, exemptionId, [rep.memberId]);
    const forged = grant(legalId, 'hr-and-legal', legalFpr, 'legal-hold');
    const unsigned = grant(legalId, 'hr-and-legal', legalFpr, 'legal-hold');
    const wrongRole = grant(rogue.id, 'hr-and-legal', rogue.view!.signingKeyFingerprint, 'legal-hold');
    const unentitled = grant(enablement.id, 'enablement', enablement.view!.signingKeyFingerprint, 'legal-hold');
    const rows: [TeamHoldGrant, Uint8Array][] = [
      [forged, sodium.crypto_sign_detached(teamHoldSigningText(canonicalJson(forged)), attacker.privateKey)],
      [unsigned, new Uint8Array(0)],
      [wrongRole, sodium.crypto_sign_detached(teamHoldSigningText(canonicalJson(wrongRole)), rogue.signing.privateKey)],
      [unentitled, sodium.crypto_sign_detached(teamHoldSigningText(canonicalJson(unentitled)), enablement.signing.privateKey)],
    ];
    await t.stop();
    const db = await openPglite(path.join(t.dataDir, 'pgdata'));
    try {
      for (const [g, signature] of rows) {
        await db.query('INSERT INTO team_holds (hold_id, issuer_id, exemption_id, grant_text, grant_signature, created_at) VALUES ($1, $2, $3, $4, $5, now())', [
          g.holdId,
          g.issuerId,
          g.exemptionId,
          canonicalJson(g),
          signature,
        ]);
        await db.query('INSERT INTO team_hold_members (hold_id, member_id) VALUES ($1, $2)', [g.holdId, rep.memberId]);
      }
    } finally {
      await db.close();
    }
    await t.restart();

    const synced = await rep.call('team.sync', {});
    const reasons = new Map(synced.holds.refused.map((r) => [r.holdId, r.reason]));
    expect(synced.holds).toMatchObject({ active: 0, recordingsHeld: 0 });
    expect(reasons.get(forged.holdId)).toMatch(/signature does not verify/);
    expect(reasons.get(unsigned.holdId)).toMatch(/signature does not verify/);
    expect(reasons.get(wrongRole.holdId)).toMatch(/claims the role "hr-and-legal" but the team lists "rep"/);
    expect(reasons.get(unentitled.holdId)).toMatch(/only hr-and-legal/);
    const listed = await rep.call('holds.team', {});
    expect(listed.map((h) => h.state)).toEqual(['refused', 'refused', 'refused', 'refused']);
    expect(listed.every((h) => h.reason !== null)).toBe(true);
    const vault = rep.vault();
    expect(vault.audit.entries().filter((e) => e.event === 'retention.hold_refused')).toHaveLength(4);
    expect(vault.retention.holdsOf(recordingId)).toEqual([]);

    // A second sync reports them again but does not audit them twice.
    await rep.call('team.sync', {});
    expect(vault.audit.entries().filter((e) => e.event === 'retention.hold_refused')).toHaveLength(4);

    // Retention goes on as if they did not exist.
    rep.clock.advanceDays(400);
    const swept = await rep.call('retention.run', { dryRun: false });
    expect(swept.recordingsRemoved).toEqual([recordingId]);
  }, 300_000);
  it('checks the issuer against the signed roster, not the server\'s members table: a role forged in the database lets the server take the hold, and the app refuses and reports it', async () => {
    const t = await teams.startTeam();
    const rogue = await new Member(t.server.base).enroll(await t.invite('rep', 'alpha'));
    const rep = await repApp(t);
    const recordingId = (await rep.addCall('discovery', 'Initech renewal')).recordingId;
    // The rep's app accepts the signed roster (rogue listed as a rep) and pins every key first.
    await rep.call('team.sync', {});

    // Someone with the database's keys makes the rogue rep "hr-and-legal" without the admin key.
    await t.stop();
    const db = await openPglite(path.join(t.dataDir, 'pgdata'));
    try {
      await db.query("UPDATE members SET role = 'hr-and-legal' WHERE member_id = $1", [rogue.id]);
    } finally {
      await db.close();
    }
    await t.restart();
    await rogue.signIn();
    const grant = teamHoldGrant({ id: rogue.id, role: 'hr-and-legal', signingFpr: rogue.view!.signingKeyFingerprint }, 'legal-hold', [rep.memberId]);
    const text = canonicalJson(grant);
    // The server goes by its table, so it stores the hold: only the app's check stands in the way.
    expect((await rogue.post('/v1/holds', { text, signature: rogue.sign(teamHoldSigningText(text)) })).status).toBe(200);

    const synced = await rep.call('team.sync', {});
    expect(synced.holds).toMatchObject({ active: 0, recordingsHeld: 0 });
    expect(synced.holds.refused).toEqual([{ holdId: grant.holdId, reason: 'the issuer claims the role "hr-and-legal" but the team lists "rep"' }]);
    const [listed] = await rep.call('holds.team', {});
    expect(listed).toMatchObject({ holdId: grant.holdId, state: 'refused', issuerRole: null, recordingsHeld: 0 });
    const vault = rep.vault();
    const refusals = vault.audit.entries().filter((e) => e.event === 'retention.hold_refused');
    expect(refusals).toHaveLength(1);
    expect(JSON.parse(refusals[0]!.detail)).toMatchObject({ holdId: grant.holdId, issuer: rogue.id });
    expect(vault.retention.holdsOf(recordingId)).toEqual([]);
    expect(vault.audit.verify().ok).toBe(true);
  }, 300_000);
  it('the issuing app goes by the signed roster too: a member enrolled as HR and legal whom the roster now lists as a rep is refused before anything is signed', async () => {
    const t = await teams.startTeam();
    const legal = await enrolledApp(t, 'hr-and-legal', null);
    const rep = await repApp(t);
    const legalId = legal.status.member!.memberId;
    await t.stop();
    const db = await openPglite(path.join(t.dataDir, 'pgdata'));
    try {
      await db.query("UPDATE members SET role = 'rep' WHERE member_id = $1", [legalId]);
    } finally {
      await db.close();
    }
    await t.restart();
    // The next enrolment publishes (and signs) a new roster from the members table.
    await new Member(t.server.base).enroll(await t.invite('rep', 'alpha'));
    const refused = await legal.dispatch('holds.issueTeam', { exemptionId: 'legal-hold', members: [rep.memberId] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });
    expect(!refused.ok && refused.error.message).toMatch(/signed roster lists you as rep/);
    expect(legal.session.requireVault().audit.entries().map((e) => e.event)).not.toContain('retention.team_hold_issued');
  }, 300_000);
});
