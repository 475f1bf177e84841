import { z } from 'zod';

export const JobState = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

/** A recording's transcription job, as the library shows it. */
export const TranscriptionJobView = z.object({
  recordingId: z.string(),
  state: JobState,
  /** 0..100 over both channels; live while running. */
  percent: z.number(),
  model: z.string(),
  language: z.string(),
  /** What went wrong and what to do, for a failed job. */
  error: z.string().nullable(),
  attempts: z.number().int(),
  queuedAt: z.string(),
  updatedAt: z.string(),
});
export type TranscriptionJobView = z.infer<typeof TranscriptionJobView>;

export const Language = z.string().regex(/^(auto|[a-z]{2,3})$/, 'a language code such as "en", or "auto"');

export const TranscriptionSettingsView = z.object({
  /** 0 = default (one core left free). */
  threads: z.number().int().min(0).max(256),
  language: Language,
  /** Model name; '' = the first installed one. */
  model: z.string().max(100),
  autoTranscribe: z.boolean(),
  /** This machine's cores and the threads a job will use. */
  cores: z.number().int(),
  effectiveThreads: z.number().int(),
});
export type TranscriptionSettingsView = z.infer<typeof TranscriptionSettingsView>;

export const TranscriptionSettingsInput = z.object({
  threads: z.number().int().min(0).max(256),
  language: Language,
  model: z.string().max(100),
  autoTranscribe: z.boolean(),
}).strict();

export const TranscriptSegmentView = z.object({
  speaker: z.enum(['rep', 'customer']),
  startMs: z.number(),
  endMs: z.number(),
  text: z.string(),
  confidence: z.number(),
  /** Word timings (for playback highlighting and `callvault transcribe --json`); `p` is the word's probability. */
  words: z.array(z.object({ text: z.string(), startMs: z.number(), endMs: z.number(), p: z.number() })),
});

export const TranscriptView = z.object({
  recordingId: z.string(),
  version: z.number().int(),
  kind: z.enum(['machine', 'correction']),
  createdAt: z.string(),
  engine: z.string(),
  language: z.string(),
  segments: z.array(TranscriptSegmentView),
  versions: z.array(z.object({ version: z.number().int(), kind: z.enum(['machine', 'correction']), createdAt: z.string(), createdBy: z.string() })),
  /** Whether this version's redactions were reviewed (only then can it be shared). */
  reviewed: z.boolean(),
});
export type TranscriptView = z.infer<typeof TranscriptView>;

export const ModelStatusView = z.enum(['installed', 'bundled', 'partial', 'available', 'damaged', 'downloading']);

export const ModelView = z.object({
  name: z.string(),
  description: z.string(),
  bytes: z.number(),
  /** The published (or trusted) checksum the file must match. */
  sha256: z.string(),
  /** Where the installed file is; null when it is not installed. */
  path: z.string().nullable(),
  multilingual: z.boolean(),
  quantization: z.string().nullable(),
  origin: z.enum(['manifest', 'trusted']),
  status: ModelStatusView,
  /** Download progress 0..100 while downloading or for a partial download. */
  percent: z.number().nullable(),
  /** The last download/verify problem, in words. */
  problem: z.string().nullable(),
  /** Which problem, as a fixed word ("checksum-mismatch", "truncated", "not-in-manifest", ...). */
  problemDetail: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  /** For a file an administrator trusted: the profile that trusted it. */
  trustedBy: z.string().nullable(),
});
export type ModelView = z.infer<typeof ModelView>;

/** The model suggested for this computer on first run, in words (models.recommendation). */
export const ModelRecommendationView = z.object({
  name: z.string(),
  label: z.string(),
  bytes: z.number(),
  speed: z.string(),
  languages: z.string(),
  why: z.string(),
  tier: z.enum(['large', 'medium', 'small', 'minimal']),
});
export type ModelRecommendationView = z.infer<typeof ModelRecommendationView>;

export const ModelName = z.object({ name: z.string().min(1).max(100) }).strict();

/**
 * The on-device transcription engine: `ready`; `building` in the background (percent 0..100,
 * message: the step); `failed` to build or `missing`, with a message saying what to do.
 */
export const EngineStatusView = z.object({
  state: z.enum(['ready', 'building', 'failed', 'missing']),
  percent: z.number().int().min(0).max(100).nullable(),
  message: z.string().max(1000).nullable(),
});
export type EngineStatusView = z.infer<typeof EngineStatusView>;

export const ImportModelInput = z
  .object({
    path: z.string().min(1).max(4096),
    /** The model the file should be (or, with `trust`, the name a trusted file gets). */
    name: z.string().min(1).max(100).optional(),
    /**
     * Trust a file the manifest does not list: needs an unlocked vault whose profile has the admin
     * role, and is recorded in that vault's audit log.
     */
    trust: z.boolean().optional(),
  })
  .strict();

/** What `models.import` installed, and the list as it is now. */
export const ImportModelOutput = z.object({
  imported: z.object({
    name: z.string(),
    path: z.string(),
    sha256: z.string(),
    origin: z.enum(['manifest', 'trusted']),
    /** True when this import granted a new trust (recorded in the admin's audit log). */
    trusted: z.boolean(),
  }),
  models: z.array(ModelView),
});

export const EnqueueTranscriptionInput = z
  .object({
    recordingId: z.uuid(),
    model: z.string().min(1).max(100).optional(),
    /** Default: the rep's setting. A job's language is kept with it (a retry in another language starts over). */
    language: Language.optional(),
    /** Engine threads for this job only (the setting stays as it is); default: the setting. */
    threads: z.number().int().min(1).max(256).optional(),
  })
  .strict();
