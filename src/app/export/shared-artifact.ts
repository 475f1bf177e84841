/**
 * THE way anything leaves the vault (share, export to files, copy for a CRM). A `SharedArtifact`
 * can only be made here, and only from the latest transcript version with a stored review that
 * still covers everything the detectors find today: its text has every final finding replaced by
 * a typed placeholder and every policy-redacted segment replaced whole; its audio (when asked for)
 * has the findings' time ranges silenced, whole segments where word timings are missing. Any
 * problem on the way (no review, a stale review, a finding that cannot be timed, a detector that
 * fails, text that still holds a finding after redaction) refuses the whole export with a message
 * that says what to do, and is audited. Nothing here returns or writes unredacted content.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { redactedSegments, type RedactedSegment } from '../../core/export/redacted-segments';
import { toJson, toSrt, toWebVtt, type ExportDetails } from '../../core/export/transcript-formats';
import { findingsToTimeRanges, muteRanges, redactText, type TimeRange } from '../../core/redaction';
import type { ExportFormat } from '../../shared/contract/export';
import { labelledLines, transcriptDocument, type TranscriptVersion } from '../../core/transcription/transcript';
import { encodeWav } from '../../platform/audio/wav';
import { assertNever } from '../../shared/assert';
import { AppFailure } from '../app-failure';
import { defaultReviewDeps, latestTranscript, StoredReview, uncoveredFindings, type ReviewDeps } from '../redaction/redaction-review';
import { readRecordingAudio } from '../recording/recording-audio';
import type { OpenVault } from '../vault/open-vault';
import type { SummaryGate } from '../../core/policy/policy-schema';
import { crmNote, type SummaryContent } from '../../core/summary';
import { openSummary } from '../summary/summary-versions';

export interface ShareRequest {
  readonly recordingId: string;
  /** Include the redacted audio (a clip when `clip` is given). */
  readonly audio: boolean;
  /** Milliseconds from the start of the call; the whole call when absent. */
  readonly clip?: { readonly fromMs: number; readonly toMs: number } | undefined;
  /** Where it is going, for the audit trail ("file export", "copy for CRM", "team server"). */
  readonly purpose: string;
  /** The file formats asked for, for the audit trail (writeArtifact writes them). */
  readonly formats?: readonly ExportFormat[] | undefined;
}

const brand: unique symbol = Symbol('SharedArtifact');

export interface SharedArtifact {
  readonly [brand]: true;
  readonly recordingId: string;
  readonly version: number;
  readonly reviewedAt: string;
  readonly reviewedBy: string;
  /** The redacted transcript, "[mm:ss] Speaker: text" per segment (of the clip, if one was asked for). */
  readonly text: string;
  /** 16 kHz 16-bit stereo WAV, redacted; undefined when audio was not asked for. */
  readonly wav: Uint8Array | undefined;
  readonly redactedFindings: number;
  readonly redactedSegments: number;
  readonly mutedRanges: readonly TimeRange[];
  /** The redacted segments of the clip (text, redaction marks, words), for the other formats. */
  readonly segments: readonly RedactedSegment[];
  /** The call's details as they may leave: its title with the detectors' findings redacted. */
  readonly details: ExportDetails;
}

export class ExportRefused extends AppFailure {
  constructor(message: string) {
    super('EXPORT_REFUSED', message);
  }
}

/** Builds the artifact or refuses; either way the attempt is in the audit trail. */
export function buildSharedArtifact(vault: OpenVault, request: ShareRequest, deps: ReviewDeps = defaultReviewDeps): SharedArtifact {
  try {
    const artifact = build(vault, request, deps);
    vault.audit.record('export.created', {
      recordingId: request.recordingId,
      version: artifact.version,
      purpose: request.purpose,
      audio: artifact.wav !== undefined,
      formats: (request.formats ?? ['txt']).join(','),
      redacted: artifact.redactedFindings,
      redactedSegments: artifact.redactedSegments,
    });
    return artifact;
  } catch (error: unknown) {
    const refused = error instanceof ExportRefused ? error : new ExportRefused(`Redaction failed, so nothing was exported (${describe(error)}). Review the transcript's redactions again, then retry.`);
    vault.audit.record('export.refused', { recordingId: request.recordingId, purpose: request.purpose, reason: refused.message });
    throw refused;
  }
}

