import { z } from 'zod';
import { CaptureStatus } from './calls';
import { EngineStatusView, JobState } from './transcription';
import { VaultState } from './vault';

/**
 * What a model download is doing: `downloading` while bytes arrive, then one of the three ends.
 * `failed` comes with a problem the models screen shows.
 */
export const DownloadState = z.enum(['downloading', 'done', 'failed', 'cancelled']);

/** What happened to recordings in the library; the ids say which (never titles or transcript text). */
export const LibraryChange = z.enum(['created', 'updated', 'destroyed', 'recovered', 'transcribed']);

/** The toasts the app may raise by itself; the code says which, the message is for the person. */
export const NoticeCode = z.enum(['model-downloaded', 'model-download-failed', 'transcription-done', 'transcription-failed', 'vault-locked-idle']);

/**
 * The one list of events the app sends to the UI, beside the methods: a name is a key, its payload
 * type comes from that key. Payloads carry ids, states and numbers: never a secret, never
 * transcript text, never a participant's name. Every payload is validated against its schema
 * where it is emitted (unknown keys are stripped, so nothing extra leaves) and again where it is
 * received.
 */
export const events = {
  /** A transcription job changed state or progressed (about every 0.1 %). */
  'transcription.progress': z.object({
    recordingId: z.string(),
    state: JobState,
    /** 0..1 over both channels. */
    fraction: z.number().min(0).max(1),
    /** What went wrong and what to do, for a failed job (the app's own words). */
    error: z.string().nullable(),
  }),
  /** The transcription engine's background build progressed, finished or failed. */
  'engine.status': EngineStatusView,
  /** A model download progressed or ended. */
  'models.progress': z.object({
    name: z.string(),
    state: DownloadState,
    receivedBytes: z.number().nonnegative(),
    totalBytes: z.number().nonnegative(),
  }),
  /** A model summary draft progressed (chunks done) or ended; never any text of the call. */
  'summary.progress': z.object({
    recordingId: z.string(),
    state: z.enum(['running', 'done', 'failed', 'cancelled']),
    chunk: z.number().int().nonnegative(),
    chunks: z.number().int().nonnegative(),
    fraction: z.number().min(0).max(1),
  }),
  /** Recordings were created, changed, destroyed, recovered after a crash, or transcribed. */
  'library.changed': z.object({ change: LibraryChange, recordingIds: z.array(z.string()).max(1000) }),
  /**
   * The running capture changed state (started, paused, resumed, stopped); null: none runs. The
   * pause reason is left out (it can name a late joiner): `capture.status` the method has it.
   */
  'capture.status': z.object({ status: CaptureStatus.omit({ pauseReason: true }).nullable() }),
  /** The vault was locked (by the rep, or when idle) or unlocked. */
  'vault.status': z.object({ state: VaultState, idle: z.boolean() }),
  /** A new transcript version was saved (an edit, a find and replace, a restore); the search index follows it. */
  'transcripts.changed': z.object({ recordingId: z.string(), version: z.number().int() }),
  /** A recording's tags or tag suggestions changed. */
  'tags.changed': z.object({ recordingId: z.string() }),
  /** The search index is being built in the background after an unlock (`done === total`: finished). */
  'search.indexing': z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }),
  /** Something the rep should hear about while looking elsewhere. */
  notice: z.object({ code: NoticeCode, message: z.string().max(500) }),
  /** A summary model download progressed or ended (`failed`: the model's `problem` says why). */
  'summaryModels.progress': z.object({
    name: z.string(),
    state: DownloadState,
    receivedBytes: z.number().nonnegative(),
    totalBytes: z.number().nonnegative(),
  }),
  /**
   * A retention sweep progressed (rot16): artifacts destroyed of those due, then the key buckets
   * given a fresh key, then the shred secret rotated (`rotating` with done === total: finished).
   * Counts only.
   */
  'retention.progress': z.object({
    phase: z.enum(['destroying', 'rekeying', 'rotating']),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** One event as the app emits it and the hosts carry it. */
export type AppEvent = { readonly [E in EventName]: { readonly name: E; readonly payload: EventPayload<E> } }[EventName];

/**
 * `window.callvault.on`: runs `listener` for every `event` the app sends and returns the function
 * that removes it. It returns a function rather than taking an AbortSignal because Electron's
 * contextBridge copies class instances such as AbortSignal as plain objects, while functions cross
 * it intact; the client module offers `{ signal }` on top (src/renderer/client).
 */
export type SubscribeFn = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;
