// What the apps refuse, with a real team server on loopback: a clip without a current redaction
// review, a share without the rep's explicit confirmation, a recipient the policy does not allow,
// a recipient whose key changed; and, on the manager's side, a manifest, ciphertext or signer that
// was altered on the server or in the vault. Nothing refused is queued, sent or opened.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/src/db/pglite-db';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import type { AuditEntryView, OutboxEntryView, ReceivedClipView, TeamMembersView, UsageRulesView } from '../../../src/shared/contract';
import { MANIFEST_SIGNING_PREFIX } from '../../../src/shared/team/manifest';
import { CANARY, enrolledApp, recordingWithTranscript, teamsPerTest } from './team-fixture';

const teams = teamsPerTest();

describe('the rep app refuses shares it must not make', () => {
  it('refuses an unreviewed clip, an unconfirmed share, a recipient the policy does not allow and a changed key; nothing is sent', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const otherManager = await enrolledApp(t, 'manager', 'beta');
    const hr = await enrolledApp(t, 'hr-and-legal', null);
    const managerId = manager.status.member!.memberId;
    const share = (recordingId: string, extra: Record<string, unknown> = {}) => ({ recordingId, fromMs: 0, toMs: 16_000, recipients: [managerId], purpose: 'coaching', confirm: true, ...extra });

    // Unreviewed: the export gate refuses, audited, and nothing is queued.
    const unreviewed = await recordingWithTranscript(rep, { reviewed: false });
    expect(await rep.dispatch('share.preview', { recordingId: unreviewed, fromMs: 0, toMs: 16_000 })).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED' } });
    expect(await rep.dispatch('share.create', share(unreviewed))).toMatchObject({ ok: false, error: { code: 'EXPORT_REFUSED', message: expect.stringMatching(/not been reviewed/) as unknown } });
    const refusedExports = (await rep.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event === 'export.refused');
    expect(refusedExports.some((e) => e.detail.includes('team server'))).toBe(true);

    const reviewed = await recordingWithTranscript(rep);
    // The rep's explicit action: without confirm: true there is no share; nor for a clip over ten minutes.
    for (const input of [share(reviewed, { confirm: false }), { ...share(reviewed), confirm: undefined }, share(reviewed, { toMs: 11 * 60_000 }), share(reviewed, { recipients: [] })]) {
      expect(await rep.dispatch('share.create', input)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }

    // Recipients the policy does not allow: another team's manager, HR and legal without a request.
    const members = await rep.call<TeamMembersView>('team.members', {});
    expect(members.members.find((m) => m.memberId === otherManager.status.member!.memberId)).toMatchObject({ allowed: false, reason: expect.stringMatching(/own team/) as unknown });
    expect(members.members.find((m) => m.memberId === hr.status.member!.memberId)).toMatchObject({ allowed: false });
    for (const recipient of [otherManager.status.member!.memberId, hr.status.member!.memberId]) {
      expect(await rep.dispatch('share.create', share(reviewed, { recipients: [recipient] }))).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });
    }
    // A manager cannot pass a clip on (only reps share their own calls).
    const managerRecording = await recordingWithTranscript(manager);
    expect(await manager.dispatch('share.create', { ...share(managerRecording), recipients: [otherManager.status.member!.memberId] })).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });

    // A changed key is not shared with until the rep confirms the new fingerprint.
    const current = members.members.find((m) => m.memberId === managerId)!;
    rep.session.requireVault().team.pinKeys({ memberId: managerId, signingFpr: 'ab'.repeat(32), boxFpr: current.boxKeyFingerprint, confirmedAt: '2026-01-01T00:00:00.000Z' });
    expect((await rep.call<TeamMembersView>('team.members', {})).members.find((m) => m.memberId === managerId)).toMatchObject({ keyState: 'changed', allowed: false });
    expect(await rep.dispatch('share.create', share(reviewed))).toMatchObject({ ok: false, error: { code: 'CONFLICT', detail: 'key-changed' } });
    expect(await rep.dispatch('team.confirmKey', { memberId: managerId, signingKeyFingerprint: 'cd'.repeat(32), boxKeyFingerprint: current.boxKeyFingerprint })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Nothing above reached the outbox, the server or the manager.
    expect(await rep.call<OutboxEntryView[]>('share.outbox', {})).toEqual([]);
    expect((await rep.call<{ clips: unknown[] }>('inbox.list', {})).clips).toEqual([]);
    expect((await manager.call<{ clips: unknown[] }>('inbox.list', {})).clips).toEqual([]);

    const confirmed = await rep.call<TeamMembersView>('team.confirmKey', { memberId: managerId, signingKeyFingerprint: current.signingKeyFingerprint, boxKeyFingerprint: current.boxKeyFingerprint });
    expect(confirmed.members.find((m) => m.memberId === managerId)).toMatchObject({ keyState: 'confirmed', allowed: true });
    expect((await rep.call<OutboxEntryView>('share.create', share(reviewed))).state).toBe('sent');
    // The other team's manager cannot fetch it either: the server answers as if it did not exist.
    const [sent] = await rep.call<OutboxEntryView[]>('share.outbox', {});
    expect(await otherManager.dispatch('inbox.open', { shareId: sent!.shareId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    // A receiver who has not acknowledged the policy's usage rules cannot open a clip until they do.
    const newcomer = await enrolledApp(t, 'manager', 'alpha', { acknowledge: false });
    const toNewcomer = await rep.call<OutboxEntryView>('share.create', share(reviewed, { recipients: [newcomer.status.member!.memberId] }));
    expect(await newcomer.dispatch('inbox.open', { shareId: toNewcomer.shareId })).toMatchObject({ ok: false, error: { code: 'POLICY_NOT_ACKNOWLEDGED', detail: 'usage-rules' } });
    expect(newcomer.session.requireVault().team.clip(toNewcomer.shareId)).toBeUndefined();
    const rules = await newcomer.call<UsageRulesView>('inbox.usageRules', {});
    expect(rules).toMatchObject({ acknowledged: false, acknowledgedAt: null });
    expect(rules.unhealthy).toContain('Randomly hunting for mistakes');
    expect(await newcomer.dispatch('inbox.acknowledgeUsage', { hash: 'sha256:' + '0'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'POLICY_CHANGED' } });
    expect((await newcomer.call<UsageRulesView>('inbox.acknowledgeUsage', { hash: rules.hash })).acknowledged).toBe(true);
    expect((await newcomer.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event === 'team.usage_acknowledged')).toHaveLength(1);
    expect((await newcomer.call<ReceivedClipView>('inbox.open', { shareId: toNewcomer.shareId })).banner).toBe('Coaching. Not for performance review.');
  });
});

