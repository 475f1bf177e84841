// Two simulated years of retention for calls that have no recording (review finding on #15):
// never started, consent declined, or the recording deleted by the rep. Each gets the strictest
// period the policy gives any artifact of its call type (counted from the call's day) and is
// erased whole on that day: account, title, participants and consent records' names and emails
// become keyed digests, its notes are destroyed. Recorded calls (controls) keep the existing
// rule: their metadata goes with their last content; a held one is never erased. The app sweeps
// once per simulated day through retention.run; the oracle is plain day arithmetic.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { canariesReadableWithPassphrase } from '../../helpers/decrypted-vault-scan';
import { retentionFixture } from '../../helpers/retention-fixture';
import { tempDir } from '../../helpers/temp-dir';

const END = 730;
type Kind = 'prepared' | 'declined' | 'notes' | 'deleted' | 'recorded' | 'held';

interface Case {
  readonly name: string;
  readonly day: number;
  readonly type: 'discovery' | 'demo' | 'renewal';
  readonly kind: Kind;
  /** Canary surname of its one participant (unique per case). */
  readonly who: string;
}

const CASES: readonly Case[] = [
  { name: 'never started (prepared only)', day: 0, type: 'discovery', kind: 'prepared', who: 'Quarrington' },
  { name: 'consent declined, demo (a 90-day call-type line)', day: 10, type: 'demo', kind: 'declined', who: 'Fennimore' },
  { name: 'recording deleted by the rep', day: 20, type: 'discovery', kind: 'deleted', who: 'Abernethy' },
  { name: 'never started, with the rep notes about the customer', day: 40, type: 'renewal', kind: 'notes', who: 'Wolstenholme' },
  { name: 'recorded (control): metadata goes with its last content', day: 50, type: 'discovery', kind: 'recorded', who: 'Pemberthy' },
  { name: 'recorded and held (control): never erased', day: 60, type: 'discovery', kind: 'held', who: 'Cholmondeley' },
  { name: 'consent declined in the second year', day: 400, type: 'renewal', kind: 'declined', who: 'Tregarthen' },
  { name: 'prepared in the second year, demo', day: 420, type: 'demo', kind: 'prepared', who: 'Ravenscroft' },
  { name: 'recording deleted in the second year, demo', day: 600, type: 'demo', kind: 'deleted', who: 'Illingworth' },
  { name: 'prepared late: its day is after the end, still kept', day: 700, type: 'discovery', kind: 'prepared', who: 'Mountjoy' },
];

/** The oracle, written out by hand: the shortest period of any artifact of the type (demo 90 days in the test policy, else 180). */
function expectedDay(c: Case): number | undefined {
  if (c.kind === 'held') {
    return undefined;
  }
  const due = c.day + (c.type === 'demo' ? 90 : 180);
  return due <= END ? due : undefined;
}

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

const participantOf = (c: Case) => ({ name: `Imogen ${c.who}`, email: `${c.who.toLowerCase()}@client.example` });

async function create(f: Fixture, c: Case): Promise<string> {
  const participant = participantOf(c);
  if (c.kind === 'recorded' || c.kind === 'held' || c.kind === 'deleted') {
    const { recordingId, callId } = await f.addCall(c.type, 'pricing', participant, `${c.who} Holdings`);
    if (c.kind === 'held') {
      await f.call('holds.issue', { recordingId, exemptionId: 'compliance' });
    }
    if (c.kind === 'deleted') {
      await f.call('recordings.destroy', { recordingId });
    }
    return callId;
  }
  const prepared = await f.call('calls.prepare', { callType: c.type, account: `${c.who} Holdings`, meetingTitle: `Intro with ${c.who}`, participants: [{ ...participant, region: 'US-TX' }] });
  if (!prepared.allowed) {
    throw new Error(`not allowed: ${JSON.stringify(prepared.reasons)}`);
  }
  const callId = prepared.call.id;
  if (c.kind === 'declined') {
    await f.call('consent.record', { callId, participantEmail: participant.email, outcome: 'declined', method: null });
  }
  if (c.kind === 'notes') {
    await f.call('calls.saveNotes', { callId, body: `Spoke to ${participant.name} about the renewal.` });
  }
  return callId;
}

