// A sweep run by the app's scheduler (`retention.run`) goes in slices (#15, rot16): after each
// batch of destructions and each key bucket the shred rotation rekeys, it reports progress
// (`retention.progress`, counts only) and gives the event loop back, so the UI thread is never
// held for the whole sweep. Real session, real vault files, real libsodium; the shipped policy.
import { afterEach, describe, expect, it } from 'vitest';
import { AppEvents } from '../../../src/app/app-events';
import type { EventPayload } from '../../../src/shared/contract';
import { retentionFixture } from '../../helpers/retention-fixture';

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
const fixtures: Fixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) {
    f.session.lock();
  }
});

describe('retention sweep in slices', () => {
  it('reports each phase as it goes and lets other work run between its transactions', async () => {
    const events = new AppEvents();
    const progress: EventPayload<'retention.progress'>[] = [];
    events.subscribe((event) => {
      if (event.name === 'retention.progress') {
        progress.push(event.payload);
      }
    });
    const f = await retentionFixture('2027-01-04T10:00:00.000Z', {}, undefined, undefined, undefined, events);
    fixtures.push(f);
    const calls = [];
    for (let i = 0; i < 5; i += 1) {
      calls.push(await f.addCall('discovery', `canary ${String(i)}`));
    }
    const kept = await f.addCall('discovery', 'kept');
    const epoch = f.vault().keyEpoch;
    f.clock.advanceDays(400);
    await f.call('retention.setDealOutcome', { recordingId: kept.recordingId, outcome: 'won', decidedOn: f.clock.day() });
    progress.length = 0;

    // Something else wanting the thread while the sweep runs: it gets turns between the slices.
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      if (ticking) {
        turns += 1;
        setImmediate(tick);
      }
    };
    setImmediate(tick);
    const report = await f.call('retention.run', { dryRun: false });
    ticking = false;

    expect(report.recordingsRemoved.length).toBeGreaterThanOrEqual(5);
    expect(f.vault().keyEpoch).toBe(epoch + 1);
    const rotation = f.vault().lastShredRotation;
    const phases = progress.map((p) => p.phase);
    // Destroying first, then one step per bucket rekeyed, then the rotation's end.
    expect(phases[0]).toBe('destroying');
    expect(progress.filter((p) => p.phase === 'destroying').at(-1)).toMatchObject({ done: report.destroyed.length });
    const rekeying = progress.filter((p) => p.phase === 'rekeying');
    expect(rekeying.length).toBe(rotation?.bucketsRekeyed);
    expect(rekeying.length).toBeGreaterThan(0);
    expect(rekeying.map((p) => p.done)).toEqual(rekeying.map((_, i) => i + 1));
    expect(progress.at(-1)).toEqual({ phase: 'rotating', done: 1, total: 1 });
    expect(phases.indexOf('rekeying')).toBeGreaterThan(phases.lastIndexOf('destroying'));
    // The event loop ran between the slices (at least once per slice after the first).
    expect(turns).toBeGreaterThanOrEqual(progress.length - 1);
    expect(rotation?.longestSliceMs).toBeLessThanOrEqual(rotation?.ms ?? 0);
    // The call kept reads; the audit chain verifies.
    expect(f.vault().transcripts.latest(kept.recordingId)?.segments[0]?.text).toContain('kept');
    expect(f.vault().audit.verify().ok).toBe(true);
  });
});
