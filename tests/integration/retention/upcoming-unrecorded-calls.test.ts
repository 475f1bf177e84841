// "Deleted in the next 14 days" lists the coming erasure of calls without a recording (a call
// never started, one whose consent was declined, one whose recording the rep deleted), with the
// day, the rule and the reason, through the contract on a real vault (SQLite, libsodium, the
// shipped policy, the app's movable clock). A recorded call is the control: its artifacts are
// listed as before, under its recording. On the day the sweep erases them, they leave the list.
import { afterEach, describe, expect, it } from 'vitest';
import { retentionFixture } from '../../helpers/retention-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

const PERSON = { name: 'Ophelia Trennant', email: 'ophelia@trennant.example', region: 'US-TX' };

async function prepare(f: Fixture, meetingTitle: string): Promise<string> {
  const prepared = await f.call('calls.prepare', { callType: 'discovery', account: 'Trennant Ltd', meetingTitle, participants: [PERSON] });
  if (!prepared.allowed) {
    throw new Error(`not allowed: ${JSON.stringify(prepared.reasons)}`);
  }
  return prepared.call.id;
}

describe('retention.upcoming lists the erasure of calls without a recording', () => {
  it('from 14 days before their day, with the rule and reason; gone from the list once erased', { timeout: 120_000 }, async () => {
    const f = await retentionFixture('2027-01-04T10:00:00.000Z');
    open.push(f);
    const neverStarted = await prepare(f, 'Intro never held');
    const declined = await prepare(f, 'Intro declined');
    await f.call('consent.record', { callId: declined, participantEmail: PERSON.email, outcome: 'declined', method: null });
    const deleted = await f.addCall('discovery', 'pricing');
    await f.call('recordings.destroy', { recordingId: deleted.recordingId });
    const recorded = await f.addCall('discovery', 'pricing');
    // A discovery call is kept 180 days (the shipped policy's strictest artifact period for the type).
    const due = '2027-07-03';

    f.clock.advanceDays(165);
    const early = await f.call('retention.upcoming', { days: 14 });
    expect(early.filter((e) => e.artifact === 'call-metadata')).toEqual([]);

    f.clock.advanceDays(1);
    const soon = await f.call('retention.upcoming', { days: 14 });
    const calls = soon.filter((e) => e.artifact === 'call-metadata');
    expect(calls.map((e) => e.callId).sort()).toEqual([neverStarted, declined, deleted.callId].sort());
    for (const entry of calls) {
      expect(entry).toMatchObject({
        recordingId: null,
        callType: 'discovery',
        on: due,
        rule: 'retention.default.recording',
        why: 'a call with no recording is kept no longer than its shortest artifact period (recording, 180 days)',
        request: null,
      });
    }
    expect(calls.find((e) => e.callId === neverStarted)?.title).toBe('Intro never held');
    // The recorded call (control) is listed by its recording, as before; its call is not listed apart.
    expect(soon.filter((e) => e.recordingId === recorded.recordingId).every((e) => e.callId === null)).toBe(true);
    expect(soon.some((e) => e.recordingId === recorded.recordingId && e.artifact === 'recording' && e.on === due)).toBe(true);
    expect(calls.some((e) => e.callId === recorded.callId)).toBe(false);

    // On the day, the sweep erases them and they leave the list.
    f.clock.advanceDays(14);
    const swept = await f.call('retention.run', { dryRun: false });
    expect(swept.callsErased.map((c) => c.callId).sort()).toEqual([neverStarted, declined, deleted.callId].sort());
    expect((await f.call('retention.upcoming', { days: 14 })).filter((e) => e.artifact === 'call-metadata')).toEqual([]);
  });
});
