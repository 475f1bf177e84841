// An organisation-wide customer deletion request (#15 section 4), end to end: a real
// callvault-server process (PGlite, loopback), an admin's app and two members' apps (real vaults).
// The admin files the request; the identifiers are sealed to each member's key, so the server's
// tables, files and log never hold them in any encoding. Each member's app answers at its next
// sync through the deletion service (the customer's call destroyed, a held one kept, an unrelated
// one untouched) and sends back its signed certificate; the admin sees 2/2 done with every
// certificate verified. A request the server makes up, or one filed by a non-admin, is refused.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/src/db/pglite-db';
import { certificateSigningText, verifyCertificate, type SignedCertificate } from '../../../src/core/deletion/deletion-certificate';
import type { StoredSegment } from '../../../src/core/transcription/transcript';
import type { DeletionReportView, OrgDeletionStatusView, TeamSyncView } from '../../../src/shared/contract';
import { orgDeletionMessage } from '../../../src/shared/team/retention-api';
import { timedSegment } from '../../helpers/timed-segment';
import { errorCode, Member, sodium } from '../../server/helpers/team-client';
import { enrolledApp, needlesFound, stoppedServerHaystacks, teamsPerTest, type App } from '../team/team-fixture';
import { seedRecording } from './seed-recording';

const teams = teamsPerTest();

const EMAIL = 'Quilla.Marchetti@zephyrine.example';
const NAME = 'Quilla Marchetti';
const PHONE = '+1 415 555 0199';

const recording = (app: App, segments: StoredSegment[], participants: { name: string; email: string }[] = []): string => seedRecording(app, segments, participants);

