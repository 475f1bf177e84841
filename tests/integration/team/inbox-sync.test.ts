// Incremental inbox sync in the app (#14): a real `callvault-server` process (PGlite) and real
// vaults through the contract. The manager's app keeps the server's cursor in its vault settings
// and asks only for what changed since (a revoked clip reaches it only that way: a first sync
// lists live shares only); when the server no longer knows the cursor (its database was reset
// or restored) or refuses it, the app lists everything again and audits that it did.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../../server/src/db/pglite-db';
import { INBOX_SETTING } from '../../../src/app/team/inbox-receiver';
import type { AuditEntryView, InboxListView, OutboxEntryView } from '../../../src/shared/contract';
import { enrolledApp, recordingWithTranscript, teamsPerTest, type App } from './team-fixture';

const teams = teamsPerTest();

const audit = async (app: App, event: string) => (await app.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event === event);

describe('the inbox syncs from a cursor kept in the vault', () => {
  it('fetches only what changed, deletes what was withdrawn, and lists everything again after the server was reset or refused the cursor', async () => {
    const t = await teams.startTeam();
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const recordingId = await recordingWithTranscript(rep);
    const share = async () =>
      (await rep.call<OutboxEntryView>('share.create', { recordingId, fromMs: 0, toMs: 16_000, recipients: [manager.status.member!.memberId], purpose: 'coaching', confirm: true })).shareId;
    const listed = async () => (await manager.call<InboxListView>('inbox.list', {})).clips.map((c) => c.shareId);
    const saved = () => manager.session.requireVault().settings.read(INBOX_SETTING);

    const a = await share();
    expect(await listed()).toEqual([a]);
    const firstCursor = saved()?.cursor;
    expect(firstCursor).toMatch(/^c1\./);
    expect(saved()?.entries.map((e) => e.shareId)).toEqual([a]);

    const b = await share();
    expect(await listed()).toEqual([b, a]);
    expect(saved()?.cursor).not.toBe(firstCursor);

    // Downloaded, then revoked: the next sync from the cursor deletes the copy.
    await manager.call('inbox.open', { shareId: a });
    expect(manager.session.requireVault().team.clip(a)).toBeDefined();
    await rep.call('share.revoke', { shareId: a });
    expect(await listed()).toEqual([b]);
    expect(manager.session.requireVault().team.clip(a)).toBeUndefined();
    expect((await audit(manager, 'inbox.withdrawn')).map((e) => JSON.parse(e.detail) as unknown)).toEqual([{ share: a }]);

    // The server's database is reset (another epoch, as a replaced or restored database has).
    await t.stop();
    const db = await openPglite(path.join(t.dataDir, 'pgdata'));
    await db.query('UPDATE inbox_clock SET epoch = gen_random_uuid()');
    await db.close();
    await t.restart();
    const c = await share();
    const beforeReset = saved()?.cursor;
    expect(await listed()).toEqual([c, b]);
    expect(saved()?.cursor).not.toBe(beforeReset);
    expect((await audit(manager, 'inbox.resynced')).map((e) => JSON.parse(e.detail) as unknown)).toEqual([{ reason: 'server-reset' }]);

    // A cursor the server did not issue (a vault copied from elsewhere, a damaged setting): refused, so everything again.
    manager.session.requireVault().settings.write(INBOX_SETTING, { ...saved()!, cursor: 'c1.e30.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', entries: [] });
    expect(await listed()).toEqual([c, b]);
    expect((await audit(manager, 'inbox.resynced')).map((e) => JSON.parse(e.detail) as unknown)).toEqual([{ reason: 'server-reset' }, { reason: 'cursor-refused' }]);

    // Offline: what the last sync listed is still shown.
    await t.stop();
    expect(await manager.call<InboxListView>('inbox.list', {})).toMatchObject({ online: false, clips: [expect.objectContaining({ shareId: c }), expect.objectContaining({ shareId: b })] });
  });
});
