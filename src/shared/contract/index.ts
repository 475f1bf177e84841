import { z } from 'zod';
import { AcknowledgmentView, BlockReason, CallView, CheckCallInput, CaptureStatus, ConsentInput, ImportRecordingInput, ImportRecordingOutput, Participant, PolicyOverview, PrepareCallInput, PrepareCallOutput, RecordingRef, Role } from './calls';
import { libraryMethods } from './library';
import { settingsMethods } from './settings';
import { teamMethods } from './team';
import { playbackMethods } from './playback';
import { summaryMethods } from './summary';
import { ExportToFolderInput, ExportToFolderView, RedactedTextView, RedactionReviewView, SaveReviewInput } from './redaction';
import { EngineStatusView, EnqueueTranscriptionInput, ImportModelInput, ImportModelOutput, ModelName, ModelRecommendationView, ModelView, TranscriptionJobView, TranscriptionSettingsInput, TranscriptionSettingsView, TranscriptView } from './transcription';
import { tagMethods } from './tags';
import { retentionMethods } from './retention';
import { deletionMethods } from './deletion';
import { teamRetentionMethods } from './team-retention';
import { transcriptEditMethods } from './transcript-edit';
import { SearchInput, SearchResultView } from './search';
import { AuditEntryView, AuditVerdictView, Passphrase, ProfileId, ProfileSummary, RecordingSummary, UnlockMethod, UnlockSecret, VaultStatus, VaultVerifyView } from './vault';

export * from './result';
export * from './calls';
export * from './vault';
export * from './transcription';
export * from './redaction';
export * from './events';
export * from './transcript-edit';
export * from './tags';
export * from './search';
export * from './export';
export * from './playback';
export * from './library';
export * from './settings';
export * from './retention';
export * from './deletion';
export * from './team-retention';
export * from './team';
export * from './summary';

const None = z.object({}).strict();

/** The longest window of audio one `recordings.audioWindow` call returns (about 1.9 MB of PCM). */
export const MAX_AUDIO_WINDOW_MS = 30_000;

/**
 * The one list of operations the UI may ask for. A method name is a key; its input and output
 * types come from that key. Both hosts and the preload are derived from this object.
 */
