// Sharing between two real app vaults through a real `callvault-server` process on loopback
// (PGlite in a temp directory): the rep shares a reviewed, redacted clip through the contract;
// the manager's app receives, verifies and decrypts it; the server's database, files and log hold
// no word of it; a revoked clip can no longer be opened and its copy goes from the manager's vault.
import { describe, expect, it } from 'vitest';
import type { AuditEntryView, InboxListView, OutboxEntryView, ReceivedClipView, SharePreviewView, TeamMembersView } from '../../../src/shared/contract';
import { CANARY, CARD_WORDS, enrolledApp, needlesFound, recordingWithTranscript, stoppedServerHaystacks, teamsPerTest, type App } from './team-fixture';

const teams = teamsPerTest();

function needles(words: readonly string[], audio: Uint8Array): { name: string; bytes: Buffer }[] {
  const out: { name: string; bytes: Buffer }[] = [];
  for (const word of words) {
    const raw = Buffer.from(word);
    out.push({ name: word, bytes: raw }, { name: `${word} (hex)`, bytes: Buffer.from(raw.toString('hex')) }, { name: `${word} (base64)`, bytes: Buffer.from(raw.toString('base64').replace(/=+$/, '')) });
  }
  // 64 bytes of sound (not a muted, all-zero stretch) from the clip's samples.
  let at = 44;
  while (at + 64 < audio.length && new Set(audio.subarray(at, at + 64)).size < 24) {
    at += 64;
  }
  const sample = Buffer.from(audio.subarray(at, at + 64));
  expect(new Set(sample).size).toBeGreaterThanOrEqual(24);
  out.push({ name: 'audio samples', bytes: sample }, { name: 'audio samples (hex)', bytes: Buffer.from(sample.toString('hex')) }, { name: 'audio samples (base64)', bytes: Buffer.from(sample.toString('base64').slice(0, 60)) });
  return out;
}

const audit = async (app: App, prefix: string) => (await app.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event.startsWith(prefix));

describe('sharing a clip between two vaults through the team server', () => {
  it('the rep shares a reviewed clip, the manager receives and decrypts it, the server never sees a word; revoked, it is gone', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const recordingId = await recordingWithTranscript(rep);

    const members = await rep.call<TeamMembersView>('team.members', {});
    const managerEntry = members.members.find((m) => m.memberId === manager.status.member!.memberId);
    expect(managerEntry).toMatchObject({ allowed: true, keyState: 'confirmed', signingKeyFingerprint: manager.status.member!.signingKeyFingerprint });
    expect(members.members.find((m) => m.role === 'admin')).toMatchObject({ allowed: false });

    const preview = await rep.call<SharePreviewView>('share.preview', { recordingId, fromMs: 0, toMs: 16_000 });
    expect(preview.text).toContain(CANARY);
    expect(preview.text).toContain('[CARD]');
    expect(preview.text).not.toContain(CARD_WORDS);
    expect(preview.redactedFindings).toBeGreaterThanOrEqual(1);
    expect(preview.mutedSeconds).toBeGreaterThan(0);

    const sent = await rep.call<OutboxEntryView>('share.create', { recordingId, fromMs: 0, toMs: 16_000, recipients: [manager.status.member!.memberId], purpose: 'coaching', confirm: true });
    expect(sent).toMatchObject({ state: 'sent', attempts: 0, lastError: null, purpose: 'coaching' });

    const inbox = await manager.call<InboxListView>('inbox.list', {});
    expect(inbox.online).toBe(true);
    expect(inbox.clips).toEqual([expect.objectContaining({ shareId: sent.shareId, senderId: rep.status.member!.memberId, purpose: 'coaching', downloaded: false })]);
    const clip = await manager.call<ReceivedClipView>('inbox.open', { shareId: sent.shareId });
    expect(clip.text).toBe(preview.text);
    expect(clip.banner).toBe('Coaching. Not for performance review.');
    expect(clip).toMatchObject({ fromMs: 0, toMs: 16_000, purpose: 'coaching' });
    expect(clip.wav.length).toBe(preview.audioBytes);
    expect(Buffer.from(clip.wav.subarray(0, 4)).toString('latin1')).toBe('RIFF');
    expect((await manager.call<InboxListView>('inbox.list', {})).clips[0]).toMatchObject({ shareId: sent.shareId, downloaded: true });

    // Audit entries on both sides name ids, counts and ranges: no word, no email.
    const repTrail = JSON.stringify(await audit(rep, 'share.'));
    const managerTrail = JSON.stringify([...(await audit(manager, 'inbox.')), ...(await audit(manager, 'team.'))]);
    expect(repTrail).toContain(sent.shareId);
    expect(managerTrail).toContain('inbox.received');
    for (const trail of [repTrail, managerTrail]) {
      expect(trail).not.toContain(CANARY);
      expect(trail).not.toContain('members.example');
    }

    // Revoked: the manager's app can no longer open it, and its kept copy is deleted.
    const revoked = await rep.call<OutboxEntryView>('share.revoke', { shareId: sent.shareId });
    expect(revoked.state).toBe('revoked');
    const refused = await manager.dispatch('inbox.open', { shareId: sent.shareId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', detail: 'withdrawn' } });
    expect((await manager.call<InboxListView>('inbox.list', {})).clips).toEqual([]);
    expect(manager.session.requireVault().team.clip(sent.shareId)).toBeUndefined();

    // A second share stays, so the dump below really covers a live clip's rows and blob.
    const kept = await rep.call<OutboxEntryView>('share.create', { recordingId, fromMs: 0, toMs: 16_000, recipients: [manager.status.member!.memberId], purpose: 'coaching', confirm: true });
    expect(kept.state).toBe('sent');
    const keptClip = await manager.call<ReceivedClipView>('inbox.open', { shareId: kept.shareId });
    expect(keptClip.text).toContain(CANARY);

    const { dump, haystacks } = await stoppedServerHaystacks(t);
    expect(dump).toContain(kept.shareId);
    expect(needlesFound(needles([CANARY, 'order form', 'talk to you next week', 'Renewal'], keptClip.wav), haystacks)).toEqual([]);
  });
});