/**
 * Writes an artifact to a new folder: the transcript in each format asked for (transcript.txt,
 * .srt, .vtt, .docx, .json), audio.wav (if any) and manifest.json with their sha256 sums. A file
 * that exists already is never overwritten.
 */
export async function writeArtifact(artifact: SharedArtifact, dir: string, formats: readonly ExportFormat[] = ['txt']): Promise<string[]> {
  const files: [string, Uint8Array | string][] = [];
  for (const format of new Set(formats)) {
    files.push([`transcript.${format}`, await rendered(artifact, format)]);
  }
  if (artifact.wav) {
    files.push(['audio.wav', artifact.wav]);
  }
  const manifest = {
    recordingId: artifact.recordingId,
    transcriptVersion: artifact.version,
    reviewedAt: artifact.reviewedAt,
    reviewedBy: artifact.reviewedBy,
    clip: artifact.details.clip,
    redactedFindings: artifact.redactedFindings,
    redactedSegments: artifact.redactedSegments,
    mutedRanges: artifact.mutedRanges,
    files: files.map(([name, data]) => ({ name, sha256: createHash('sha256').update(data).digest('hex') })),
  };
  files.push(['manifest.json', `${JSON.stringify(manifest, null, 2)}\n`]);
  fs.mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, data] of files) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data, { flag: 'wx', mode: 0o600 });
    written.push(file);
  }
  return written;
}

async function rendered(artifact: SharedArtifact, format: ExportFormat): Promise<Uint8Array | string> {
  switch (format) {
    case 'txt':
      return `${artifact.text}\n`;
    case 'srt':
      return toSrt(artifact.segments, artifact.details);
    case 'vtt':
      return toWebVtt(artifact.segments, artifact.details);
    case 'json':
      return toJson(artifact.segments, artifact.details);
    case 'docx':
      // The DOCX writer is large; it loads for a DOCX export only, not with the handler table.
      return (await import('./docx-transcript')).toDocx(artifact.segments, artifact.details);
    default:
      return assertNever(format, 'export format');
  }
}

