// One policy source for the whole app (issue #14, section 3): while a vault is enrolled with a
// team, recording, consent and everything else obey the organisation's signed policy as last
// verified (kept in the vault, checked again at each use), never the laptop's policy file. A real
// callvault-server process, real vaults through the contract, real libsodium.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HELD_POLICY_SETTING } from '../../../src/app/team/team-connection';
import type { AuditEntryView, TeamPolicyView } from '../../../src/shared/contract';
import { memberInvitation } from '../../../src/shared/team/api';
import { sodium } from '../../server/helpers/team-client';
import { callFixture, customer } from '../../helpers/call-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { recordingWithTranscript, startTeam, type App, type TeamSetup } from './team-fixture';

type Origin = { kind: string; label: string; version: number | null; signer: string | null; pendingAcceptance: boolean };
type Overview = { ok: boolean; source: string; message: string | null; hash: string | null; origin: Origin; callTypes: { id: string; rule: string }[] };
type Prepared = { allowed: true; call: { id: string } } | { allowed: false; reasons: { code: string; message: string }[] };

const started: TeamSetup[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.stop()));
});

const DEFAULT_TEXT = fs.readFileSync(path.resolve('resources/policy/default-policy.yaml'), 'utf8');
const DEMO_STANDARD = '  demo:\n    label: Product demo\n    rule: standard\n';

/** The organisation's policy: the default, but demos are never recorded. */
function orgPolicyFile(): string {
  expect(DEFAULT_TEXT).toContain(DEMO_STANDARD);
  const file = path.join(tempDir(), 'org-policy.yaml');
  fs.writeFileSync(file, DEFAULT_TEXT.replace(DEMO_STANDARD, '  demo:\n    label: Product demo\n    rule: prohibited\n    reason: Our demos show unreleased roadmap.\n'));
  return file;
}

/** The same organisation policy with a material change (a new thing recordings are never used for). */
function materiallyChanged(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('    - Randomly hunting for mistakes\n');
  const changed = path.join(tempDir(), 'org-policy-v2.yaml');
  fs.writeFileSync(changed, text.replace('    - Randomly hunting for mistakes\n', '    - Randomly hunting for mistakes\n    - Ranking reps against each other\n'));
  return changed;
}

/** A local policy file on the rep's laptop that allows demos (the shipped default, copied). */
function permissiveLocalFile(): string {
  const file = path.join(tempDir(), 'laptop-policy.yaml');
  fs.writeFileSync(file, DEFAULT_TEXT);
  return file;
}

const demo = { callType: 'demo', account: 'Acme', meetingTitle: 'Acme demo', participants: [customer] };
const discovery = { callType: 'discovery', account: 'Acme', meetingTitle: 'Acme discovery', participants: [customer] };

async function overview(app: App): Promise<Overview> {
  return app.call<Overview>('policy.overview');
}

