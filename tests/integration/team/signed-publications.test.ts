// Roles and the policy come from the server signed by the organisation's admin key (issue #14):
// a real callvault-server process, real vaults, and a man in the middle between one app and the
// server that alters, unsigns, re-signs and replays the roster and policy publication. The app
// must refuse each (audited) and keep deciding access by what it last verified.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TeamConnection } from '../../../src/app/team/team-connection';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import type { AuditEntryView, TeamMembersView, TeamPolicyView } from '../../../src/shared/contract';
import { memberInvitation, RosterBody, type SignedPublication } from '../../../src/shared/team/api';
import { publicationMessage } from '../../../src/shared/team/signing';
import { sodium } from '../../server/helpers/team-client';
import { tempDir } from '../../helpers/temp-dir';
import { callFixture } from '../../helpers/call-fixture';
import { enrolledApp, startTeam, type TeamSetup } from './team-fixture';

const started: TeamSetup[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});
async function startedTeam(): Promise<TeamSetup> {
  const setup = await startTeam();
  started.push(setup);
  return setup;
}

type Rewrite = (path: string, json: Record<string, unknown>) => Record<string, unknown>;

/** A fetch that hands the server's JSON replies to `rewrite` before the app sees them. */
function manInTheMiddle(state: { rewrite: Rewrite | undefined }) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const response = await fetch(url, init);
    const rewrite = state.rewrite;
    if (rewrite === undefined || !(response.headers.get('content-type') ?? '').includes('application/json') || !response.ok) {
      return response;
    }
    const json = rewrite(new URL(url).pathname, (await response.json()) as Record<string, unknown>);
    return new Response(JSON.stringify(json), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
}

const refusals = async (call: <T>(method: string) => Promise<T>) => (await call<AuditEntryView[]>('audit.entries')).filter((e) => e.event === 'team.publication_refused').map((e) => JSON.parse(e.detail) as { kind: string; reason: string });