function build(vault: OpenVault, request: ShareRequest, deps: ReviewDeps): SharedArtifact {
  const { recordingId } = request;
  let transcript: TranscriptVersion;
  try {
    transcript = latestTranscript(vault, recordingId);
  } catch {
    throw new ExportRefused('This recording has no transcript, so there is nothing reviewed to share. Transcribe it and review its redactions first.');
  }
  const row = vault.redactionSets.get(recordingId, transcript.version);
  if (!row) {
    throw new ExportRefused(`Transcript version ${transcript.version} has not been reviewed for redaction. Review its findings first; only a reviewed, redacted transcript can leave the vault.`);
  }
  const parsed = StoredReview.safeParse(row.redactions);
  if (!parsed.success) {
    throw new ExportRefused('The stored redaction review of this transcript cannot be read. Review the redactions again.');
  }
  const review = parsed.data;
  const doc = transcriptDocument(transcript.segments);

  // The review must still cover everything the detectors find now (they may have improved).
  const uncovered = uncoveredFindings(doc.text, review, deps);
  if (uncovered.length > 0) {
    throw new ExportRefused(`The redaction review is out of date: ${uncovered.length} finding(s) were not reviewed (${summarise(uncovered.map((f) => f.type))}). Review the redactions again.`);
  }
  for (const span of review.final) {
    if (span.end > doc.text.length || span.start >= span.end) {
      throw new ExportRefused('A reviewed redaction lies outside the transcript. Review the redactions again.');
    }
  }
  const redactSegments = new Set(review.topics.filter((t) => t.action === 'redact').map((t) => t.segment));
  const restricted = review.topics.filter((t) => t.action === 'restrict');
  if (restricted.length > 0) {
    throw new ExportRefused(`The policy restricts sharing this call: it touches ${summarise(restricted.map((t) => t.topic))}. It cannot be shared without approval.`);
  }

  // Only the clip's segments go out.
  const clip = request.clip;
  const inClip = transcript.segments.map((s) => clip === undefined || (s.endMs > clip.fromMs && s.startMs < clip.toMs));
  const redactedText = redactText(doc.text, review.final);
  const lines = segmentTexts(redactedText, doc.text, review.final, transcript.segments.length);
  const texts = lines.map((line, i) => (redactSegments.has(i) ? `[REDACTED: ${review.topics.find((t) => t.segment === i)?.topic ?? 'TOPIC'}]` : line));
  const kept = transcript.segments.map((segment, i) => ({ segment, text: texts[i] ?? '' })).filter((_, i) => inClip[i]);
  const text = labelledLines(kept.map((k) => k.segment), kept.map((k) => k.text)).join('\n');

  // The structured segments (for SRT, VTT, DOCX, JSON) must read exactly as the text lines do.
  const topicMarks = new Map([...redactSegments].map((i) => [i, review.topics.find((t) => t.segment === i)?.topic ?? 'TOPIC']));
  const structured = redactedSegments(doc, transcript.segments, review.final, topicMarks);
  if (structured.some((segment, i) => segment.text !== texts[i])) {
    throw new ExportRefused('The redacted transcript could not be laid out consistently, so nothing was exported. Review the redactions again.');
  }
  const keptSegments = structured.filter((_, i) => inClip[i]);

  // Nothing that was to be redacted may still be in the text (or in the words of the JSON export).
  const keptText = [...kept.map((k) => k.text), ...keptSegments.map((k) => k.words.map((w) => w.text).join(' '))].join('\n');
  const dismissedValues = new Set(review.dismissed.map((d) => doc.text.slice(d.start, d.end)));
  const leaked = deps.detect(keptText).filter((f) => !dismissedValues.has(keptText.slice(f.start, f.end)));
  if (leaked.length > 0) {
    throw new ExportRefused(`After redaction the text still contains ${summarise(leaked.map((f) => f.type))}. Review the redactions again.`);
  }

  let wav: Uint8Array | undefined;
  let mutedRanges: readonly TimeRange[] = [];
  if (request.audio) {
    // Findings by their words' times; policy-redacted segments whole.
    const wholeSegments = [...redactSegments].flatMap((i) => {
      const seg = doc.segments[i];
      return seg ? [{ start: seg.charStart, end: Math.max(seg.charStart + 1, seg.charEnd) }] : [];
    });
    const findingSpans = [...review.final, ...wholeSegments];
    const mapping = findingsToTimeRanges(findingSpans, doc.segments);
    if (!mapping.ok) {
      throw new ExportRefused(`The audio cannot be redacted safely: a redaction (characters ${mapping.span.start}–${mapping.span.end}) could not be placed in time (${mapping.reason}). Nothing was exported; review the redactions again.`);
    }
    mutedRanges = mapping.ranges;
    wav = redactedWav(vault, recordingId, mapping.ranges, clip);
  }

  const record = vault.recordings.get(recordingId);
  if (!record) {
    throw new ExportRefused('This recording is not in the vault any more, so nothing was exported.');
  }
  const details: ExportDetails = {
    recordingId,
    transcriptVersion: transcript.version,
    title: redactText(record.title, deps.detect(record.title)),
    callType: record.callType,
    startedAt: record.startedAt,
    durationMs: record.durationMs,
    reviewedAt: row.reviewedAt,
    reviewedBy: row.reviewedBy,
    clip: clip === undefined ? null : { fromMs: clip.fromMs, toMs: clip.toMs },
  };

  return {
    [brand]: true,
    recordingId,
    version: transcript.version,
    reviewedAt: row.reviewedAt,
    reviewedBy: row.reviewedBy,
    text,
    wav,
    redactedFindings: review.final.length,
    redactedSegments: redactSegments.size,
    mutedRanges,
    segments: keptSegments,
    details,
  };
}

