// A customer deletion request reaches calls that have no recording (review finding on #15): a
// call never started, one whose consent was declined, one whose recording the rep deleted, and one
// whose notes name the customer. Each is found (by participant, consent record, account, title or
// notes), erased whole, listed on the signed certificate and audited with ids and counts only; an
// unrelated call and a held recorded call are kept. Real session, SQLite and libsodium.
import { afterEach, describe, expect, it } from 'vitest';
import { canariesReadableWithPassphrase } from '../../helpers/decrypted-vault-scan';
import { retentionFixture } from '../../helpers/retention-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

const CUSTOMER = { name: 'Henrietta Gallowglass', email: 'h.gallowglass@thistlewick.example' };
const ACCOUNT = 'Thistlewick Partners';
const OTHER = { name: 'Barnaby Oddington', email: 'barnaby@oddington.example' };

type Setup = 'prepared' | 'declined' | 'deleted' | 'notes' | 'unrelated' | 'held';

const CASES: readonly { readonly name: string; readonly setup: Setup; readonly found: readonly string[]; readonly erased: boolean }[] = [
  { name: 'consent declined: found by email (participant and consent record)', setup: 'declined', found: ['participant', 'consent'], erased: true },
  { name: 'never started: found by account', setup: 'prepared', found: ['account'], erased: true },
  { name: 'recording deleted by the rep: found by name', setup: 'deleted', found: ['participant', 'consent'], erased: true },
  { name: 'never started, another person: found in the notes and the title', setup: 'notes', found: ['title', 'notes'], erased: true },
  { name: 'unrelated call (control)', setup: 'unrelated', found: [], erased: false },
];

async function create(f: Fixture, setup: Setup): Promise<{ callId: string; recordingId?: string }> {
  if (setup === 'deleted' || setup === 'held') {
    const made = await f.addCall('discovery', 'pricing', CUSTOMER, setup === 'held' ? 'Heldfast Ltd' : 'Elsewhere Inc');
    await f.call(setup === 'held' ? 'holds.issue' : 'recordings.destroy', setup === 'held' ? { recordingId: made.recordingId, exemptionId: 'compliance' } : { recordingId: made.recordingId });
    return made;
  }
  const person = setup === 'declined' ? CUSTOMER : OTHER;
  const account = setup === 'prepared' ? ACCOUNT : 'Elsewhere Inc';
  const title = setup === 'notes' ? `Intro for ${CUSTOMER.name}` : 'Intro';
  const prepared = await f.call('calls.prepare', { callType: 'discovery', account, meetingTitle: title, participants: [{ ...person, region: 'US-TX' }] });
  if (!prepared.allowed) {
    throw new Error(`not allowed: ${JSON.stringify(prepared.reasons)}`);
  }
  const callId = prepared.call.id;
  if (setup === 'declined') {
    await f.call('consent.record', { callId, participantEmail: person.email, outcome: 'declined', method: null });
  }
  if (setup === 'notes' || setup === 'unrelated') {
    await f.call('calls.saveNotes', { callId, body: setup === 'notes' ? `${CUSTOMER.name} asked for a quote.` : 'Nothing to note.' });
  }
  return { callId };
}

describe('customer deletion requests reach calls without a recording', () => {
  it('finds, erases and certifies them; keeps the unrelated and the held call', { timeout: 120_000 }, async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    open.push(f);
    const made = new Map<string, { callId: string; recordingId?: string }>();
    for (const c of CASES) {
      made.set(c.name, await create(f, c.setup));
    }
    const held = await create(f, 'held');
    const identifiers = { emails: [CUSTOMER.email], names: [CUSTOMER.name], phones: [], accounts: [ACCOUNT] };
    const callOf = (name: string) => made.get(name)?.callId ?? '';

    const dry = await f.call('deletion.request', { identifiers, dryRun: true });
    const foundWhere = (callId: string) => [...new Set(dry.callsFound.find((c) => c.callId === callId)?.where.map((w) => w.where) ?? [])].sort();
    expect(CASES.map((c) => ({ name: c.name, found: foundWhere(callOf(c.name)) }))).toEqual(CASES.map((c) => ({ name: c.name, found: [...c.found].sort() })));
    expect(dry.eraseCalls.sort()).toEqual(CASES.filter((c) => c.erased).map((c) => callOf(c.name)).sort());
    expect(dry.kept.map((k) => k.recordingId)).toEqual([held.recordingId]);
    expect(CASES.every((c) => f.vault().calls.get(callOf(c.name))?.erasedAt === null)).toBe(true); // a dry run changes nothing
    expect(JSON.stringify(dry.callsFound)).not.toMatch(/Gallowglass|thistlewick/iu);

    const done = await f.call('deletion.request', { identifiers, dryRun: false });
    expect(done.eraseCalls.sort()).toEqual(dry.eraseCalls.sort());
    expect(await f.call('deletion.verifyCertificate', { signed: done.certificate })).toEqual({ ok: true, reason: null });
    const certificate = (done.certificate as { certificate: { requestId: string; callsErased: { callId: string }[]; callsFound: { callId: string }[] } }).certificate;
    expect(certificate.callsErased.map((c) => c.callId).sort()).toEqual(dry.eraseCalls.sort());
    expect(certificate.callsFound.map((c) => c.callId).sort()).toEqual(dry.eraseCalls.sort());

    const vault = f.vault();
    for (const c of CASES) {
      const call = vault.calls.get(callOf(c.name));
      expect({ name: c.name, erased: call?.erasedAt !== null }).toEqual({ name: c.name, erased: c.erased });
      if (c.erased) {
        expect(call?.account).toMatch(/^erased:[0-9a-f]{64}$/);
        expect(vault.calls.notes(callOf(c.name))).toBeUndefined();
      }
    }
    expect(vault.calls.get(held.callId)).toMatchObject({ erasedAt: null, account: 'Heldfast Ltd' });
    const erasures = vault.audit.entries().filter((e) => e.event === 'call.erased').map((e) => JSON.parse(e.detail) as unknown);
    expect(erasures).toEqual(expect.arrayContaining(dry.eraseCalls.map((callId) => ({ callId, consentRecords: expect.any(Number) as unknown, rule: `deletion-request:${certificate.requestId}` }))));
    expect(erasures).toHaveLength(dry.eraseCalls.length);
    const completed = vault.audit.entries().find((e) => e.event === 'deletion.request_completed');
    expect(JSON.parse(completed?.detail ?? '{}')).toMatchObject({ callsErased: 4, callsKept: 0 });
    expect(vault.audit.entries().some((e) => /Gallowglass|thistlewick|Henrietta/iu.test(e.detail))).toBe(false);
    expect(vault.audit.verify().ok).toBe(true);

    // Asked again, nothing is found among the calls without a recording.
    expect((await f.call('deletion.request', { identifiers, dryRun: true })).callsFound).toEqual([]);
    const vaultDir = vault.profile.vaultDir;
    f.session.lock();
    // Only the held call still names the customer (control: the scan reads it).
    expect(await canariesReadableWithPassphrase(vaultDir, f.session.crypto, ['Thistlewick Partners', 'asked for a quote'])).toEqual([]);
    expect((await canariesReadableWithPassphrase(vaultDir, f.session.crypto, ['Heldfast'])).length).toBe(1);
  });
});