describe('an organisation-wide customer deletion request', () => {
  it('is sealed to each member, answered by both members\' apps at sync with verified certificates, and never stored in plaintext on the server', async () => {
    const t = await teams.startTeam();
    const admin = await enrolledApp(t, 'admin', null);
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const repId = rep.status.member!.memberId;
    const managerId = manager.status.member!.memberId;

    // The rep: the customer only in a transcript's spoken email, and an unrelated call.
    const spoken = recording(rep, [timedSegment('customer', 0, 4_000, 'Send it to quilla dot marchetti at zephyrine dot example please.')]);
    const unrelated = recording(rep, [timedSegment('customer', 0, 4_000, 'Please write to john dot roe at acme dot com instead.')]);
    // The manager: a call the customer took part in, and another under a hold.
    const attended = recording(manager, [timedSegment('rep', 0, 4_000, 'Thanks for joining.')], [{ name: NAME, email: EMAIL }]);
    const held = recording(manager, [timedSegment('customer', 0, 4_000, `My number is ${PHONE}.`)]);
    const hold = { id: 'compliance-hold-1', exemptionId: 'compliance' };
    manager.session.requireVault().retention.addHold({ ...hold, recordingId: held, issuerRole: 'admin', issuerKeyId: 'local', issuedAt: new Date().toISOString(), signedGrant: null, releasedAt: null });

    // Only an admin files one.
    expect(await rep.dispatch('deletion.fileOrgRequest', { identifiers: { emails: [EMAIL] } })).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });

    const identifiers = { emails: [EMAIL], names: [NAME], phones: [PHONE] };
    const filed = await admin.call<OrgDeletionStatusView>('deletion.fileOrgRequest', { identifiers, members: [repId, managerId] });
    expect(filed).toMatchObject({ done: 0, pending: 2 });

    // Both apps answer at their next sync.
    const repSync = await rep.call<TeamSyncView>('team.sync', {});
    expect(repSync.deletionRequests).toMatchObject({ answered: [{ requestId: filed.requestId, destroyed: 1, kept: 0 }], refused: [], failed: [] });
    const [midway] = await admin.call<OrgDeletionStatusView[]>('deletion.orgRequests', {});
    expect(midway).toMatchObject({ requestId: filed.requestId, done: 1, pending: 1 });
    const managerSync = await manager.call<TeamSyncView>('team.sync', {});
    expect(managerSync.deletionRequests.answered).toHaveLength(1);
    // A second sync has nothing left to answer.
    expect((await rep.call<TeamSyncView>('team.sync', {})).deletionRequests.answered).toEqual([]);

    expect(rep.session.requireVault().recordings.get(spoken)).toBeUndefined();
    expect(rep.session.requireVault().recordings.get(unrelated)).toBeDefined();
    expect(manager.session.requireVault().recordings.get(attended)).toBeUndefined();
    expect(manager.session.requireVault().recordings.get(held)).toBeDefined();

    const [status] = await admin.call<OrgDeletionStatusView[]>('deletion.orgRequests', {});
    expect(status).toMatchObject({ requestId: filed.requestId, done: 2, pending: 0 });
    expect(status!.members.map((m) => [m.memberId, m.status, m.certificateVerified, m.reason]).sort()).toEqual(
      [
        [repId, 'done', true, null],
        [managerId, 'done', true, null],
      ].sort(),
    );
    const repCertificate = status!.members.find((m) => m.memberId === repId)!.certificate as SignedCertificate;
    expect(repCertificate.certificate).toMatchObject({ requestId: filed.requestId, performedBy: { memberId: repId, role: 'rep' }, destroyed: [{ recordingId: spoken, whole: true }] });
    expect(repCertificate.certificate.found.find((f) => f.recordingId === spoken)?.where).toEqual([{ where: 'transcript', detail: 'v1', identifiers: ['email #1'] }]);
    expect(verifyCertificate(rep.session.crypto, repCertificate, Buffer.from(rep.session.requireVault().team.identity()!.signingPublic).toString('base64')).ok).toBe(true);
    const managerCertificate = status!.members.find((m) => m.memberId === managerId)!.certificate as SignedCertificate;
    expect(managerCertificate.certificate.kept).toEqual([{ recordingId: held, holds: [hold], clips: [] }]);
    expect(managerCertificate.certificate.destroyed.map((d) => d.recordingId)).toEqual([attended]);

    // Audit: ids and counts only.
    const repAudit = rep.session.requireVault().audit.entries();
    expect(repAudit.filter((e) => e.event === 'deletion.org_answered')).toHaveLength(1);
    const admAudit = admin.session.requireVault().audit.entries();
    expect(admAudit.filter((e) => e.event === 'deletion.org_filed')).toHaveLength(1);
    for (const entry of [...repAudit, ...admAudit]) {
      expect(entry.detail.toLowerCase()).not.toContain('quilla');
    }

    // The server's tables, files and log hold no identifier in any encoding.
    const { dump, haystacks } = await stoppedServerHaystacks(t);
    expect(dump).toContain(filed.requestId);
    const needles = [EMAIL, EMAIL.toLowerCase(), NAME, 'Marchetti', 'marchetti', 'zephyrine', '4155550199', '415 555 0199'].flatMap((word) => {
      const raw = Buffer.from(word);
      return [raw, Buffer.from(raw.toString('hex')), Buffer.from(raw.toString('base64').replace(/=+$/, '')), Buffer.from(word, 'utf16le')].map((bytes) => ({ name: word, bytes }));
    });
    expect(needlesFound(needles, haystacks)).toEqual([]);
  }, 300_000);

  it('refuses a request the admin did not sign, and one filed by a member who is not an admin; the server refuses a forged certificate', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const repId = rep.status.member!.memberId;
    const kept = recording(rep, [timedSegment('customer', 0, 4_000, 'Send it to quilla dot marchetti at zephyrine dot example please.')]);
    const repBox = Buffer.from(rep.session.requireVault().team.identity()!.boxPublic);
    await rep.call('team.sync', {}); // pins every member's keys as first seen

    // The test's admin (t.admin) signs one copy properly, with the wrong key another; a manager (not an admin) a third.
    const manager = await new Member(t.server.base).enroll(await t.invite('manager', 'alpha'));
    await manager.signIn();
    const sealed = Buffer.from(sodium.crypto_box_seal(Buffer.from(JSON.stringify({ emails: [EMAIL], names: [], phones: [], accounts: [] })), repBox)).toString('base64');
    const createdAt = new Date().toISOString();
    const forgedId = randomUUID();
    const attacker = sodium.crypto_sign_keypair();
    const forgedSig = Buffer.from(sodium.crypto_sign_detached(orgDeletionMessage(forgedId, repId, createdAt, sealed), attacker.privateKey)).toString('base64');
    // The server itself refuses a copy not signed by the filer.
    const refusedByServer = await t.admin.post('/v1/admin/deletion-requests', { requestId: forgedId, createdAt, filerCopy: sealed, targets: [{ memberId: repId, sealed, signature: forgedSig }] });
    expect(errorCode(refusedByServer)).toBe('INTEGRITY');
    // A manager cannot file one at all.
    const managerId = randomUUID();
    expect(errorCode(await manager.post('/v1/admin/deletion-requests', { requestId: managerId, createdAt, filerCopy: sealed, targets: [{ memberId: repId, sealed, signature: manager.sign(orgDeletionMessage(managerId, repId, createdAt, sealed)) }] }))).toBe('FORBIDDEN');

    // Put into the server's database while it is down (a compromised server): a forged admin request and a manager's.
    const managerFiled = randomUUID();
    await t.stop();
    const db = await openPglite(path.join(t.dataDir, 'pgdata'));
    try {
      for (const [id, filer, signature] of [
        [forgedId, t.admin.id, forgedSig],
        [managerFiled, manager.id, manager.sign(orgDeletionMessage(managerFiled, repId, createdAt, sealed))],
      ] as const) {
        await db.query('INSERT INTO org_deletion_requests (request_id, filed_by, created_at, filer_copy) VALUES ($1, $2, $3, $4)', [id, filer, new Date(createdAt), Buffer.from(sealed, 'base64')]);
        await db.query("INSERT INTO org_deletion_targets (request_id, member_id, sealed, signature, status) VALUES ($1, $2, $3, $4, 'pending')", [id, repId, Buffer.from(sealed, 'base64'), Buffer.from(signature, 'base64')]);
      }
    } finally {
      await db.close();
    }
    await t.restart();

    const synced = await rep.call<TeamSyncView>('team.sync', {});
    expect(synced.deletionRequests.answered).toEqual([]);
    const reasons = new Map(synced.deletionRequests.refused.map((r) => [r.requestId, r.reason]));
    expect(reasons.get(forgedId)).toMatch(/not signed by the admin's key/);
    expect(reasons.get(managerFiled)).toMatch(/filed by a manager, not an admin/);
    expect(rep.session.requireVault().recordings.get(kept)).toBeDefined();
    expect(rep.session.requireVault().audit.entries().filter((e) => e.event === 'deletion.org_refused')).toHaveLength(2);

    // The server takes a member's answer only as a certificate for that request signed with the member's enrolled key.
    const real = (await rep.call<DeletionReportView>('deletion.request', { identifiers: { emails: [EMAIL] }, dryRun: false })).certificate as SignedCertificate;
    const member = await new Member(t.server.base).enroll(await t.invite('rep', 'alpha'));
    await t.admin.signIn();
    await member.signIn();
    const requestId = randomUUID();
    const memberBox = member.box.publicKey;
    const copy = Buffer.from(sodium.crypto_box_seal(Buffer.from('{}'), memberBox)).toString('base64');
    const filedOk = await t.admin.post('/v1/admin/deletion-requests', { requestId, createdAt, filerCopy: copy, targets: [{ memberId: member.id, sealed: copy, signature: t.admin.sign(orgDeletionMessage(requestId, member.id, createdAt, copy)) }] });
    expect(filedOk.status).toBe(200);
    const url = `/v1/deletion-requests/${requestId}/certificate`;
    // Someone else's certificate (the rep's, for another request).
    expect(errorCode(await member.post(url, { certificate: real }))).toBe('FORBIDDEN');
    // Re-labelled as this member's and this request's, but still the rep's signature.
    const relabelled = { ...real.certificate, requestId, performedBy: { ...real.certificate.performedBy, memberId: member.id }, signer: { kind: 'team-device' as const, keyId: member.id, publicKey: Buffer.from(member.signing.publicKey).toString('base64') } };
    expect(errorCode(await member.post(url, { certificate: { certificate: relabelled, signature: real.signature } }))).toBe('INTEGRITY');
    expect(errorCode(await member.post(url, { certificate: { certificate: { requestId }, signature: 'AA==' } }))).toBe('BAD_REQUEST');
    // Signed by the member itself: taken, once.
    const own = { certificate: relabelled, signature: member.sign(certificateSigningText(relabelled)) };
    expect((await member.post(url, { certificate: own })).status).toBe(200);
    expect(errorCode(await member.post(url, { certificate: own }))).toBe('CONFLICT');
    const [answered] = ((await t.admin.get(`/v1/admin/deletion-requests/${requestId}`)).json as { members: { status: string }[] }).members;
    expect(answered?.status).toBe('done');
  }, 300_000);
});
