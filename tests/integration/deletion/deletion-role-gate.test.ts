// The customer deletion request is for the roles the policy's deletion rules name (shipped
// policy: whoMayDelete [rep, admin]; a rep's vault holds only the rep's own calls). A member
// enrolled on a real team server as a manager or as HR and legal is refused by the handler (dry
// run and real run alike, audited with the roles only), and `deletion.access` tells the UI to hide
// the dialog; a rep on the same team and a personal install may run it.
import { describe, expect, it } from 'vitest';
import { callFixture } from '../../helpers/call-fixture';
import { enrolledApp, teamsPerTest } from '../team/team-fixture';

const teams = teamsPerTest();

const identifiers = { emails: ['jane.doe@acme.example'] };

describe('who may run a customer deletion request', () => {
  it('refuses a manager and HR and legal (handler and access), lets a rep and a personal install', async () => {
    const t = await teams.startTeam();
    const manager = await enrolledApp(t, 'manager', 'alpha');
    const legal = await enrolledApp(t, 'hr-and-legal', null);
    const rep = await enrolledApp(t, 'rep', 'alpha');
    const personal = await callFixture();
    teams.lockAfter(manager, legal, rep, personal);
    // The roles come from the signed roster once the app has verified one.
    await manager.call('team.members', {});
    await rep.call('team.sync', {});

    for (const app of [manager, legal]) {
      const access = await app.call<{ allowed: boolean; roles: string[]; reason: string | null }>('deletion.access', {});
      expect(access.allowed).toBe(false);
      expect(access.reason).toMatch(/only rep or admin/);
      for (const dryRun of [true, false]) {
        const refused = await app.dispatch('deletion.request', { identifiers, dryRun });
        expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_BLOCKED' } });
      }
      const vault = app.session.requireVault();
      const events = vault.audit.entries().map((e) => e.event);
      expect(events.filter((e) => e === 'deletion.request_refused')).toHaveLength(2);
      expect(events).not.toContain('deletion.request_started');
      const detail = vault.audit.entries().find((e) => e.event === 'deletion.request_refused')!.detail;
      expect(detail).not.toContain('acme');
    }
    expect((await manager.call<{ roles: string[] }>('deletion.access', {})).roles).toEqual(['manager']);

    for (const app of [rep, personal]) {
      expect(await app.call('deletion.access', {})).toMatchObject({ allowed: true, reason: null });
      const report = await app.call<{ dryRun: boolean; found: unknown[] }>('deletion.request', { identifiers, dryRun: true });
      expect(report).toMatchObject({ dryRun: true, found: [] });
    }
    expect((await personal.call<{ roles: string[] }>('deletion.access', {})).roles).toEqual(['rep', 'admin']);
  }, 300_000);
});
