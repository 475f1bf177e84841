// When the sweep runs by itself (#15 section 3): at unlock, and every hour while the vault stays
// unlocked; the hourly timer stops at lock. The test holds the timer and fires it.
import { afterEach, describe, expect, it } from 'vitest';
import { SWEEP_INTERVAL_MS, type IntervalTimers } from '../../../src/app/retention/retention-scheduler';
import { retentionFixture } from '../../helpers/retention-fixture';
import { tempDir } from '../../helpers/temp-dir';
import { PASSPHRASE } from '../../helpers/vault-fixture';

/** One interval the test fires by hand. */
class HeldInterval implements IntervalTimers {
  fn: (() => void) | undefined;
  ms = 0;
  cleared = 0;

  setInterval(fn: () => void, ms: number): unknown {
    this.fn = fn;
    this.ms = ms;
    return 1;
  }

  clearInterval(): void {
    this.fn = undefined;
    this.cleared += 1;
  }
}

type Fixture = Awaited<ReturnType<typeof retentionFixture>>;
/** Recordings whose row retention removed, from the audit log. */
const deletedRows = (f: Fixture): string[] =>
  f.vault().audit.entries().filter((e) => e.event === 'recording.deleted').map((e) => (JSON.parse(e.detail) as { recordingId: string }).recordingId);
const open: Fixture[] = [];
afterEach(() => {
  for (const f of open.splice(0)) {
    f.session.lock();
  }
});

describe('the retention sweep on its own', () => {
  it('runs at unlock and every hour while unlocked, and stops at lock', async () => {
    const timers = new HeldInterval();
    const f = await retentionFixture('2027-01-04T10:00:00.000Z', {}, tempDir(), timers);
    open.push(f);
    const first = await f.addCall('discovery');
    expect(timers.ms).toBe(SWEEP_INTERVAL_MS);

    // Past the call's 180 days while unlocked: the next hourly sweep destroys it.
    f.clock.advanceDays(181);
    timers.fn?.();
    await f.services.retention.settled();
    // Day 180 ends every content line of the call (the summary goes with its transcript), so its row goes too.
    expect(f.vault().retention.row(first.recordingId)).toBeUndefined();
    expect(f.vault().recordings.get(first.recordingId)).toBeUndefined();
    expect(deletedRows(f)).toContain(first.recordingId);

    // Locked: no timer; the next unlock sweeps at once.
    const second = await f.addCall('discovery');
    f.session.lock();
    expect(timers.fn).toBeUndefined();
    f.clock.advanceDays(181);
    await f.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    await f.services.retention.settled();
    expect(f.vault().retention.row(second.recordingId)).toBeUndefined();
    expect(deletedRows(f)).toContain(second.recordingId);
    expect(f.vault().audit.entries().filter((e) => e.event === 'retention.sweep_finished')).toHaveLength(2);
  });
});
