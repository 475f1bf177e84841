// team.sync by itself (#15 section 3): while the vault is unlocked and enrolled with a team
// server, the app syncs at unlock and every interval after the last run ended; a failed run (the
// server stopped) is retried sooner with a doubling backoff up to the interval; runs never
// overlap (one timer at most, none while a run is under way); lock stops it, and the next unlock
// syncs at once. Real server process, real vault; the app's clock (MovableClock) and timers that
// fire on that clock are injected, so the test moves time instead of waiting.
import { describe, expect, it } from 'vitest';
import type { SyncTimers } from '../../../src/app/team/team-sync-scheduler';
import { MovableClock, retentionFixture } from '../../helpers/retention-fixture';
import { PASSPHRASE } from '../../helpers/vault-fixture';
import { enrolledApp, teamsPerTest } from './team-fixture';

const MINUTE = 60_000;
const INTERVAL = 15 * MINUTE;
const RETRY = 30_000;

/** Timeouts due on the app's movable clock, fired when the test moves it. */
class ClockTimers implements SyncTimers {
  readonly pending = new Map<number, { due: number; readonly fn: () => void }>();
  private next = 1;
  /** The most timeouts ever pending at once. */
  maxPending = 0;

  /** The app's clock (the fixture makes it; set before anything is planned but the first look). */
  clock: MovableClock | undefined;

  private now(): number {
    if (this.clock === undefined) {
      throw new Error('no clock yet');
    }
    return this.clock.now().getTime();
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { due: (this.clock?.now().getTime() ?? 0) + ms, fn });
    this.maxPending = Math.max(this.maxPending, this.pending.size);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves the clock by `ms` and fires what fell due. */
  advance(ms: number): void {
    this.clock?.advanceMs(ms);
    const now = this.now();
    for (const [id, t] of [...this.pending]) {
      if (t.due <= now) {
        this.pending.delete(id);
        t.fn();
      }
    }
  }

  /** Milliseconds until the one pending timeout (undefined when none). */
  dueIn(): number | undefined {
    const [only] = [...this.pending.values()];
    return only === undefined ? undefined : only.due - this.now();
  }
}

const teams = teamsPerTest();

describe('the automatic team sync', () => {
  it('syncs at unlock and every interval, backs off while the server is down, never overlaps, and stops at lock', async () => {
    const t = await teams.startTeam();
    const legal = await enrolledApp(t, 'hr-and-legal', null);
    teams.lockAfter(legal);
    const timers = new ClockTimers();
    const rep = await retentionFixture(new Date().toISOString(), {}, undefined, undefined, { timers, intervalMs: INTERVAL, retryMs: RETRY });
    teams.lockAfter(rep);
    // The look planned at creation was stamped before the clock was known: plan from the app's clock.
    timers.clock = rep.clock;
    for (const t of timers.pending.values()) {
      t.due += rep.clock.now().getTime();
    }
    const status = () => rep.call('team.syncStatus', {});
    const ran = async (before: string | null) => {
      // Poll the status through the contract until a run that started after `before` ended.
      for (let i = 0; i < 1200; i += 1) {
        const last = await status();
        if (!last.running && last.lastRunAt !== before) {
          return last;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('no automatic sync ran');
    };

    // Not enrolled at creation: nothing ran, a look planned one interval on.
    expect((await status()).lastRunAt).toBeNull();
    expect(timers.dueIn()).toBe(INTERVAL);
    const enrolled = await rep.call('team.enrol', { serverUrl: t.server.base, code: await t.invite('rep', 'alpha') });
    const memberId = enrolled.member!.memberId;
    const { recordingId } = await rep.addCall('discovery', 'Initech renewal');
    await legal.call('holds.issueTeam', { exemptionId: 'legal-hold', members: [memberId] });

    // The interval passes: the app syncs by itself and obeys the hold; the next run is one interval on.
    timers.advance(INTERVAL);
    const first = await ran(null);
    expect(first).toMatchObject({ lastOk: true, failures: 0, lastError: null });
    expect(rep.vault().retention.holdsOf(recordingId)).toHaveLength(1);
    expect(timers.dueIn()).toBe(INTERVAL);
    expect(first.nextRunAt).toBe(new Date(rep.clock.now().getTime() + INTERVAL).toISOString());

    // The server goes away: each failed run is retried after 30 s, 60 s, 120 s ... up to the interval.
    await t.stop();
    let last = first.lastRunAt;
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      timers.advance(timers.dueIn()!);
      const failed = await ran(last);
      last = failed.lastRunAt;
      expect(failed).toMatchObject({ lastOk: false, failures: i + 1 });
      expect(failed.lastError).not.toBeNull();
      waits.push(timers.dueIn()!);
    }
    expect(waits).toEqual([RETRY, 2 * RETRY, 4 * RETRY, 8 * RETRY, 16 * RETRY, INTERVAL]);

    // Back: the next run succeeds and the interval is the ordinary one again.
    await t.restart();
    timers.advance(timers.dueIn()!);
    const back = await ran(last);
    expect(back).toMatchObject({ lastOk: true, failures: 0 });
    expect(timers.dueIn()).toBe(INTERVAL);
    // Never more than one planned run at a time, and none while one was under way.
    expect(timers.maxPending).toBe(1);

    // Lock: nothing is planned, and moving the clock runs nothing.
    rep.session.lock();
    expect(timers.pending.size).toBe(0);
    timers.advance(3 * INTERVAL);
    expect(timers.pending.size).toBe(0);

    // Unlock: it syncs at once.
    await rep.call('vault.unlock', { secret: { kind: 'passphrase', passphrase: PASSPHRASE } });
    const again = await ran(back.lastRunAt);
    expect(again).toMatchObject({ lastOk: true, failures: 0 });
    expect(timers.dueIn()).toBe(INTERVAL);
    expect(timers.maxPending).toBe(1);
  }, 300_000);
});
