import type { Clock } from '../../core/ports/clock';
import type { Logger } from '../logger';
import type { OpenVault } from '../vault/open-vault';

/**
 * Runs `team.sync` by itself while the vault is unlocked and enrolled with a team server (#15
 * section 3: holds and organisation-wide deletion requests reach a member's app at its next
 * sync): once at unlock, then every `intervalMs` after the previous run ended (a vault not
 * enrolled is looked at again every `intervalMs`, so an enrolment made while unlocked is picked up). A failed run
 * (server unreachable, a refused roster) is tried again sooner, backing off from `retryMs`,
 * doubling, up to `intervalMs`. Runs never overlap (the next one is planned only when the last
 * ended, and the sync itself is serialised with the member's own), and lock stops it: a run
 * that ends after the lock plans nothing. The clock stamps the status; the timers are injected.
 */

export const TEAM_SYNC_INTERVAL_MS = 15 * 60 * 1000;
export const TEAM_SYNC_RETRY_MS = 30 * 1000;

export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: SyncTimers = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clearTimeout: (handle) => {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};

export interface TeamSyncState {
  readonly running: boolean;
  readonly lastRunAt: string | null;
  readonly lastOk: boolean | null;
  /** What the last failed run said (the error's message; never personal data). */
  readonly lastError: string | null;
  /** Consecutive failed runs. */
  readonly failures: number;
  readonly nextRunAt: string | null;
}

export interface TeamSyncOptions {
  readonly timers?: SyncTimers | undefined;
  readonly intervalMs?: number | undefined;
  readonly retryMs?: number | undefined;
  readonly logger?: Logger | undefined;
}

export class TeamSyncScheduler {
  private timer: unknown;
  /** Bumped at every attach and detach: a run from an earlier unlock plans nothing. */
  private generation = 0;
  private inFlight: Promise<void> | undefined;
  private state: TeamSyncState = { running: false, lastRunAt: null, lastOk: null, lastError: null, failures: 0, nextRunAt: null };
  private readonly timers: SyncTimers;
  readonly intervalMs: number;
  readonly retryMs: number;

  constructor(
    private readonly sync: (vault: OpenVault) => Promise<unknown>,
    private readonly clock: Clock,
    private readonly options: TeamSyncOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.intervalMs = options.intervalMs ?? TEAM_SYNC_INTERVAL_MS;
    this.retryMs = Math.min(options.retryMs ?? TEAM_SYNC_RETRY_MS, this.intervalMs);
  }

  /** At unlock: syncs now and then on its own, if this vault is enrolled with a team server. */
  attach(vault: OpenVault): void {
    this.detach();
    this.launch(vault, this.generation);
  }

  /** At lock: no run is planned any more (one under way finishes, and plans nothing). */
  detach(): void {
    this.generation += 1;
    if (this.timer !== undefined) {
      this.timers.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.state = { ...this.state, nextRunAt: null };
  }

  status(): TeamSyncState {
    return this.state;
  }

  /** The run under way, if any (tests wait for it). */
  settled(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }

  /** The wait before the next run: the interval after a success, a doubling retry after failures. */
  delayAfter(failures: number): number {
    if (failures === 0) {
      return this.intervalMs;
    }
    return Math.min(this.intervalMs, this.retryMs * 2 ** Math.min(failures - 1, 20));
  }

  private launch(vault: OpenVault, generation: number): void {
    this.timer = undefined;
    if (generation !== this.generation || vault.isClosed) {
      return;
    }
    if (vault.team.identity() === undefined) {
      // Not enrolled (yet): look again after an interval, so an enrolment made now is synced without a new unlock.
      this.plan(vault, generation, this.intervalMs);
      return;
    }
    if (this.inFlight !== undefined) {
      // Never two at once: the running one plans the next when it ends.
      return;
    }
    this.state = { ...this.state, running: true, nextRunAt: null };
    const run = this.sync(vault).then(
      () => {
        this.state = { ...this.state, running: false, lastRunAt: this.clock.now().toISOString(), lastOk: true, lastError: null, failures: 0 };
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : 'the team sync failed';
        this.state = { ...this.state, running: false, lastRunAt: this.clock.now().toISOString(), lastOk: false, lastError: message, failures: this.state.failures + 1 };
        this.options.logger?.warn(`team sync: failed (${String(this.state.failures)} in a row); trying again later`);
      },
    );
    this.inFlight = run.finally(() => {
      this.inFlight = undefined;
      if (generation !== this.generation || vault.isClosed) {
        return;
      }
      this.plan(vault, generation, this.delayAfter(this.state.failures));
    });
  }

  private plan(vault: OpenVault, generation: number, delay: number): void {
    this.state = { ...this.state, nextRunAt: new Date(this.clock.now().getTime() + delay).toISOString() };
    this.timer = this.timers.setTimeout(() => {
      this.launch(vault, generation);
    }, delay);
  }
}