export interface SummaryShareRequest {
  readonly recordingId: string;
  /** Where it is going, for the audit trail ("copy as CRM note", "file export"). */
  readonly purpose: string;
  /** What the summary will be used for (policy summaryReview.requiredBefore names these); none: review required. */
  readonly use?: SummaryGate | undefined;
  /** The policy's summaryReview.requiredBefore, or undefined when no policy could be read (then every use needs review). */
  readonly reviewRequiredBefore?: readonly SummaryGate[] | undefined;
}

const summaryBrand: unique symbol = Symbol('SharedSummary');

/** A reviewed summary of the current transcript version, as it may leave the vault. */
export interface SharedSummary {
  readonly [summaryBrand]: true;
  readonly recordingId: string;
  readonly summaryVersion: number;
  readonly transcriptVersion: number;
  /** False only for a draft let out for a use the policy does not require review before. */
  readonly reviewed: boolean;
  readonly reviewedAt: string | null;
  readonly reviewedBy: string | null;
  readonly content: SummaryContent;
  /** The summary as a CRM note (plain text, each item with the moment it cites). */
  readonly note: string;
}

/**
 * The gate for summaries, beside the transcript's: a summary leaves only when it is a reviewed
 * version of the current transcript version, and that transcript passes the redaction checks a
 * transcript export passes (a stored, up-to-date review, no restricted topic). A draft, a stale
 * summary, or one whose text the detectors still find something in, is refused; every attempt is
 * audited (versions and counts, never the text).
 */
export function buildSharedSummary(vault: OpenVault, request: SummaryShareRequest, deps: ReviewDeps = defaultReviewDeps): SharedSummary {
  try {
    const shared = buildSummary(vault, request, deps);
    vault.audit.record('export.created', {
      recordingId: request.recordingId,
      version: shared.transcriptVersion,
      summaryVersion: shared.summaryVersion,
      what: 'summary',
      purpose: request.purpose,
      use: request.use ?? 'unnamed',
      reviewed: shared.reviewed,
      items: shared.content.items.length,
    });
    return shared;
  } catch (error: unknown) {
    const refused = error instanceof ExportRefused ? error : new ExportRefused(`The summary could not be checked, so nothing left the vault (${describe(error)}).`);
    vault.audit.record('export.refused', { recordingId: request.recordingId, what: 'summary', purpose: request.purpose, reason: refused.message });
    throw refused;
  }
}

function buildSummary(vault: OpenVault, request: SummaryShareRequest, deps: ReviewDeps): SharedSummary {
  const { recordingId } = request;
  const latest = vault.summaries.latest(recordingId);
  if (latest === undefined) {
    throw new ExportRefused('This call has no summary. Draft one and review it first.');
  }
  const reviewed = latest.kind === 'reviewed';
  if (!reviewed && reviewRequired(request.use, request.reviewRequiredBefore)) {
    throw new ExportRefused(
      request.use === undefined
        ? 'This summary is an AI draft that has not been reviewed. Review it item by item first; only a reviewed summary can leave the vault.'
        : `This summary is an AI draft that has not been reviewed, and the policy requires a review before ${request.use}. Review it item by item first.`,
    );
  }
  const current = vault.transcripts.latest(recordingId)?.version;
  if (latest.transcriptVersion !== current) {
    throw new ExportRefused(`The ${reviewed ? 'reviewed ' : ''}summary is stale: it summarises transcript version ${latest.transcriptVersion}, and version ${current ?? 0} is current. Draft and review the summary again.`);
  }
  // The transcript it summarises must pass the transcript's own gate (a current redaction review, no restricted topic).
  const transcript = build(vault, { recordingId, audio: false, purpose: request.purpose }, deps);
  const content = openSummary(vault, latest);
  const note = crmNote(content, transcript.segments.map((s, index) => ({ index, startMs: s.startMs })), {
    title: transcript.details.title,
    reviewedAt: reviewed ? latest.createdAt : null,
    reviewedBy: reviewed ? latest.createdBy : null,
    transcriptVersion: transcript.version,
  });
  const leaked = deps.detect(note);
  if (leaked.length > 0) {
    throw new ExportRefused(`The summary contains ${summarise(leaked.map((f) => f.type))}. Draft and review it again.`);
  }
  return {
    [summaryBrand]: true,
    recordingId,
    summaryVersion: latest.version,
    transcriptVersion: transcript.version,
    reviewed,
    reviewedAt: reviewed ? latest.createdAt : null,
    reviewedBy: reviewed ? latest.createdBy : null,
    content,
    note,
  };
}