export const contract = {
  'app.info': {
    input: None,
    output: z.object({ version: z.string(), host: z.enum(['electron', 'browser', 'cli']), platform: z.string() }),
  },
  'profiles.list': { input: None, output: z.array(ProfileSummary) },
  'profiles.create': {
    input: z.object({ displayName: z.string().trim().min(1).max(80) }).strict(),
    output: ProfileSummary,
  },
  'profiles.select': { input: z.object({ profileId: ProfileId }).strict(), output: VaultStatus },
  'vault.status': { input: None, output: VaultStatus },
  /** Creates the selected profile's vault; the recovery key is returned this once and never again. */
  'vault.create': {
    input: z.object({ passphrase: Passphrase }).strict(),
    output: z.object({ recoveryKey: z.string(), status: VaultStatus }),
  },
  'vault.unlock': { input: z.object({ secret: UnlockMethod }).strict(), output: VaultStatus },
  'vault.lock': { input: None, output: VaultStatus },
  'vault.changePassphrase': {
    input: z.object({ current: UnlockSecret, next: Passphrase }).strict(),
    output: VaultStatus,
  },
  /** Turns device unlock on (the vault must be unlocked) or off. */
  'vault.setDeviceUnlock': { input: z.object({ enabled: z.boolean() }).strict(), output: VaultStatus },
  'vault.setAutoLock': {
    input: z.object({ minutes: z.number().int().min(1).max(240) }).strict(),
    output: VaultStatus,
  },
  /** Checks every database page, the audit chain and every chunk of every recording (read-only). */
  'vault.verify': { input: None, output: VaultVerifyView },
  /** The audit log, oldest first. */
  'audit.entries': { input: None, output: z.array(AuditEntryView) },
  /** Checks that no audit entry was edited, removed or reordered. */
  'audit.verify': { input: None, output: AuditVerdictView },
  'recordings.list': { input: None, output: z.array(RecordingSummary) },
  /** Imports a WAV file as a recording: policy gates as for a live call, and a consent attestation. */
  'recordings.import': { input: ImportRecordingInput, output: ImportRecordingOutput },
  /** Keeps a recording recovered after a crash (as it is, truncated). */
  'recordings.keepRecovered': { input: RecordingRef, output: z.array(RecordingSummary) },
  /** DANGEROUS: destroys a recording (crypto-shredding its audio). */
  'recordings.destroy': { input: RecordingRef, output: z.array(RecordingSummary) },
  /**
   * A window of a recording's audio for playback, decoded from only the chunks it needs:
   * interleaved 16-bit little-endian stereo (channel 0 the rep, 1 the customer), at most
   * MAX_AUDIO_WINDOW_MS long, clipped to the recording's end. `pcm` travels as a binary frame.
   */
  'recordings.audioWindow': {
    input: z
      .object({ recordingId: z.uuid(), fromMs: z.number().int().nonnegative(), toMs: z.number().int().positive() })
      .strict()
      .refine((w) => w.toMs > w.fromMs && w.toMs - w.fromMs <= MAX_AUDIO_WINDOW_MS, `a window ends after it starts and lasts at most ${String(MAX_AUDIO_WINDOW_MS / 1000)} s`),
    output: z.object({
      recordingId: z.string(),
      fromMs: z.number().int(),
      toMs: z.number().int(),
      sampleRate: z.number().int(),
      channels: z.literal(2),
      pcm: z.instanceof(Uint8Array),
    }),
  },

  'policy.overview': { input: None, output: PolicyOverview },
  'policy.acknowledgment': { input: None, output: AcknowledgmentView },
  'policy.acknowledge': { input: z.object({ policyHash: z.string().min(1).max(200) }).strict(), output: AcknowledgmentView },
  /** Records that a policy review was held today (admins). */
  'policy.recordReview': { input: None, output: PolicyOverview },
  'profile.roles': { input: None, output: z.array(Role) },

  /** Evaluates the policy for a call before anything is captured. */
  'calls.prepare': { input: PrepareCallInput, output: PrepareCallOutput },
  /**
   * What in the call as typed so far already stops it being recorded (a do-not-record title,
   * contact or domain, a prohibited call type, one that needs an approval nobody here can give),
   * so the form says so before Continue. Nothing is stored or audited.
   */
  'calls.check': { input: CheckCallInput, output: z.array(BlockReason) },
  'calls.get': { input: z.object({ callId: z.uuid() }).strict(), output: CallView },
  'calls.addParticipant': { input: z.object({ callId: z.uuid(), participant: Participant }).strict(), output: CallView },
  'calls.saveNotes': { input: z.object({ callId: z.uuid(), body: z.string().max(200_000) }).strict(), output: z.object({ saved: z.boolean() }) },
  'calls.notes': { input: z.object({ callId: z.uuid() }).strict(), output: z.object({ body: z.string() }) },
  'consent.record': { input: ConsentInput, output: CallView },

  'capture.start': { input: z.object({ callId: z.uuid(), inputSampleRate: z.number().int().min(8000).max(192_000) }).strict(), output: CaptureStatus },
  /** Interleaved 16-bit stereo PCM: channel 0 the rep's microphone, channel 1 the customer's side. */
  'capture.append': {
    input: z.object({ recordingId: z.uuid(), pcm: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 2_000_000, 'at most 2 MB a frame') }).strict(),
    output: z.object({ accepted: z.boolean(), status: CaptureStatus }),
  },
  'capture.pause': { input: RecordingRef, output: CaptureStatus },
  'capture.resume': { input: RecordingRef, output: CaptureStatus },
  /** `atMs`: when the rep pressed the shortcut (recorded time); default: now. */
  'capture.bookmark': { input: z.object({ recordingId: z.uuid(), note: z.string().max(500), atMs: z.number().int().nonnegative().optional() }).strict(), output: z.object({ atMs: z.number() }) },
  'capture.stop': { input: RecordingRef, output: CaptureStatus },
  'capture.status': { input: None, output: CaptureStatus.nullable() },

  /** Every transcription job in this vault, with live progress. */
  'transcription.jobs': { input: None, output: z.array(TranscriptionJobView) },
  /** Whether the on-device engine is built (works locked: it says nothing about the vault). */
  'engine.status': { input: None, output: EngineStatusView },
  /** Queues a recording (or retries a failed or cancelled one, resuming where it stopped). */
  'transcription.enqueue': { input: EnqueueTranscriptionInput, output: TranscriptionJobView },
  'transcription.cancel': { input: RecordingRef, output: TranscriptionJobView },
  'transcription.settings': { input: None, output: TranscriptionSettingsView },
  'transcription.setSettings': { input: TranscriptionSettingsInput, output: TranscriptionSettingsView },
  /** The latest transcript version (or the one asked for). */
  'transcripts.get': { input: z.object({ recordingId: z.uuid(), version: z.number().int().min(1).optional() }).strict(), output: TranscriptView },

  /** What will be redacted in the latest transcript version, with the stored review applied. */
  'redaction.review': { input: RecordingRef, output: RedactionReviewView },
  /** Stores the rep's review (additions, dismissals with reasons) with the version; audited. */
  'redaction.saveReview': { input: SaveReviewInput, output: RedactionReviewView },
  /** The reviewed, redacted transcript for copying into another system; refused (EXPORT_REFUSED) otherwise; audited. */
  'export.redactedText': { input: RecordingRef, output: RedactedTextView },
  /** Writes the reviewed, redacted transcript (and audio, or a clip of it) into a folder; refused (EXPORT_REFUSED) otherwise; audited. */
  'export.toFolder': { input: ExportToFolderInput, output: ExportToFolderView },

  /** Searches every call's latest transcript, title, account, participants, notes and tags; read-only for the rep. */
  'search.calls': { input: SearchInput, output: SearchResultView },

  'models.list': { input: None, output: z.array(ModelView) },
  /**
   * The model to suggest on first run, from this computer's cores and memory and the rep's
   * transcription language; null when the manifest offers none for that language.
   */
  'models.recommendation': { input: None, output: ModelRecommendationView.nullable() },
  /** Starts a download (progress through models.list); resumes a partial one. */
  'models.download': { input: ModelName, output: z.array(ModelView) },
  'models.cancelDownload': { input: ModelName, output: z.array(ModelView) },
  /** Imports a model file from disk (verified against the manifest, or trusted by an admin). */
  'models.import': { input: ImportModelInput, output: ImportModelOutput },
  /** Re-reads the whole file: structure and sha256. */
  'models.verify': { input: ModelName, output: z.array(ModelView) },
  /** DANGEROUS: deletes an installed model file. */
  'models.delete': { input: ModelName, output: z.array(ModelView) },

  ...transcriptEditMethods,
  ...tagMethods,
  ...playbackMethods,
  ...libraryMethods,
  ...settingsMethods,
  ...retentionMethods,
  ...deletionMethods,
  ...teamRetentionMethods,
  ...teamMethods,
  ...summaryMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

/** Exactly one async function per contract method. */
export type CallVaultMethods = {
  readonly [M in MethodName]: (input: MethodInput<M>) => Promise<import('./result').Result<MethodOutput<M>>>;
};

/** The shape of `window.callvault`: the methods, and `on` for the contract's events. */
export type CallVaultApi = CallVaultMethods & { readonly on: import('./events').SubscribeFn };
