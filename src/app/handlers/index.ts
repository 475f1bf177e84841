import type { AppEventSink } from '../app-events';
import type { CallService } from '../calls/call-service';
import type { CaptureController } from '../calls/capture-controller';
import type { PolicySource } from '../calls/policy-source';
import type { VaultSession } from '../vault/vault-session';
import { callHandlers, captureHandlers } from './call-handlers';
import type { HandlerTable } from './handler-types';
import { integrityHandlers } from './integrity-handlers';
import { playbackHandlers } from './playback-handlers';
import { policyHandlers } from './policy-handlers';
import { PlaybackService } from '../recording/playback-service';
import { recordingHandlers } from './recording-handlers';
import { redactionHandlers } from './redaction-handlers';
import { tagHandlers } from './tag-handlers';
import { transcriptEditHandlers } from './transcript-edit-handlers';
import { searchHandlers } from './search-handlers';
import { teamHandlers } from './team-handlers';
import { modelHandlers, transcriptionHandlers } from './transcription-handlers';
import type { ModelService } from '../models/model-service';
import type { TranscriptionQueue } from '../transcription/transcription-queue';
import { vaultHandlers } from './vault-handlers';
import { engineHandlers } from './engine-handlers';
import { settingsHandlers } from './settings-handlers';
import { retentionHandlers } from './retention-handlers';
import { deletionHandlers } from './deletion-handlers';
import { teamRetentionHandlers } from './team-retention-handlers';
import type { RetentionScheduler } from '../retention/retention-scheduler';
import type { TeamSyncOptions } from '../team/team-sync-scheduler';
import { summaryHandlers } from './summary-handlers';
import type { SummaryModelService } from '../summary/summary-model-service';
import type { EngineMonitor } from '../transcription/engine-monitor';

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'browser' | 'cli';
  readonly platform: string;
}

export interface AppServices {
  readonly session: VaultSession;
  readonly policies: PolicySource;
  readonly calls: CallService;
  readonly capture: CaptureController;
  readonly models: ModelService;
  readonly transcription: TranscriptionQueue;
  readonly engine: EngineMonitor;
  readonly events: AppEventSink;
  readonly retention: RetentionScheduler;
  /** The summary models and model drafts (none: extractive drafts only). */
  readonly summaryModels?: SummaryModelService | undefined;
  /** The automatic team sync (timers, periods); false: none (a one-shot command line). */
  readonly teamSync?: TeamSyncOptions | false | undefined;
}

/** The one implementation of the contract; both hosts and the CLI carry exactly this table. */
export function createHandlerTable(services: AppServices, info: AppInfo): HandlerTable {
  const { session, policies, calls, capture, models, transcription, engine, events, retention } = services;
  const playback = new PlaybackService();
  return {
    'app.info': () => info,
    ...vaultHandlers(session),
    ...integrityHandlers(session),
    ...recordingHandlers(session, calls, capture, transcription, events, playback, policies),
    ...policyHandlers(session, calls, policies),
    ...callHandlers(session, calls, capture),
    ...captureHandlers(session, capture, transcription),
    ...transcriptionHandlers(session, transcription),
    ...modelHandlers(session, models, { needsUnlock: info.host !== 'cli' }),
    ...engineHandlers(engine),
    ...redactionHandlers(session, policies),
    ...transcriptEditHandlers(session, events),
    ...tagHandlers(session, policies, events),
    ...searchHandlers(session),
    ...playbackHandlers(session, playback),
    ...settingsHandlers(session),
    ...retentionHandlers(session, policies, retention),
    ...deletionHandlers(session, policies),
    ...teamRetentionHandlers(session, policies, retention, undefined, info.host === 'cli' ? false : (services.teamSync ?? {}), events),
    ...teamHandlers(session, undefined, calls),
    ...summaryHandlers(session, policies, services.summaryModels),
  };
}