describe('two simulated years of retention for calls without a recording', () => {
  it('erases each call on exactly its day, nothing held, and leaves no name in the decrypted vault', { timeout: 300_000 }, async () => {
    const shipped = fs.readFileSync(path.resolve(import.meta.dirname, '../../../resources/policy/default-policy.yaml'), 'utf8');
    const policyFile = path.join(tempDir(), 'policy.yaml');
    const policy = shipped.replace('    legal-discussion: { recording: 90d', '    demo: { recording: 90d, transcript: 90d, notes: 90d, tags: 90d }\n    legal-discussion: { recording: 90d');
    expect(policy).not.toBe(shipped);
    fs.writeFileSync(policyFile, policy);
    const f = await retentionFixture('2027-01-04T10:00:00.000Z', { CALLVAULT_POLICY: policyFile });
    open.push(f);

    const callIds = new Map<Case, string>();
    const erasedOn = new Map<string, number>();
    const reportedOn = new Map<string, number>();
    for (let day = 0; day <= END; day += 1) {
      for (const c of CASES.filter((x) => x.day === day)) {
        callIds.set(c, await create(f, c));
      }
      const report = await f.call('retention.run', { dryRun: false });
      for (const erased of report.callsErased) {
        expect(reportedOn.has(erased.callId)).toBe(false);
        reportedOn.set(erased.callId, day);
        expect(erased.dueOn).toBe(f.clock.day());
      }
      for (const id of callIds.values()) {
        if (!erasedOn.has(id) && f.vault().calls.get(id)?.erasedAt !== null) {
          erasedOn.set(id, day);
        }
      }
      f.clock.advanceDays(1);
    }

    const table = CASES.map((c) => ({ name: c.name, erasedOn: erasedOn.get(callIds.get(c) ?? '') }));
    expect(table).toEqual(CASES.map((c) => ({ name: c.name, erasedOn: expectedDay(c) })));
    // The sweep reports the unrecorded calls it erased (the recorded control goes through its recording).
    for (const c of CASES.filter((x) => x.kind !== 'recorded' && x.kind !== 'held')) {
      expect(reportedOn.get(callIds.get(c) ?? '')).toBe(expectedDay(c));
    }

    const vault = f.vault();
    const erasedCases = CASES.filter((c) => expectedDay(c) !== undefined);
    for (const c of erasedCases) {
      const call = vault.calls.get(callIds.get(c) ?? '');
      expect(call?.account).toMatch(/^erased:[0-9a-f]{64}$/);
      expect(call?.meetingTitle).toMatch(/^erased:[0-9a-f]{64}$/);
      for (const record of vault.calls.consents(call?.id ?? '')) {
        expect(record.participantEmail).toMatch(/^erased:/);
        expect(vault.erasedFieldMatches('participant-email', participantOf(c).email, record.participantEmail)).toBe(true);
      }
      expect(vault.calls.notes(call?.id ?? '')).toBeUndefined();
    }
    // Each erasure is audited with ids, counts and the rule only.
    const erasures = vault.audit.entries().filter((e) => e.event === 'call.erased').map((e) => JSON.parse(e.detail) as { callId: string; rule?: string });
    expect(erasures.map((e) => e.callId).sort()).toEqual(erasedCases.map((c) => callIds.get(c)).sort());
    for (const c of erasedCases.filter((x) => x.kind !== 'recorded')) {
      expect(erasures.find((e) => e.callId === callIds.get(c))?.rule).toBe(c.type === 'demo' ? 'retention.byCallType.demo.recording' : 'retention.default.recording');
    }
    expect(vault.audit.entries().some((e) => CASES.some((c) => e.detail.includes(c.who) || e.detail.includes(c.who.toLowerCase())))).toBe(false);
    expect(vault.audit.verify().ok).toBe(true);

    // What is kept: the held control and the late call, as they were.
    for (const c of CASES.filter((x) => expectedDay(x) === undefined)) {
      expect(vault.calls.get(callIds.get(c) ?? '')).toMatchObject({ erasedAt: null, account: `${c.who} Holdings` });
    }
    // No erased call's people or account left anywhere in the decrypted vault; the kept ones still there (control).
    const found = await canariesReadableWithPassphrase(vault.profile.vaultDir, f.session.crypto, CASES.map((c) => c.who));
    expect(found.sort()).toEqual(CASES.filter((c) => expectedDay(c) === undefined).map((c) => `vault.db (decrypted) holds "${c.who}"`).sort());
  });
});