describe('the manager app refuses a clip that was altered', () => {
  it('refuses an altered manifest or ciphertext on the server, and an altered copy, signer or recipient in the vault', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const recordingId = await recordingWithTranscript(rep);
    const managerId = manager.status.member!.memberId;
    const shareOnce = async () => (await rep.call<OutboxEntryView>('share.create', { recordingId, fromMs: 0, toMs: 16_000, recipients: [managerId], purpose: 'coaching', confirm: true })).shareId;
    const manifestTampered = await shareOnce();
    const blobTampered = await shareOnce();
    const good = await shareOnce();

    // The server's copy altered while it is down: a manifest with another purpose, a flipped ciphertext byte.
    await t.stop();
    const db = await openPglite(path.join(t.dataDir, 'pgdata'));
    try {
      await db.query(`UPDATE shares SET manifest = replace(manifest, '"purpose":"coaching"', '"purpose":"forecasting"') WHERE share_id = $1`, [manifestTampered]);
      await db.query('UPDATE blobs SET bytes = set_byte(bytes, 100, get_byte(bytes, 100) # 1) WHERE blob_id = $1', [blobTampered]);
    } finally {
      await db.close();
    }
    await t.restart();

    const vault = manager.session.requireVault();
    expect(await manager.dispatch('inbox.open', { shareId: manifestTampered })).toMatchObject({ ok: false, error: { code: 'INTEGRITY', message: expect.stringMatching(/not signed by its sender/) as unknown } });
    expect(await manager.dispatch('inbox.open', { shareId: blobTampered })).toMatchObject({ ok: false, error: { code: 'INTEGRITY', message: expect.stringMatching(/ciphertext is not the one/) as unknown } });
    expect(vault.team.clip(manifestTampered)).toBeUndefined();
    expect(vault.team.clip(blobTampered)).toBeUndefined();
    const refusals = (await manager.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event === 'inbox.refused');
    expect(refusals.map((e) => JSON.parse(e.detail) as { reason: string }).map((d) => d.reason)).toEqual(['signature', 'ciphertext']);

    // The good one opens, and is kept; then its kept copy is altered in the vault in three ways.
    expect((await manager.call<ReceivedClipView>('inbox.open', { shareId: good })).text).toContain(CANARY);
    const kept = vault.team.clip(good)!;
    const crypto = await createTeamCrypto();
    const attacker = crypto.newMemberKeys();
    const resigned = (text: string) => crypto.sign(attacker.signingSecret, MANIFEST_SIGNING_PREFIX + text);
    const manifest = JSON.parse(kept.manifest) as { sender: { signingKeyFingerprint: string }; recipients: { boxKeyFingerprint: string }[] };
    const otherSigner = JSON.stringify({ ...manifest, sender: { ...manifest.sender, signingKeyFingerprint: crypto.fingerprint('signing', attacker.signingPublic) } });
    const otherRecipientKey = JSON.stringify({ ...manifest, recipients: manifest.recipients.map((r) => ({ ...r, boxKeyFingerprint: crypto.fingerprint('box', attacker.boxPublic) })) });
    const flipped = new Uint8Array(kept.ciphertext);
    flipped[flipped.length - 5]! ^= 1;
    const variants = [
      { why: /ciphertext is not the one/, clip: { ...kept, ciphertext: flipped } },
      { why: /not signed by its sender/, clip: { ...kept, manifest: kept.manifest.replace('"toMs":16000', '"toMs":15000') } },
      // Signed by another key that names itself as the sender's: not the key this vault pinned.
      { why: /not the one confirmed in this vault/, clip: { ...kept, manifest: otherSigner, signature: resigned(otherSigner), senderKey: attacker.signingPublic } },
      { why: /names another signing key/, clip: { ...kept, manifest: otherRecipientKey, signature: resigned(otherRecipientKey), senderKey: attacker.signingPublic } },
    ];
    for (const variant of variants) {
      vault.team.deleteClip(good);
      vault.team.saveClip(variant.clip);
      expect(await manager.dispatch('inbox.open', { shareId: good }), String(variant.why)).toMatchObject({ ok: false, error: { code: 'INTEGRITY', message: expect.stringMatching(variant.why) as unknown } });
    }
    vault.team.deleteClip(good);
    vault.team.saveClip(kept);
    expect((await manager.call<ReceivedClipView>('inbox.open', { shareId: good })).text).toContain(CANARY);
  });
});