/**
 * Whether a use needs a reviewed summary: every use the policy lists, any use not named, and
 * every use when the policy could not be read (fail closed).
 */
export function reviewRequired(use: SummaryGate | undefined, requiredBefore: readonly SummaryGate[] | undefined): boolean {
  return use === undefined || requiredBefore === undefined || requiredBefore.includes(use);
}

/** Writes a shared summary into a new folder: summary.txt (the CRM note), summary.json and manifest.json; never overwrites. */
export function writeSummaryArtifact(shared: SharedSummary, dir: string): string[] {
  const files: [string, string][] = [
    ['summary.txt', `${shared.note}\n`],
    ['summary.json', `${JSON.stringify({ recordingId: shared.recordingId, summaryVersion: shared.summaryVersion, transcriptVersion: shared.transcriptVersion, reviewed: shared.reviewed, reviewedAt: shared.reviewedAt, reviewedBy: shared.reviewedBy, ...shared.content }, null, 2)}\n`],
  ];
  const manifest = {
    recordingId: shared.recordingId,
    summaryVersion: shared.summaryVersion,
    transcriptVersion: shared.transcriptVersion,
    reviewed: shared.reviewed,
    reviewedAt: shared.reviewedAt,
    reviewedBy: shared.reviewedBy,
    files: files.map(([name, data]) => ({ name, sha256: createHash('sha256').update(data).digest('hex') })),
  };
  files.push(['manifest.json', `${JSON.stringify(manifest, null, 2)}\n`]);
  fs.mkdirSync(dir, { recursive: true });
  return files.map(([name, data]) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, data, { flag: 'wx', mode: 0o600 });
    return file;
  });
}

/**
 * The redacted document split back into its segment lines. Placeholders contain no newline, so
 * the line count is unchanged; a finding spanning a line break would merge lines, which is
 * refused rather than guessed.
 */
function segmentTexts(redacted: string, original: string, final: StoredReview['final'], count: number): string[] {
  const lines = redacted.split('\n');
  if (lines.length !== count) {
    const crossing = final.find((f) => original.slice(f.start, f.end).includes('\n'));
    throw new ExportRefused(`A redaction${crossing ? ` (${crossing.type})` : ''} spans two segments of the transcript; redact each part on its own line.`);
  }
  return lines;
}

function redactedWav(vault: OpenVault, recordingId: string, ranges: readonly TimeRange[], clip: ShareRequest['clip']): Uint8Array {
  const audio = readRecordingAudio(vault, recordingId);
  const rate = audio.sampleRate;
  const from = clip ? Math.max(0, Math.floor((clip.fromMs * rate) / 1000)) : 0;
  const channels = audio.channels.map((c) => {
    const to = clip ? Math.min(c.length, Math.ceil((clip.toMs * rate) / 1000)) : c.length;
    const muted = muteRanges(c, rate, ranges);
    return muted.slice(from, Math.max(from, to));
  });
  return encodeWav({ sampleRate: rate, channels });
}

function summarise(names: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const name of names) {
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(', ');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
