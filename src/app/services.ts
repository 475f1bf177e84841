import { ModelStore, modelsDir } from '../platform/models/model-store';
import { loadManifest, defaultManifestPath, defaultBundledDir, type ModelManifest } from '../platform/models/model-manifest';
import { locateRunner } from '../platform/transcription/runner-location';
import { readEngineStatus, watchEngineStatus } from '../platform/transcription/engine-status';
import { EngineMonitor } from './transcription/engine-monitor';
import { CallVaultError } from '../shared/callvault-error';
import { noEvents, type AppEventSink } from './app-events';
import { CallService } from './calls/call-service';
import { CaptureController } from './calls/capture-controller';
import { PolicySource } from './calls/policy-source';
import type { AppServices } from './handlers';
import type { Logger } from './logger';
import { ModelService } from './models/model-service';
import { SummaryModelService, type SummaryEngineTuning } from './summary/summary-model-service';
import { defaultSummaryManifestPath, SummaryModelStore } from '../platform/summary/summary-model-store';
import { recoverInterruptedRecordings } from './recording/crash-recovery';
import { SearchIndexBuilder } from './search/search-index-builder';
import { StoreEngineProvider } from './transcription/model-engines';
import { TranscriptionQueue } from './transcription/transcription-queue';
import { RetentionScheduler, type IntervalTimers } from './retention/retention-scheduler';
import type { VaultSession } from './vault/vault-session';
import type { TeamSyncOptions } from './team/team-sync-scheduler';

export interface ServiceOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly resourcesDir?: string | undefined;
  readonly logger?: Logger | undefined;
  /** Where the services announce changes to the UI (the hosts carry them). */
  readonly events?: AppEventSink | undefined;
  /**
   * False for a one-shot command-line run: unlocking then neither starts queued transcription in
   * the background nor rewrites crash-recovery state; the queue starts when a command queues a job.
   */
  readonly resumeOnUnlock?: boolean | undefined;
  /** The retention sweep's hourly timer (tests fire it themselves). */
  readonly retentionTimers?: IntervalTimers | undefined;
  /** Summary engine settings (tests: small chunks, few tokens, the worker's pid). */
  readonly summaryEngine?: SummaryEngineTuning | undefined;
  /** The automatic team sync's timers and periods (tests fire them); false: none. Off when resumeOnUnlock is false. */
  readonly teamSync?: TeamSyncOptions | false | undefined;
}

