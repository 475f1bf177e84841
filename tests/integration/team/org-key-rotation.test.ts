// Rotating the organisation key (#14 section 3): a real callvault-server process whose admin runs
// `callvault-server org-key rotate`, real vaults enrolled with it, and a man in the middle that
// hands one app forged, replayed, truncated, skipping and foreign key-change chains, and
// publications signed by a retired key. The app follows only a chain from its pinned key.
import { afterEach, describe, expect, it } from 'vitest';
import { ORG_SETTING, TeamConnection } from '../../../src/app/team/team-connection';
import { createTeamCrypto } from '../../../src/platform/crypto/team-crypto';
import type { AuditEntryView } from '../../../src/shared/contract';
import { RosterBody, type SignedPublication } from '../../../src/shared/team/api';
import { OrgKeyChainReply } from '../../../src/shared/team/org-key';
import { keyStatement, serverOrgKey, signingFingerprint, signPublication, freshOrgKey, type OrgKeyPair } from '../../helpers/org-key-statements';
import { runCli } from '../../server/helpers/server-process';
import { enrolledApp, startTeam, type App, type TeamSetup } from './team-fixture';

const started: TeamSetup[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

/** The admin rotates the key: server stopped (PGlite is one process), `org-key rotate`, started again. */
async function rotate(team: TeamSetup): Promise<OrgKeyPair> {
  await team.stop();
  const result = runCli(['org-key', 'rotate', '--data', team.dataDir]);
  expect(result.status, result.stderr).toBe(0);
  await team.restart();
  return serverOrgKey(team.dataDir);
}

const auditOf = async (app: App, event: string) =>
  (await app.call<AuditEntryView[]>('audit.entries')).filter((e) => e.event === event).map((e) => JSON.parse(e.detail) as Record<string, unknown>);
const pinOf = (app: App) => app.session.requireVault().settings.read(ORG_SETTING)!;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

type Rewrite = (path: string, json: Record<string, unknown>) => Record<string, unknown>;
function manInTheMiddle(state: { rewrite: Rewrite | undefined }) {
  return async (url: string, init: RequestInit): Promise<Response> => {
    const response = await fetch(url, init);
    const rewrite = state.rewrite;
    if (rewrite === undefined || !response.ok || !(response.headers.get('content-type') ?? '').includes('application/json')) {
      return response;
    }
    const json = rewrite(new URL(url).pathname, (await response.json()) as Record<string, unknown>);
    return new Response(JSON.stringify(json), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
}

describe('organisation key rotation in the app', () => {
  it('follows one rotation, then a second (a chain of two), and a member offline during both catches up; the policy in force is signed by the new key', async () => {
    const team = await startTeam();
    started.push(team);
    const k1 = await serverOrgKey(team.dataDir);
    const rep = await enrolledApp(team, 'rep', 'alpha');
    const manager = await enrolledApp(team, 'manager', 'alpha');
    expect(pinOf(rep)).toMatchObject({ orgKey: b64(k1.publicKey), orgKeySequence: 0 });
    const organisation = pinOf(rep).organisation;
    expect(organisation).toMatch(/^[0-9a-f-]{36}$/);

    const k2 = await rotate(team);
    expect(b64(k2.publicKey)).not.toBe(b64(k1.publicKey));
    const members = await rep.call<{ members: { memberId: string; allowed: boolean }[] }>('team.members', {});
    expect(members.members.find((m) => m.memberId === manager.status.member!.memberId)).toMatchObject({ allowed: true });
    expect(pinOf(rep)).toMatchObject({ orgKey: b64(k2.publicKey), orgKeySequence: 1, organisation });
    expect(await auditOf(rep, 'team.org_key_rotated')).toEqual([{ from: 0, to: 1, statements: 1, key: signingFingerprint(k2.publicKey) }]);
    // Recording obeys the organisation policy as the new key signed it (verified again at each use).
    const overview = await rep.call<{ origin: Record<string, unknown> }>('policy.overview');
    expect(overview.origin).toMatchObject({ kind: 'organisation', signer: signingFingerprint(k2.publicKey) });

    const k3 = await rotate(team);
    await rep.call('team.members', {});
    expect(pinOf(rep)).toMatchObject({ orgKey: b64(k3.publicKey), orgKeySequence: 2 });
    expect(await auditOf(rep, 'team.org_key_rotated')).toEqual([
      { from: 0, to: 1, statements: 1, key: signingFingerprint(k2.publicKey) },
      { from: 1, to: 2, statements: 1, key: signingFingerprint(k3.publicKey) },
    ]);

    // The manager did not sync during either rotation: it follows both statements at once.
    expect(pinOf(manager)).toMatchObject({ orgKey: b64(k1.publicKey), orgKeySequence: 0 });
    await manager.call('team.members', {});
    expect(pinOf(manager)).toMatchObject({ orgKey: b64(k3.publicKey), orgKeySequence: 2, organisation });
    expect(await auditOf(manager, 'team.org_key_rotated')).toEqual([{ from: 0, to: 2, statements: 2, key: signingFingerprint(k3.publicKey) }]);
    expect((await manager.call<{ origin: Record<string, unknown> }>('policy.overview')).origin).toMatchObject({ kind: 'organisation', signer: signingFingerprint(k3.publicKey) });
    // A member invited now pins the new key from the invitation and follows nothing.
    const newcomer = await enrolledApp(team, 'rep', 'alpha');
    expect(pinOf(newcomer)).toMatchObject({ orgKey: b64(k3.publicKey), orgKeySequence: 0, organisation });
    expect(await auditOf(newcomer, 'team.org_key_rotated')).toEqual([]);
    expect(await auditOf(rep, 'team.publication_refused')).toEqual([]);
  }, 600_000);

  it('refuses forged, replayed, decreasing, skipping, truncated and foreign chains, and publications signed by a retired key', async () => {
    const team = await startTeam();
    started.push(team);
    const k1 = await serverOrgKey(team.dataDir);
    const app = await enrolledApp(team, 'rep', 'alpha');
    const vault = app.session.requireVault();
    const organisation = pinOf(app).organisation!;
    const k2 = await rotate(team);
    const k3 = await rotate(team);
    const state: { rewrite: Rewrite | undefined } = { rewrite: undefined };
    const connection = new TeamConnection(() => createTeamCrypto(), manInTheMiddle(state));
    const withChain = (statements: SignedPublication[], org = organisation): Rewrite => (p, json) => (p === '/v1/org-key/chain' ? { organisation: org, statements } : json);
    const refusedWith = async (chain: string) => {
      await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'roster-forged' });
      expect((await auditOf(app, 'team.publication_refused')).at(-1)).toMatchObject({ kind: 'roster', reason: 'forged', chain });
      // Nothing moved: still the invitation's key, no rotation audited.
      expect(pinOf(app)).toMatchObject({ orgKey: b64(k1.publicKey), orgKeySequence: 0 });
      expect(await auditOf(app, 'team.org_key_rotated')).toEqual([]);
    };

    // The honest chain as the server serves it: k1 -> k2 (1), k2 -> k3 (2).
    const honest = OrgKeyChainReply.parse((await team.admin.get('/v1/org-key/chain')).json);
    expect(honest.organisation).toBe(organisation);
    expect(honest.statements).toHaveLength(2);
    const stranger = await freshOrgKey();

    // A statement signed by the wrong key (the new key signs its own hand-over; a stranger signs it).
    state.rewrite = withChain([keyStatement(organisation, 1, k1, k2, k2), honest.statements[1]!]);
    await refusedWith('forged-statement');
    state.rewrite = withChain([keyStatement(organisation, 1, k1, k2, stranger), honest.statements[1]!]);
    await refusedWith('forged-statement');
    // A statement that is properly signed but hands over to a key the roster was not signed with, then further by a stranger.
    state.rewrite = withChain([keyStatement(organisation, 1, k1, stranger)]);
    await refusedWith('not-signed-by-chain');
    // Sequence replayed (the second statement reuses 1) and decreasing (2 then 1).
    state.rewrite = withChain([honest.statements[0]!, keyStatement(organisation, 1, k2, k3)]);
    await refusedWith('sequence');
    state.rewrite = withChain([keyStatement(organisation, 2, k1, k2), keyStatement(organisation, 1, k2, k3)]);
    await refusedWith('sequence');
    // A chain that skips the pinned key (it starts at k2), and a truncated one (ends at k2, the roster is k3's).
    state.rewrite = withChain([honest.statements[1]!]);
    await refusedWith('not-from-pinned-key');
    state.rewrite = withChain([honest.statements[0]!]);
    await refusedWith('not-signed-by-chain');
    // Statements for another organisation, signed by the right keys (one key shared by two deployments).
    const other = crypto.randomUUID();
    state.rewrite = withChain([keyStatement(other, 1, k1, k2), keyStatement(other, 2, k2, k3)], other);
    await refusedWith('other-organisation');
    state.rewrite = withChain([keyStatement(other, 1, k1, k2), keyStatement(other, 2, k2, k3)]);
    await refusedWith('other-organisation');

    // The honest chain is followed: k3 pinned.
    state.rewrite = undefined;
    await connection.directory(vault);
    expect(pinOf(app)).toMatchObject({ orgKey: b64(k3.publicKey), orgKeySequence: 2 });
    expect(await auditOf(app, 'team.org_key_rotated')).toEqual([{ from: 0, to: 2, statements: 2, key: signingFingerprint(k3.publicKey) }]);

    // After the rotation, a new roster signed by a retired key (k1 or k2) is refused, whatever chain comes with it:
    // the retired k1 signing a hand-over of its own does not start at the pinned k3.
    const current = (await team.admin.get('/v1/roster')).json as SignedPublication;
    const next = JSON.stringify({ ...RosterBody.parse(JSON.parse(current.body)), version: RosterBody.parse(JSON.parse(current.body)).version + 1 });
    for (const retired of [k1, k2]) {
      state.rewrite = (p, json) => (p === '/v1/roster' ? { ...signPublication('roster', next, retired) } : json);
      await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'roster-forged' });
      expect((await auditOf(app, 'team.publication_refused')).at(-1)).toMatchObject({ reason: 'forged', chain: 'no-rotation' });
    }
    // A roster signed by a key of the attacker's, with a chain appended that hands over to it:
    // from the retired k1 (does not start at the pinned k3), or from k3 itself with a sequence already followed.
    const evil = await freshOrgKey();
    for (const [extra, chain] of [
      [keyStatement(organisation, 3, k1, evil), 'not-from-pinned-key'],
      [keyStatement(organisation, 2, k3, evil), 'sequence'],
    ] as const) {
      state.rewrite = (p, json) => {
        if (p === '/v1/roster') {
          return { ...signPublication('roster', next, evil) };
        }
        return p === '/v1/org-key/chain' ? { organisation, statements: [...honest.statements, extra] } : json;
      };
      await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'roster-forged' });
      expect((await auditOf(app, 'team.publication_refused')).at(-1)).toMatchObject({ chain });
    }
    expect(pinOf(app)).toMatchObject({ orgKey: b64(k3.publicKey), orgKeySequence: 2 });

    // A roster the current key signed, but naming another organisation, is refused too.
    const foreign = JSON.stringify({ ...RosterBody.parse(JSON.parse(next)), organisation: other });
    state.rewrite = (p, json) => (p === '/v1/roster' ? { ...signPublication('roster', foreign, k3) } : json);
    await expect(connection.directory(vault)).rejects.toMatchObject({ code: 'INTEGRITY', detail: 'roster-other-organisation' });

    // The honest server still works afterwards, under k3.
    state.rewrite = undefined;
    await connection.directory(vault);
    expect(await auditOf(app, 'team.org_key_rotated')).toHaveLength(1);
  }, 600_000);
});