describe('the policy in force', () => {
  it('is the local file or the shipped default while the vault is not enrolled', async () => {
    const shipped = await callFixture();
    expect((await overview(shipped)).origin).toMatchObject({ kind: 'default', version: null, signer: null });
    const named = await callFixture({ CALLVAULT_POLICY: orgPolicyFile() });
    expect((await overview(named)).origin).toMatchObject({ kind: 'environment' });
    await named.acknowledge();
    expect(await named.call<Prepared>('calls.prepare', demo)).toMatchObject({ allowed: false, reasons: [{ code: 'call-type-prohibited' }] });
    const installed = await callFixture();
    fs.copyFileSync(orgPolicyFile(), path.join(installed.home, 'policy.yaml'));
    expect((await overview(installed)).origin).toMatchObject({ kind: 'local-file', label: expect.stringContaining('policy.yaml') as unknown });
  });

  it("is the organisation's signed policy once enrolled: the laptop's file no longer decides, and consent records carry the signed hash", async () => {
    const team = await startTeam();
    started.push(team);
    await team.stop();
    await team.restart(['--policy', orgPolicyFile()]);
    const rep = await callFixtureEnrolled(team, { CALLVAULT_POLICY: permissiveLocalFile() });
    const published = await rep.call<TeamPolicyView>('team.policy');
    const view = await overview(rep);
    expect(view.origin).toMatchObject({ kind: 'organisation', version: published.version, pendingAcceptance: false });
    expect(view.origin.label).toMatch(/^Organisation policy v\d+, signed by your organisation's admin \(key [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}\)$/);
    expect(view.hash).toBe(published.policyHash);
    expect(view.callTypes.find((t) => t.id === 'demo')).toMatchObject({ rule: 'prohibited' });

    // The consent acknowledgment is of the organisation's policy; the demo is refused although the laptop's file allows it.
    await rep.acknowledge();
    expect(await rep.call<Prepared>('calls.prepare', demo)).toMatchObject({ allowed: false, reasons: [{ code: 'call-type-prohibited', message: expect.stringMatching(/roadmap/) as unknown }] });
    const prepared = await rep.call<Prepared>('calls.prepare', discovery);
    expect(prepared.allowed).toBe(true);
    const callId = (prepared as Extract<Prepared, { allowed: true }>).call.id;
    await rep.call('consent.record', { callId, participantEmail: customer.email, outcome: 'granted', method: 'verbal' });
    const vault = rep.session.requireVault();
    const consents = vault.calls.consents(callId);
    expect(consents).toHaveLength(1);
    expect(consents[0]!.policyHash).toBe(published.policyHash);
    expect(vault.acknowledgments.latest()?.policyHash).toBe(published.policyHash);
    const laptop = await callFixture({ CALLVAULT_POLICY: permissiveLocalFile() });
    expect((await overview(laptop)).hash).not.toBe(published.policyHash);

    // Offline after the sync: the held copy still decides.
    await team.stop();
    expect(await rep.call<Prepared>('calls.prepare', demo)).toMatchObject({ allowed: false, reasons: [{ code: 'call-type-prohibited' }] });
    expect((await rep.call<Prepared>('calls.prepare', discovery)).allowed).toBe(true);
  }, 300_000);

  it('is "no policy" when the held copy is missing, tampered with or rolled back, and waits for acceptance of a material change', async () => {
    const team = await startTeam();
    started.push(team);
    const orgFile = orgPolicyFile();
    await team.stop();
    await team.restart(['--policy', orgFile]);
    const rep = await callFixtureEnrolled(team, { CALLVAULT_POLICY: permissiveLocalFile() });
    await rep.acknowledge();
    const vault = rep.session.requireVault();
    const held = vault.settings.read(HELD_POLICY_SETTING)!;
    expect(held).toBeDefined();
    const blocked = async (pattern: RegExp) => {
      const prepared = await rep.call<Prepared>('calls.prepare', discovery);
      expect(prepared).toMatchObject({ allowed: false, reasons: [{ code: 'policy-unavailable', message: expect.stringMatching(pattern) as unknown }] });
      expect(await rep.dispatch('policy.acknowledgment', {})).toMatchObject({ ok: false, error: { code: 'POLICY_UNAVAILABLE', detail: 'team-policy-unverified' } });
      const view = await overview(rep);
      expect(view).toMatchObject({ ok: false, origin: { kind: 'organisation-unverified' } });
      expect(view.message).toMatch(/Settings > Team/);
      // Not a silent fallback: tags and redaction have no policy either.
      expect(await rep.dispatch('tags.taxonomy', {})).toMatchObject({ ok: false, error: { code: 'POLICY_UNAVAILABLE' } });
    };

    // Tampered text (the demo allowed again), same signed publication.
    vault.settings.write(HELD_POLICY_SETTING, { ...held, text: held.text.replace('rule: prohibited', 'rule: standard') });
    await blocked(/not the text your admin signed/);
    // Tampered publication (another hash named), the signature no longer verifies.
    const body = JSON.parse(held.publication.body) as Record<string, unknown>;
    vault.settings.write(HELD_POLICY_SETTING, { ...held, publication: { ...held.publication, body: JSON.stringify({ ...body, policyHash: 'sha256:' + '0'.repeat(64) }) } });
    await blocked(/valid signature/);
    vault.settings.write(HELD_POLICY_SETTING, { ...held, publication: { ...held.publication, signature: Buffer.alloc(64).toString('base64') } });
    await blocked(/valid signature/);
    // Put back: allowed again.
    vault.settings.write(HELD_POLICY_SETTING, held);
    const before = await rep.call<Prepared>('calls.prepare', discovery);
    expect(before.allowed).toBe(true);
    const setUpBefore = (before as Extract<Prepared, { allowed: true }>).call.id;
    await rep.call('consent.record', { callId: setUpBefore, participantEmail: customer.email, outcome: 'granted', method: 'verbal' });

    // A material change published: recording waits for the rep's acceptance.
    await team.stop();
    await team.restart(['--policy', materiallyChanged(orgFile)]);
    const after = await rep.call<TeamPolicyView>('team.policy');
    expect(after).toMatchObject({ materialChange: true, needsAcknowledgment: true });
    expect((await overview(rep)).origin).toMatchObject({ kind: 'organisation', version: after.version, pendingAcceptance: true });
    expect(await rep.dispatch('calls.prepare', discovery)).toMatchObject({ ok: false, error: { code: 'POLICY_NOT_ACKNOWLEDGED', detail: 'team-policy', message: expect.stringMatching(new RegExp(`version ${String(after.version)}`)) as unknown } });
    const ack = await rep.call<{ needed: boolean; reason: string; content: { policyHash: string; willNotBeUsedFor: string[] } }>('policy.acknowledgment');
    expect(ack).toMatchObject({ needed: true, content: { policyHash: after.policyHash } });
    expect(ack.content.willNotBeUsedFor).toContain('Ranking reps against each other');
    // A call set up (and consented) before the change does not start capturing either.
    expect(await rep.dispatch('capture.start', { callId: setUpBefore, inputSampleRate: 48_000 })).toMatchObject({ ok: false, error: { code: 'POLICY_NOT_ACKNOWLEDGED', detail: 'team-policy' } });
    expect(vault.calls.get(setUpBefore)?.recordingId).toBeNull();

    // Rollback: the previous signed copy put back in the vault is refused.
    const newer = vault.settings.read(HELD_POLICY_SETTING)!;
    vault.settings.write(HELD_POLICY_SETTING, held);
    await blocked(/not version \d+ which this vault accepted/);
    vault.settings.write(HELD_POLICY_SETTING, newer);

    // Accepting (from the capture screen's acknowledgment) accepts the organisation's version too.
    await rep.call('policy.acknowledge', { policyHash: ack.content.policyHash });
    expect(await rep.call<TeamPolicyView>('team.policy')).toMatchObject({ needsAcknowledgment: false, acknowledgedVersion: after.version });
    expect((await rep.call<Prepared>('calls.prepare', discovery)).allowed).toBe(true);
    // That older call was set up under the previous version: set it up again.
    expect(await rep.dispatch('capture.start', { callId: setUpBefore, inputSampleRate: 48_000 })).toMatchObject({ ok: false, error: { code: 'POLICY_CHANGED' } });
    const events = (await rep.call<AuditEntryView[]>('audit.entries')).map((e) => e.event);
    expect(events.filter((e) => e === 'team.policy_acknowledged')).toHaveLength(1);
  }, 400_000);

  it('blocks recording for a vault enrolled without a verified policy (the first sync was refused), with no fallback to the laptop file', async () => {
    const team = await startTeam();
    started.push(team);
    await sodium.ready;
    const app = await callFixture({ CALLVAULT_POLICY: permissiveLocalFile() });
    await app.acknowledge();
    expect((await app.call<Prepared>('calls.prepare', discovery)).allowed).toBe(true);
    const invitation = await team.invite('rep', 'alpha');
    const otherKey = Buffer.from(sodium.crypto_sign_keypair().publicKey).toString('base64');
    await app.call('team.enrol', { serverUrl: team.server.base, code: memberInvitation(invitation.split('.')[0]!, otherKey) });
    expect(await app.call<Prepared>('calls.prepare', discovery)).toMatchObject({ allowed: false, reasons: [{ code: 'policy-unavailable', message: expect.stringMatching(/no signed policy from your organisation has been received yet/) as unknown }] });
    expect((await overview(app)).origin.kind).toBe('organisation-unverified');
    // Redaction (and so sharing and export) is blocked too.
    const recording = await app.dispatch('redaction.review', { recordingId: crypto.randomUUID() });
    expect(recording).toMatchObject({ ok: false, error: { code: 'POLICY_UNAVAILABLE' } });
    await expect(recordingWithTranscript(app)).rejects.toThrow(/POLICY_UNAVAILABLE/);
  }, 200_000);
});

/** A rep's app (with `env`) enrolled with the team; enrolment syncs the signed policy at once. */
async function callFixtureEnrolled(team: TeamSetup, env: Record<string, string>): Promise<App> {
  const app = await callFixture(env);
  const code = await team.invite('rep', 'alpha');
  await app.call('team.enrol', { serverUrl: team.server.base, code });
  return app;
}