/** Builds the services around one session and hooks them to its lock and unlock. */
export async function createServices(session: VaultSession, options: ServiceOptions): Promise<AppServices> {
  const { env, resourcesDir, logger } = options;
  const events = options.events ?? noEvents;
  const now = (): Date => session.clock.now();
  // One policy source for everything: the organisation's signed policy while the open vault is
  // enrolled with a team, else the policy file (or the shipped default).
  const policies = new PolicySource(session.profiles.appHome, env, resourcesDir, () => session.openVault());
  // The organisation the policy names is guessable: the strength meter and the service count it.
  session.knowOrganisationFrom(() => policies.organisation());
  const calls = new CallService(policies, now);
  const capture = new CaptureController(calls, events);
  // A broken manifest must not stop the app: recording still works, and the models screen says why
  // no model can be used.
  let manifest: ModelManifest = { version: 1, sources: {}, models: [] };
  let manifestProblem: CallVaultError | undefined;
  try {
    manifest = await loadManifest(env.CALLVAULT_MODEL_MANIFEST ?? defaultManifestPath(resourcesDir));
  } catch (error: unknown) {
    manifestProblem = error instanceof CallVaultError ? error : new CallVaultError('MODEL_UNAVAILABLE', 'The model manifest cannot be read.', { detail: 'manifest-invalid' });
    logger?.error('models: the manifest cannot be used', error);
  }
  const bundledDir = defaultBundledDir(resourcesDir);
  const store = new ModelStore({ manifest, dir: modelsDir(session.profiles.appHome), bundledDir, now });
  const runnerPath = locateRunner(env, resourcesDir);
  const engines = new StoreEngineProvider(store, runnerPath);
  const models = new ModelService(store, now, events, logger, env.CALLVAULT_MODEL_MIRROR, manifestProblem);
  const transcription = new TranscriptionQueue(engines, now, logger, events);
  // Summary models: a model draft is offered once an installed model's file is in the manifest
  // or trusted; a manifest that cannot be read leaves extractive drafts only.
  let summaryStore: SummaryModelStore | undefined;
  try {
    summaryStore = SummaryModelStore.open(session.profiles.appHome, env.CALLVAULT_SUMMARY_MODEL_MANIFEST ?? defaultSummaryManifestPath(resourcesDir), now);
  } catch (error: unknown) {
    logger?.error('summary models: the manifest cannot be used', error);
  }
  const summaryModels = new SummaryModelService(summaryStore, events, options.summaryEngine, env.CALLVAULT_SUMMARY_MODEL_MIRROR, now);
  // `npm start` on a fresh checkout builds the engine in the background and names its progress
  // file in CALLVAULT_ENGINE_STATUS. The app follows it; the command line (one command, no
  // background) only reads it, and its jobs are never held.
  const statusFile = env.CALLVAULT_ENGINE_STATUS;
  const background = options.resumeOnUnlock !== false;
  const engine = new EngineMonitor(
    {
      read: () => readEngineStatus({ runnerPath, statusFile }),
      watch: (onChange) => (statusFile === undefined ? () => undefined : watchEngineStatus(statusFile, onChange)),
    },
    events,
    background ? (ready) => { transcription.setEngineReady(ready); } : () => undefined,
  );
  if (background) {
    engine.start();
  }
  const searchIndex = new SearchIndexBuilder(events);
  const retention = new RetentionScheduler(policies, logger, options.retentionTimers, events);
  // A call is never cut off by idleness; a lock the rep asked for (after the window asked them)
  // stops it, and the call is then queued for transcription like any other once the vault opens.
  session.deferIdleLockWhile(() => {
    const running = capture.current();
    return running !== undefined && running.state !== 'stopped';
  });
  let stoppedByLock: string | undefined;
  session.onBeforeLock((reason) => {
    searchIndex.stop();
    summaryModels.cancelAll();
    retention.detach();
    const running = capture.current();
    if (running !== undefined && running.state !== 'stopped') {
      stoppedByLock = running.recordingId;
    }
    capture.stopForLock();
    void transcription.detach();
    events.emit('vault.status', { state: 'locked', idle: reason === 'idle' });
    if (reason === 'idle') {
      events.emit('notice', { code: 'vault-locked-idle', message: 'CallVault locked itself while idle. Unlock it to continue.' });
    }
  });
  if (options.resumeOnUnlock === false) {
    session.onUnlocked((vault) => {
      transcription.attach(vault, { start: false });
    });
  } else {
    session.onUnlocked((vault) => {
      const recovered = recoverInterruptedRecordings(vault, capture.current()?.recordingId);
      transcription.attach(vault);
      // Retention at unlock (finishing a sweep a crash cut short), then hourly while unlocked.
      retention.attach(vault);
      // A vault migrated through 007 (or with changes the triggers listed) is indexed in the
      // background, not at the rep's first search.
      searchIndex.start(vault).catch((error: unknown) => { logger?.error('search: the background index build failed', error); });
      if (recovered.length > 0) {
        events.emit('library.changed', { change: 'recovered', recordingIds: recovered.map((r) => r.id) });
      }
    });
  }
  session.onUnlocked(() => {
    events.emit('vault.status', { state: 'unlocked', idle: false });
    const recordingId = stoppedByLock;
    stoppedByLock = undefined;
    if (recordingId !== undefined) {
      // Another profile's vault does not hold it: autoEnqueue then notes NOT_FOUND and moves on.
      void transcription.autoEnqueue(recordingId);
    }
  });
  const teamSync = options.resumeOnUnlock === false ? false : { logger, ...(options.teamSync === false ? {} : options.teamSync) };
  return { session, policies, calls, capture, models, transcription, engine, events, retention, summaryModels, teamSync: options.teamSync === false ? false : teamSync };
}
