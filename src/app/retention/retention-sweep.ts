import { utcDay } from '../../core/policy/calendar';
import type { Policy, RetentionArtifact } from '../../core/policy/policy-schema';
import { decideArtifact, decideCallMetadata, holdsBlockingDeletion, type ActiveHold, type CallMetadataDecision, type CallRetentionFacts } from '../../core/retention/decide-retention';
import { isLocalArtifact, LOCAL_ARTIFACTS, type JournalEntry, type LocalArtifact, type RetentionRow, type StoredHold } from '../../core/retention/retention-store';
import type { OpenVault } from '../vault/open-vault';

/**
 * The retention sweep: every artifact the vault stores whose period has ended, and that no hold
 * keeps, is destroyed; each destruction is audited (kind, rule, due day; no content).
 *
 * Crash safety: the sweep first writes every destruction it decided into `retention_journal` (one
 * transaction), then destroys one artifact per transaction (rows, tombstone and audit entry
 * together), removes files, scrubs once (FTS merge, WAL truncation), and only then clears the
 * journal. A sweep killed at any point leaves journal rows; the next sweep (at the next unlock)
 * starts from them: an artifact already destroyed gets its file removal and scrub finished, one
 * not yet destroyed is decided again (a hold issued meanwhile still wins) and destroyed.
 */

export interface SweepItem {
  readonly recordingId: string;
  readonly artifact: LocalArtifact;
  readonly rule: string;
  readonly dueOn: string;
}

export interface SweepReport {
  readonly day: string;
  readonly dryRun: boolean;
  /** Destroyed now (or, in a dry run, that would be). */
  readonly destroyed: readonly SweepItem[];
  /** Recordings whose every stored artifact is now gone (their rows removed). */
  readonly recordingsRemoved: readonly string[];
  /** Journal entries from an interrupted sweep that this one finished. */
  readonly resumed: number;
  /** Holds whose fixed period ended and that were released by the sweep. */
  readonly holdsLapsed: readonly string[];
  /** Calls with no recording (never recorded, declined, deleted by the rep) erased whole today (or, in a dry run, that would be). */
  readonly callsErased: readonly CallErasure[];
}

export interface CallErasure {
  readonly callId: string;
  readonly rule: string;
  readonly dueOn: string;
}

export interface SweepOptions {
  readonly dryRun?: boolean;
  /** Called after each artifact is destroyed (its batch committed, files removed), before the journal is cleared. Tests use it to crash mid-sweep. */
  readonly afterEach?: (item: SweepItem) => void;
  /** Destructions per transaction (default 200): one commit, and one audit anchor, per batch. */
  readonly batchSize?: number;
}

const DEFAULT_BATCH = 200;

export function factsOf(row: RetentionRow): CallRetentionFacts {
  return { recordingId: row.recordingId, callType: row.callType, recordedOn: utcDay(new Date(row.startedAt)), deal: row.deal };
}

export function activeHoldsOf(holds: readonly StoredHold[] | undefined): ActiveHold[] {
  return (holds ?? []).map((h) => ({ id: h.id, exemptionId: h.exemptionId, issuedOn: h.issuedAt.slice(0, 10) }));
}

/** How far a sweep is: artifacts destroyed so far, then the shred rotation's buckets (`retention.progress`). */
export interface SweepProgress {
  readonly phase: 'destroying' | 'rekeying' | 'rotating';
  readonly done: number;
  readonly total: number;
}

/** The sweep on the calling thread, start to end (the command line, tests). */
export function runRetentionSweep(vault: OpenVault, policy: Policy, options: SweepOptions = {}): SweepReport {
  const steps = sweepSteps(vault, policy, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) {
      return step.value;
    }
  }
}

/**
 * The same sweep in slices (the app hosts' scheduler): after each batch's transaction and each
 * bucket the rotation rekeys, progress is reported and the event loop gets the thread back
 * (`pause`, default the next turn), so a sweep of thousands of calls never holds the UI for the
 * whole of it. Crash safety is the sweep's own: the journal and the rotation's flags.
 */
