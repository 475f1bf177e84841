import { formatPolicyError, type Policy } from '../../core/policy';
import { AppFailure } from '../app-failure';
import type { PolicySource } from '../calls/policy-source';
import type { Logger } from '../logger';
import type { OpenVault } from '../vault/open-vault';
import { applyTeamHolds } from './team-holds';
import { runRetentionSweepInSlices, type SweepOptions, type SweepReport } from './retention-sweep';
import { noEvents, type AppEventSink } from '../app-events';

/** How often the sweep runs while the vault stays unlocked. */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Runs the retention sweep at unlock, every hour while unlocked, and on demand. Without a readable
 * policy nothing is destroyed (the sweep waits; it never guesses periods), and the reason is logged.
 */
/** The interval timer the scheduler uses (tests hand in one they fire themselves). */
export interface IntervalTimers {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realIntervals: IntervalTimers = {
  setInterval: (fn, ms) => {
    const handle = setInterval(fn, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => {
    clearInterval(handle as ReturnType<typeof setInterval>);
  },
};

export class RetentionScheduler {
  private timer: unknown;
  private running: Promise<SweepReport | undefined> = Promise.resolve(undefined);

  constructor(
    private readonly policies: PolicySource,
    private readonly logger?: Logger,
    private readonly timers: IntervalTimers = realIntervals,
    private readonly events: AppEventSink = noEvents,
  ) {}

  /** The policy retention obeys; POLICY_UNAVAILABLE when there is none. */
  async policy(): Promise<Policy> {
    const load = await this.policies.load();
    if (!load.ok) {
      const detail = load.errors.map((e) => formatPolicyError(load.source, e)).join('; ') || load.message;
      throw new AppFailure('POLICY_UNAVAILABLE', `The policy cannot be read, so retention cannot be decided (${detail}). Nothing was destroyed.`);
    }
    return load.loaded.policy;
  }

  /** Sweeps now, after any sweep already running (one at a time per app). */
  run(vault: OpenVault, options: SweepOptions = {}): Promise<SweepReport> {
    const next = this.running.catch(() => undefined).then(async () => {
      const policy = await this.policy();
      // Team holds received at the last sync cover calls recorded since: apply them first.
      applyTeamHolds(vault);
      // In slices: the thread is given back after each batch and each key bucket, with progress.
      return runRetentionSweepInSlices(vault, policy, { ...options, onProgress: (progress) => { this.events.emit('retention.progress', progress); } });
    });
    this.running = next;
    return next;
  }

  /** At unlock: sweep once (finishing any sweep a crash cut short), then every hour until lock. */
  attach(vault: OpenVault): void {
    this.detach();
    this.background(vault);
    this.timer = this.timers.setInterval(() => {
      this.background(vault);
    }, SWEEP_INTERVAL_MS);
  }

  detach(): void {
    if (this.timer !== undefined) {
      this.timers.clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** The background sweep under way (tests wait for it). */
  settled(): Promise<SweepReport | undefined> {
    return this.running.catch(() => undefined);
  }

  private background(vault: OpenVault): void {
    if (vault.isClosed) {
      this.detach();
      return;
    }
    this.run(vault).catch((error: unknown) => {
      this.logger?.error('retention: the sweep did not run', error);
    });
  }
}
