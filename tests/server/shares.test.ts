import { afterEach, describe, expect, it } from 'vitest';
import { MANIFEST_SIGNING_PREFIX } from '../../src/shared/team/manifest';
import { BACKENDS, startTestServer, type TestServer } from './helpers/test-server';
import { buildShare, errorCode, fingerprint, frameUpload, Member, receive, syncInbox, upload } from './helpers/team-client';

const clip = new TextEncoder().encode('redacted clip text and muted audio');

describe.each(BACKENDS)('shares on %s', (backend) => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  async function team() {
    server = await startTestServer(backend);
    const rep = await server.member('rep', 'alpha');
    const manager = await server.member('manager', 'alpha');
    return { rep, manager, policyHash: server.ctx.policy.hash };
  }

  async function blobCount(shareId: string): Promise<number> {
    return (await server.ctx.db.query('SELECT 1 FROM blobs WHERE blob_id = $1', [shareId])).length;
  }

  it('carries a clip from rep to manager: signed, hashed, sealed, decrypted only by its readers', async () => {
    const { rep, manager, policyHash } = await team();
    const built = buildShare(rep, [manager], clip, { policyHash });
    const reply = await upload(rep, built.body);
    expect(reply.status).toBe(200);
    const got = await receive(manager, built.shareId);
    expect(Buffer.from(got.plaintext)).toEqual(Buffer.from(clip));
    expect(got.manifest.purpose).toBe('coaching');
    // The sender reads their own share with the key sealed to themselves.
    expect(Buffer.from((await receive(rep, built.shareId)).plaintext)).toEqual(Buffer.from(clip));
    // A manager of the same team who is not a recipient cannot see it.
    const other = await server.member('manager', 'alpha');
    expect((await other.get(`/v1/shares/${built.shareId}/ciphertext`)).status).toBe(404);
    expect(((await other.get('/v1/inbox')).json as { shares: unknown[] }).shares).toEqual([]);
    // A duplicate upload of the same share is refused.
    expect(errorCode(await upload(rep, built.body))).toBe('CONFLICT');
  });

  it('refuses a tampered manifest, signature, ciphertext or recipient list', async () => {
    const { rep, manager, policyHash } = await team();
    const good = buildShare(rep, [manager], clip, { policyHash });

    // Manifest edited after signing (purpose changed).
    const edited = good.manifestText.replace('"coaching"', '"forecasting"');
    expect(errorCode(await upload(rep, frameUpload(edited, good.signature, good.ciphertext)))).toBe('INTEGRITY');
    // Signature flipped.
    const sig = Buffer.from(good.signature, 'base64');
    sig[5] = (sig[5] ?? 0) ^ 1;
    expect(errorCode(await upload(rep, frameUpload(good.manifestText, sig.toString('base64'), good.ciphertext)))).toBe('INTEGRITY');
    // Signed by someone else's key (the manager uploads the rep's manifest under their own session).
    expect(errorCode(await upload(manager, good.body))).toBe('INTEGRITY');
    // Ciphertext swapped for other bytes of the same length.
    const swapped = Buffer.from(good.ciphertext);
    swapped[swapped.length - 1] = (swapped[swapped.length - 1] ?? 0) ^ 1;
    expect(errorCode(await upload(rep, frameUpload(good.manifestText, good.signature, swapped)))).toBe('INTEGRITY');
    // Recipient list naming a key the server does not hold for that member (signed, so it passes the signature).
    const wrongKey = buildShare(rep, [manager], clip, {
      policyHash,
      editManifest: (m) => {
        (m.recipients as { boxKeyFingerprint: string }[])[0]!.boxKeyFingerprint = fingerprint('box', new Member(server.base).box.publicKey);
      },
    });
    expect(errorCode(await upload(rep, wrongKey.body))).toBe('CONFLICT');
    // A manifest that smuggles free text (an unknown field) is refused even when signed.
    const smuggled = buildShare(rep, [manager], clip, { policyHash, editManifest: (m) => { m.note = 'Customer Jane Roe, jane@example.com'; } });
    expect(errorCode(await upload(rep, smuggled.body))).toBe('BAD_REQUEST');
    // A purpose that is not a policy id (free text) is refused.
    const wordy = buildShare(rep, [manager], clip, { policyHash, purpose: 'Call with Jane Roe' });
    expect(errorCode(await upload(rep, wordy.body))).toBe('BAD_REQUEST');
    // Id-shaped words that the policy does not define are refused as purpose or tag, before anything is logged.
    const namedPurpose = buildShare(rep, [manager], clip, { policyHash, purpose: 'philippa-quenneville' });
    expect(errorCode(await upload(rep, namedPurpose.body))).toBe('BAD_REQUEST');
    const namedTag = buildShare(rep, [manager], clip, { policyHash, tags: ['discovery', 'philippa-quenneville'] });
    expect(errorCode(await upload(rep, namedTag.body))).toBe('BAD_REQUEST');
    expect(JSON.stringify(await server.ctx.audit.entries(server.ctx.db))).not.toContain('philippa');
    // A policy other than the one the server publishes.
    const otherPolicy = buildShare(rep, [manager], clip, { policyHash: `sha256:${'0'.repeat(64)}` });
    expect(errorCode(await upload(rep, otherPolicy.body))).toBe('CONFLICT');
    // Nothing of the refused uploads was stored.
    expect(await server.ctx.db.query('SELECT share_id FROM shares')).toEqual([]);
    expect(await server.ctx.db.query('SELECT blob_id FROM blobs')).toEqual([]);
    // The good one still goes through.
    expect((await upload(rep, good.body)).status).toBe(200);
    expect(MANIFEST_SIGNING_PREFIX).toBe('callvault-manifest-v1\n');
  });

  it('revocation deletes the ciphertext at once and recipients are told to delete their copy', async () => {
    const { rep, manager, policyHash } = await team();
    const built = buildShare(rep, [manager], clip, { policyHash });
    expect((await upload(rep, built.body)).status).toBe(200);
    expect(await blobCount(built.shareId)).toBe(1);
    const before = await syncInbox(manager);
    expect(before.shares.map((s) => s.shareId)).toEqual([built.shareId]);
    expect((await manager.del(`/v1/shares/${built.shareId}`)).status).toBe(404);
    expect((await rep.del(`/v1/shares/${built.shareId}`)).status).toBe(200);
    expect(await blobCount(built.shareId)).toBe(0);
    const download = await manager.get(`/v1/shares/${built.shareId}/ciphertext`);
    expect([download.status, errorCode(download)]).toEqual([410, 'GONE']);
    // The manager's next sync (from its cursor) says to delete the copy; a first sync no longer lists it.
    const inbox = await syncInbox(manager, before.cursor);
    expect(inbox.shares).toEqual([]);
    expect(inbox.withdrawnShareIds).toEqual([built.shareId]);
    expect((await syncInbox(manager)).shares).toEqual([]);
    expect(errorCode(await rep.del(`/v1/shares/${built.shareId}`))).toBe('GONE');
  });

  it('expired shares vanish from the inbox and the sweep deletes their ciphertext', async () => {
    const { rep, manager, policyHash } = await team();
    const built = buildShare(rep, [manager], clip, { policyHash, now: server.clock.now(), expiresInMs: 3600_000 });
    expect((await upload(rep, built.body)).status).toBe(200);
    const before = await syncInbox(manager);
    const tooLong = buildShare(rep, [manager], clip, { policyHash, now: server.clock.now(), expiresInMs: 181 * 24 * 3600_000 });
    expect(errorCode(await upload(rep, tooLong.body))).toBe('BAD_REQUEST');
    server.clock.advance(3600_000 + 1000);
    await manager.signIn();
    expect(errorCode(await manager.get(`/v1/shares/${built.shareId}/ciphertext`))).toBe('GONE');
    const { sweepExpired } = await import('../../server/src/services/shares');
    expect(await sweepExpired(server.ctx)).toBe(1);
    expect(await blobCount(built.shareId)).toBe(0);
    expect(await sweepExpired(server.ctx)).toBe(0);
    expect((await syncInbox(manager, before.cursor)).withdrawnShareIds).toEqual([built.shareId]);
  });

  it('the inbox syncs in change order, withdrawals arrive after the cursor, and its index rows follow revocation and the sweep', async () => {
    // By design since the inbox cursor (migration 005): a sync lists in change order, page by
    // page, and withdrawn ids come with the next sync after the cursor (no longer the newest 500
    // and every withdrawn id on each listing).
    const { rep, manager, policyHash } = await team();
    const { sweepExpired } = await import('../../server/src/services/shares');
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const built = buildShare(rep, [manager], clip, { policyHash, now: server.clock.now(), expiresInMs: (i + 1) * 3600_000 });
      expect((await upload(rep, built.body)).status).toBe(200);
      ids.push(built.shareId);
      server.clock.advance(1000);
    }
    await manager.signIn();
    const first = await syncInbox(manager);
    expect(first.shares.map((s) => s.shareId)).toEqual(ids);
    // Revoked: withdrawn on the recipient rows the listing walks, not only on the share.
    expect((await rep.del(`/v1/shares/${ids[1]!}`)).status).toBe(200);
    const withdrawnRows = async () =>
      (await server.ctx.db.query<{ share_id: string }>('SELECT share_id FROM share_recipients WHERE withdrawn_at IS NOT NULL ORDER BY share_id')).map((r) => r.share_id);
    expect(await withdrawnRows()).toEqual([ids[1]]);
    const second = await syncInbox(manager, first.cursor);
    expect(second).toMatchObject({ shares: [], withdrawnShareIds: [ids[1]] });
    // Past expiry but not yet swept: gone from a first sync at once (apps drop expired copies by
    // their expiry themselves); swept: marked on the recipient rows, and sent after the cursor.
    server.clock.advance(3600_000);
    await manager.signIn();
    expect((await syncInbox(manager)).shares.map((s) => s.shareId)).toEqual([ids[2]]);
    const third = await syncInbox(manager, second.cursor);
    expect(third).toMatchObject({ shares: [], withdrawnShareIds: [] });
    expect(await sweepExpired(server.ctx)).toBe(1);
    expect(await withdrawnRows()).toEqual([ids[0], ids[1]].sort());
    expect((await syncInbox(manager, third.cursor)).withdrawnShareIds).toEqual([ids[0]]);
    // A first sync lists only what is live.
    expect((await syncInbox(manager)).shares.map((s) => s.shareId)).toEqual([ids[2]]);
  });

  it('performance use: the manager files, HR approves with a signature, the rep sees both, HR then receives the clip', async () => {
    const { rep, manager, policyHash } = await team();
    const hr = await server.member('hr-and-legal', null);
    const recordingRef = crypto.randomUUID();
    const built = buildShare(rep, [manager], clip, { policyHash, recordingRef });
    expect((await upload(rep, built.body)).status).toBe(200);

    // Before approval HR cannot be sent the clip.
    const early = buildShare(manager, [hr], clip, { policyHash, recordingRef, purpose: 'performance-review', performanceRequestId: crypto.randomUUID() });
    expect(errorCode(await upload(manager, early.body))).toBe('FORBIDDEN');

    const filed = await manager.post('/v1/performance-requests', { shareId: built.shareId, use: 'performance-review' });
    expect(filed.status).toBe(200);
    const requestId = (filed.json as { requestId: string }).requestId;
    expect(errorCode(await manager.post('/v1/performance-requests', { shareId: built.shareId, use: 'coaching' }))).toBe('FORBIDDEN');

    // A decision signed by someone else's key is refused; the manager cannot decide.
    const forged = await hr.post(`/v1/performance-requests/${requestId}/decision`, { decision: 'approved', signature: manager.sign(`callvault-decision-v1\n${requestId}\napproved\n${hr.id}`) });
    expect(errorCode(forged)).toBe('INTEGRITY');
    expect(errorCode(await manager.decide(requestId, 'approved'))).toBe('FORBIDDEN');

    const pendingForRep = (await rep.get('/v1/performance-requests')).json as { requests: { requestId: string; status: string }[] };
    expect(pendingForRep.requests).toEqual([expect.objectContaining({ requestId, status: 'pending' })]);

    expect((await hr.decide(requestId, 'approved')).status).toBe(200);
    expect(errorCode(await hr.decide(requestId, 'denied'))).toBe('CONFLICT');
    const seen = ((await rep.get('/v1/performance-requests')).json as { requests: { status: string; decidedBy: string; decisionSignature: string }[] }).requests;
    expect(seen).toEqual([expect.objectContaining({ status: 'approved', decidedBy: hr.id })]);
    // The rep can check HR's signature on the decision themselves.
    const { sodium } = await import('./helpers/team-client');
    expect(sodium.crypto_sign_verify_detached(Buffer.from(seen[0]!.decisionSignature, 'base64'), Buffer.from(`callvault-decision-v1\n${requestId}\napproved\n${hr.id}`), hr.signing.publicKey)).toBe(true);

    const toHr = buildShare(manager, [hr], clip, { policyHash, recordingRef, purpose: 'performance-review', performanceRequestId: requestId });
    expect((await upload(manager, toHr.body)).status).toBe(200);
    expect(Buffer.from((await receive(hr, toHr.shareId)).plaintext)).toEqual(Buffer.from(clip));
    // The approval covers that recording only.
    const otherRecording = buildShare(manager, [hr], clip, { policyHash, purpose: 'performance-review', performanceRequestId: requestId });
    expect(errorCode(await upload(manager, otherRecording.body))).toBe('FORBIDDEN');
  });

  it('keeps a verifiable audit chain of what happened, and detects an edited entry', async () => {
    const { rep, manager, policyHash } = await team();
    const built = buildShare(rep, [manager], clip, { policyHash });
    await upload(rep, built.body);
    await receive(manager, built.shareId);
    await rep.del(`/v1/shares/${built.shareId}`);
    const events = (await server.ctx.audit.entries(server.ctx.db)).map((e) => e.event);
    expect(events).toEqual([
      ...['member.invited', 'member.enrolled', 'session.signed_in'],
      ...['member.invited', 'member.enrolled', 'session.signed_in'],
      ...['share.created', 'share.downloaded', 'share.revoked'],
    ]);
    expect(await server.ctx.audit.verify(server.ctx.db)).toEqual({ ok: true, entries: events.length });
    await server.ctx.db.query(`UPDATE audit_log SET detail = '{}' WHERE event = 'share.downloaded'`);
    const verdict = await server.ctx.audit.verify(server.ctx.db);
    expect(verdict.ok).toBe(false);
    await server.ctx.db.query(`DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)`);
    expect((await server.ctx.audit.verify(server.ctx.db)).ok).toBe(false);
  });
});