export async function runRetentionSweepInSlices(vault: OpenVault, policy: Policy, options: SweepOptions & { readonly onProgress?: (progress: SweepProgress) => void; readonly pause?: () => Promise<void> } = {}): Promise<SweepReport> {
  const pause = options.pause ?? nextTurn;
  const steps = sweepSteps(vault, policy, options);
  for (;;) {
    const step = steps.next();
    if (step.done === true) {
      return step.value;
    }
    options.onProgress?.(step.value);
    await pause();
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}

function* sweepSteps(vault: OpenVault, policy: Policy, options: SweepOptions): Generator<SweepProgress, SweepReport, undefined> {
  const dryRun = options.dryRun === true;
  const day = utcDay(vault.now());
  const rows = new Map(vault.retention.rows().map((r) => [r.recordingId, r]));
  const holds = vault.retention.activeHolds();
  const holdsLapsed = dryRun ? [] : releaseLapsedHolds(vault, policy, rows, holds, day);

  const journal = vault.retention.journal();
  const work = new Map<string, SweepItem>();
  let resumed = 0;
  for (const entry of journal) {
    resumed += 1;
    if (isLocalArtifact(entry.artifact)) {
      work.set(keyOf(entry.recordingId, entry.artifact), { recordingId: entry.recordingId, artifact: entry.artifact, rule: entry.rule, dueOn: entry.dueOn });
    }
  }
  for (const row of rows.values()) {
    const facts = factsOf(row);
    const active = activeHoldsOf(holds.get(row.recordingId));
    for (const artifact of LOCAL_ARTIFACTS) {
      if (row.destroyed.has(artifact) || work.has(keyOf(row.recordingId, artifact))) {
        continue;
      }
      const decision = decideArtifact(facts, active, policy, day, artifact);
      if (decision.action === 'destroy') {
        work.set(keyOf(row.recordingId, artifact), { recordingId: row.recordingId, artifact, rule: decision.rule, dueOn: decision.dueOn });
      }
    }
  }
  const items = [...work.values()];
  if (dryRun) {
    return { day, dryRun, destroyed: items.filter((item) => stillDue(vault, policy, item, day)), recordingsRemoved: [], resumed: 0, holdsLapsed, callsErased: dueCalls(vault, policy, day) };
  }

  const startedAt = vault.now().toISOString();
  vault.transaction(() => {
    for (const item of items) {
      vault.retention.addJournal({ ...item, startedAt });
    }
  });
  const destroyed: SweepItem[] = [];
  const recordingsRemoved: string[] = [];
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let batch: SweepItem[] = [];
  const flush = (): void => {
    if (batch.length === 0) {
      return;
    }
    recordingsRemoved.push(...vault.destroyArtifacts(batch));
    for (const item of batch) {
      destroyed.push(item);
      options.afterEach?.(item);
    }
    batch = [];
  };
  for (const item of items) {
    const row = vault.retention.row(item.recordingId);
    if (row === undefined || row.destroyed.has(item.artifact)) {
      // Destroyed before a crash (or with its recording): finish what is outside the database.
      if (item.artifact === 'recording' || row === undefined) {
        vault.removeRecordingFileIfPresent(item.recordingId);
      }
      continue;
    }
    if (!stillDue(vault, policy, item, day)) {
      vault.retention.removeJournal(item.recordingId, item.artifact);
      continue;
    }
    batch.push(item);
    if (batch.length >= batchSize) {
      flush();
      yield { phase: 'destroying', done: destroyed.length, total: items.length };
    }
  }
  flush();
  // A call whose recordings went before its metadata was erased (a vault from before migration 014).
  const orphansErased = vault.eraseOrphanedCalls();
  // Calls with no recording (never recorded, declined, deleted by the rep) go whole on their day;
  // each erasure is one transaction, decided again just before (a crash leaves nothing half done).
  const callsErased = dueCalls(vault, policy, day).filter((call) => vault.eraseCall(call.callId, call.rule));
  if (items.length > 0 || orphansErased > 0 || callsErased.length > 0) {
    yield { phase: 'destroying', done: destroyed.length, total: items.length };
    for (const p of vault.scrubSteps()) {
      yield { phase: p.phase === 'rekey' ? 'rekeying' : 'rotating', done: p.done, total: p.total };
    }
  }
  vault.transaction(() => {
    for (const item of items) {
      vault.retention.removeJournal(item.recordingId, item.artifact);
    }
    if (destroyed.length > 0 || resumed > 0 || callsErased.length > 0) {
      vault.audit.record('retention.sweep_finished', { day, destroyed: destroyed.length, recordingsRemoved: recordingsRemoved.length, resumed, callsErased: callsErased.length });
    }
  });
  return { day, dryRun, destroyed, recordingsRemoved, resumed, holdsLapsed, callsErased };
}

/** Each call with no recording and what retention decides for its metadata on `day` (a hold on its former recording keeps it). */
export function unrecordedCallDecisions(vault: OpenVault, policy: Policy, day: string): { readonly callId: string; readonly callType: string; readonly decision: CallMetadataDecision }[] {
  return vault.calls.unrecordedCalls().map((call) => {
    const holds = call.recordingId === null ? [] : activeHoldsOf(vault.retention.holdsOf(call.recordingId));
    return { callId: call.callId, callType: call.callType, decision: decideCallMetadata({ callId: call.callId, callType: call.callType, calledOn: utcDay(new Date(call.createdAt)) }, holds, policy, day) };
  });
}

/** Calls with no recording whose metadata is due today: not held (by a hold on their former recording). */
function dueCalls(vault: OpenVault, policy: Policy, day: string): CallErasure[] {
  const due: CallErasure[] = [];
  for (const { callId, decision } of unrecordedCallDecisions(vault, policy, day)) {
    if (decision.action === 'destroy') {
      due.push({ callId, rule: decision.rule, dueOn: decision.dueOn });
    }
  }
  return due;
}

/** Decided again just before destroying: a hold or a deal outcome recorded since wins. */
function stillDue(vault: OpenVault, policy: Policy, item: SweepItem, day: string): boolean {
  const row = vault.retention.row(item.recordingId);
  if (row === undefined || row.destroyed.has(item.artifact)) {
    return false;
  }
  return decideArtifact(factsOf(row), activeHoldsOf(vault.retention.holdsOf(item.recordingId)), policy, day, item.artifact).action === 'destroy';
}

/** A hold granting a fixed period (training library, 2 years) ends with it; it is released, audited. */
function releaseLapsedHolds(vault: OpenVault, policy: Policy, rows: ReadonlyMap<string, RetentionRow>, holds: Map<string, StoredHold[]>, day: string): string[] {
  const lapsed: string[] = [];
  for (const [recordingId, list] of holds) {
    const row = rows.get(recordingId);
    if (row === undefined) {
      continue;
    }
    const facts = factsOf(row);
    const remaining: StoredHold[] = [];
    for (const hold of list) {
      if (holdsBlockingDeletion(facts, activeHoldsOf([hold]), policy, day).length === 0) {
        const at = vault.now().toISOString();
        vault.transaction(() => {
          vault.retention.releaseHold(hold.id, at, 'retention:period-ended');
          vault.audit.record('retention.hold_lapsed', { holdId: hold.id, recordingId, exemption: hold.exemptionId });
        });
        lapsed.push(hold.id);
      } else {
        remaining.push(hold);
      }
    }
    holds.set(recordingId, remaining);
  }
  return lapsed;
}

function keyOf(recordingId: string, artifact: RetentionArtifact): string {
  return `${recordingId}\u0000${artifact}`;
}

export type { JournalEntry };