describe('signed roster and policy', () => {
  it('refuses a tampered, unsigned, wrongly signed or rolled-back roster and policy, and asks again after a material policy change', async () => {
    const team = await startedTeam();
    await sodium.ready;
    const rep = await enrolledApp(team, 'rep', 'alpha');
    const manager = await enrolledApp(team, 'manager', 'alpha');
    const managerId = manager.status.member!.memberId;
    const vault = rep.session.requireVault();
    const state: { rewrite: Rewrite | undefined } = { rewrite: undefined };
    const connection = new TeamConnection(() => createTeamCrypto(), manInTheMiddle(state));

    // Untouched: the members and roles the app uses are the signed roster's.
    const honest = await connection.directory(vault);
    expect(honest.members.find((m) => m.memberId === managerId)).toMatchObject({ role: 'manager', team: 'alpha' });
    const captured: { roster?: SignedPublication; policy?: unknown } = {};
    state.rewrite = (p, json) => {
      if (p === '/v1/roster') {captured.roster = json as SignedPublication;}
      if (p === '/v1/policy') {captured.policy = json;}
      return json;
    };
    await connection.directory(vault);

    // 1. The server (or anyone on the way) moves the manager to another team: the signature no longer matches.
    state.rewrite = (p, json) => {
      if (p !== '/v1/roster') {return json;}
      const body = RosterBody.parse(JSON.parse(json.body as string));
      const members = body.members.map((m) => (m.memberId === managerId ? { ...m, team: 'beta' } : m));
      return { ...json, body: JSON.stringify({ ...body, members }) };
    };
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'roster-forged' });
    // 2. A roster without a valid signature (all zeros), and one signed by another key.
    state.rewrite = (p, json) => (p === '/v1/roster' ? { ...json, signature: Buffer.alloc(64).toString('base64') } : json);
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'roster-forged' });
    const stranger = sodium.crypto_sign_keypair();
    state.rewrite = (p, json) => {
      if (p !== '/v1/roster') {return json;}
      const body = JSON.stringify({ ...RosterBody.parse(JSON.parse(json.body as string)), version: 999 });
      return { body, signature: Buffer.from(sodium.crypto_sign_detached(new TextEncoder().encode(publicationMessage('roster', body)), stranger.privateKey)).toString('base64') };
    };
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'roster-forged' });
    // A reply with no signature at all is not in the API's shape.
    state.rewrite = (p, json) => (p === '/v1/roster' ? { body: json.body } : json);
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY' });
    // 3. The policy publication naming another policy text.
    state.rewrite = (p, json) => {
      if (p !== '/v1/policy') {return json;}
      const publication = json.publication as SignedPublication;
      const body = JSON.parse(publication.body) as Record<string, unknown>;
      return { ...json, publication: { ...publication, body: JSON.stringify({ ...body, policyHash: 'sha256:' + '0'.repeat(64) }) } };
    };
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'policy-forged' });
    state.rewrite = (p, json) => (p === '/v1/policy' ? { ...json, hash: 'sha256:' + '1'.repeat(64) } : json);
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'policy-forged' });

    // 4. Rollback: a new member enrols (roster version + 1), the app accepts it; the old roster replayed is refused.
    state.rewrite = undefined;
    const newcomer = await enrolledApp(team, 'manager', 'beta');
    expect((await connection.directory(vault)).members.map((m) => m.memberId)).toContain(newcomer.status.member!.memberId);
    state.rewrite = (p, json) => (p === '/v1/roster' ? (captured.roster as unknown as Record<string, unknown>) : json);
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'roster-rolled-back' });

    // Every refusal is in the rep's audit chain, with the kind and reason only.
    expect((await refusals(rep.call)).map((r) => `${r.kind}-${r.reason}`)).toEqual(['roster-forged', 'roster-forged', 'roster-forged', 'policy-forged', 'policy-forged', 'roster-rolled-back']);
    state.rewrite = undefined;

    // 5. A materially changed policy (the admin restarts the server with it): sharing waits for the rep's acknowledgment.
    const before = await rep.call<TeamPolicyView>('team.policy');
    expect(before).toMatchObject({ version: 1, needsAcknowledgment: false, acknowledgedVersion: 1 });
    const changed = path.join(tempDir(), 'policy.yaml');
    const text = fs.readFileSync(path.resolve('resources/policy/default-policy.yaml'), 'utf8');
    expect(text).toContain('    - Randomly hunting for mistakes\n');
    fs.writeFileSync(changed, text.replace('    - Randomly hunting for mistakes\n', '    - Randomly hunting for mistakes\n    - Ranking reps against each other\n'));
    await team.stop();
    await team.restart(['--policy', changed]);
    const after = await rep.call<TeamPolicyView>('team.policy');
    expect(after).toMatchObject({ version: 2, materialChange: true, needsAcknowledgment: true, acknowledgedVersion: 1 });
    const share = { recordingId: crypto.randomUUID(), fromMs: 0, toMs: 10_000, recipients: [managerId], purpose: 'coaching', confirm: true };
    expect(await rep.dispatch('share.create', share)).toMatchObject({ ok: false, error: { code: 'POLICY_NOT_ACKNOWLEDGED', detail: 'team-policy' } });
    expect(await rep.dispatch('team.acknowledgePolicy', { version: 1 })).toMatchObject({ ok: false, error: { code: 'POLICY_CHANGED' } });
    expect(await rep.call<TeamPolicyView>('team.acknowledgePolicy', { version: 2 })).toMatchObject({ needsAcknowledgment: false, acknowledgedVersion: 2 });
    // Past the acknowledgment gate: the share now fails only because that recording does not exist.
    expect(await rep.dispatch('share.create', share)).not.toMatchObject({ ok: false, error: { code: 'POLICY_NOT_ACKNOWLEDGED' } });
    expect((await rep.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event === 'team.policy_acknowledged')).toHaveLength(1);
    // The manager, who has not acknowledged it, cannot open clips either; the old policy publication replayed is refused.
    expect((await manager.call<TeamPolicyView>('team.policy')).needsAcknowledgment).toBe(true);
    state.rewrite = (p, json) => (p === '/v1/policy' ? (captured.policy as Record<string, unknown>) : json);
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'policy-rolled-back' });
    // Still deciding by the signed roster: the manager is allowed, the newcomer of another team is not.
    const members = await rep.call<TeamMembersView>('team.members', {});
    expect(members.members.find((m) => m.memberId === managerId)).toMatchObject({ allowed: true });
    expect(members.members.find((m) => m.memberId === newcomer.status.member!.memberId)).toMatchObject({ allowed: false });
  }, 400_000);

  it('refuses the roster when the invitation named another organisation key than the server signs with', async () => {
    const team = await startedTeam();
    await sodium.ready;
    const app = await callFixture();
    const invitation = await team.invite('rep', 'alpha');
    const otherKey = Buffer.from(sodium.crypto_sign_keypair().publicKey).toString('base64');
    await app.call('team.enrol', { serverUrl: team.server.base, code: memberInvitation(invitation.split('.')[0]!, otherKey) });
    expect(await app.dispatch('team.members', {})).toMatchObject({ ok: false, error: { code: 'INTEGRITY', detail: 'roster-forged' } });
    expect(await app.dispatch('team.enrol', { serverUrl: team.server.base, code: invitation.split('.')[0] })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  }, 200_000);
});
