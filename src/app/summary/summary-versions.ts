/**
 * Summary versions in the vault: a draft is stored as drafted (after the citation check), a review
 * adds a new immutable version made from a draft (which is kept), and each is tied to the
 * transcript version it summarises. Content is sealed under the recording's summary key with
 * its recording and version bound in as associated data (the version is assigned first, in the
 * same transaction), and recording, version, transcript version and kind inside, so a row moved
 * or swapped does not open as another. Audit entries carry versions and counts, never an item's text.
 */
import { z } from 'zod';
import { detectSensitive } from '../../core/redaction';
import { applyReview, checkCitations, SummaryContent, type Drafter, type ProposedItem, type ReviewDecision, type StoredSummary, type SummaryKind, type SummarySegment } from '../../core/summary';
import type { SummaryView } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import { requireTranscript } from '../transcripts/transcript-versions';
import type { OpenVault } from '../vault/open-vault';
import { redactedSummaryInput } from './redacted-input';

const Sealed = z.strictObject({
  format: z.literal(1),
  recordingId: z.string(),
  version: z.number().int(),
  transcriptVersion: z.number().int(),
  kind: z.enum(['draft', 'reviewed']),
  content: SummaryContent,
});

/** The content of a stored version, opened and checked against its row; INTEGRITY otherwise. */
export function openSummary(vault: OpenVault, row: StoredSummary): SummaryContent {
  let parsed: z.output<typeof Sealed>;
  try {
    parsed = Sealed.parse(JSON.parse(new TextDecoder().decode(vault.openSummary(row.recordingId, row.version, row.sealed))));
  } catch (cause) {
    throw new AppFailure('INTEGRITY', `Summary version ${row.version} of this recording cannot be opened: it was altered or damaged. Draft the summary again.`, { cause });
  }
  if (parsed.recordingId !== row.recordingId || parsed.version !== row.version || parsed.transcriptVersion !== row.transcriptVersion || parsed.kind !== row.kind) {
    throw new AppFailure('INTEGRITY', `Summary version ${row.version} of this recording does not belong where it is stored. Draft the summary again.`);
  }
  return parsed.content;
}

function store(vault: OpenVault, entry: { recordingId: string; transcriptVersion: number; kind: SummaryKind; reviewedFrom: number | null; dropped: number; content: SummaryContent }): StoredSummary {
  return vault.transaction(() => {
    const version = (vault.summaries.latest(entry.recordingId)?.version ?? 0) + 1;
    const plaintext = new TextEncoder().encode(JSON.stringify({ format: 1, recordingId: entry.recordingId, version, transcriptVersion: entry.transcriptVersion, kind: entry.kind, content: entry.content }));
    const added = vault.summaries.add({
      recordingId: entry.recordingId,
      transcriptVersion: entry.transcriptVersion,
      kind: entry.kind,
      drafter: entry.content.drafter,
      reviewedFrom: entry.reviewedFrom,
      items: entry.content.items.length,
      dropped: entry.dropped,
      sealed: vault.sealSummary(entry.recordingId, version, plaintext),
      createdAt: vault.now().toISOString(),
      createdBy: vault.profile.displayName,
    });
    if (added.version !== version) {
      throw new AppFailure('INTERNAL', 'A summary version was numbered out of turn.');
    }
    return added;
  });
}

/** The redacted segments of the latest transcript version, which every drafter reads. */
export function summaryInput(vault: OpenVault, recordingId: string): { transcriptVersion: number; segments: SummarySegment[] } {
  const transcript = requireTranscript(vault, recordingId);
  return { transcriptVersion: transcript.version, segments: redactedSummaryInput(vault, transcript) };
}

/** Stores a drafter's proposals as a draft of `transcriptVersion` after the citation check; audited. */
export function saveDraft(vault: OpenVault, recordingId: string, transcriptVersion: number, segments: readonly SummarySegment[], drafted: { drafter: Drafter; model: string | null; items: readonly ProposedItem[] }): StoredSummary {
  const current = requireTranscript(vault, recordingId).version;
  if (current !== transcriptVersion) {
    throw new AppFailure('CONFLICT', `Transcript version ${current} was saved while the summary was drafted from version ${transcriptVersion}. Draft again.`);
  }
  const checked = checkCitations(drafted.items, segments);
  const saved = store(vault, { recordingId, transcriptVersion, kind: 'draft', reviewedFrom: null, dropped: checked.dropped.length, content: { drafter: drafted.drafter, model: drafted.model, items: checked.items } });
  vault.audit.record('summary.drafted', { recordingId, version: saved.version, transcriptVersion, drafter: drafted.drafter, items: saved.items, dropped: saved.dropped });
  return saved;
}

/** The rep's review of draft `version`: one decision per item; a new reviewed version; audited with counts. */
export function reviewSummary(vault: OpenVault, recordingId: string, version: number, decisions: readonly ReviewDecision[]): StoredSummary {
  const row = vault.summaries.get(recordingId, version);
  if (row === undefined) {
    throw new AppFailure('NOT_FOUND', `This recording has no summary version ${version}.`);
  }
  if (row.kind !== 'draft') {
    throw new AppFailure('BAD_REQUEST', `Summary version ${version} is already a reviewed version; it cannot be changed. Draft again to review anew.`);
  }
  const latest = vault.summaries.latest(recordingId);
  if (latest !== undefined && latest.version !== version) {
    throw new AppFailure('CONFLICT', `Summary version ${latest.version} was saved after draft ${version}. Reload and review the newest one.`);
  }
  const current = requireTranscript(vault, recordingId).version;
  if (row.transcriptVersion !== current) {
    throw new AppFailure('BAD_REQUEST', `This draft summarises transcript version ${row.transcriptVersion}, but version ${current} is current: it is stale. Draft the summary again.`);
  }
  const outcome = applyReview(openSummary(vault, row), decisions);
  for (const item of outcome.content.items) {
    const found = detectSensitive(item.text);
    if (found.length > 0) {
      throw new AppFailure('BAD_REQUEST', `An edited item contains sensitive data (${[...new Set(found.map((f) => f.type))].join(', ')}). A summary holds redacted text only: remove it and save again.`);
    }
  }
  const saved = store(vault, { recordingId, transcriptVersion: row.transcriptVersion, kind: 'reviewed', reviewedFrom: version, dropped: 0, content: outcome.content });
  vault.audit.record('summary.reviewed', {
    recordingId,
    version: saved.version,
    reviewedFrom: version,
    transcriptVersion: row.transcriptVersion,
    accepted: outcome.accepted,
    edited: outcome.edited,
    rejected: outcome.rejected,
  });
  return saved;
}

/** What the call page and the CLI show: the newest version and whether it may be used. */
export function summaryView(vault: OpenVault, recordingId: string): SummaryView {
  const transcript = requireTranscript(vault, recordingId);
  const latest = vault.summaries.latest(recordingId);
  const status = latest === undefined ? 'none' : latest.transcriptVersion !== transcript.version ? 'stale' : latest.kind === 'reviewed' ? 'reviewed' : 'draft';
  return {
    recordingId,
    status,
    currentTranscriptVersion: transcript.version,
    latest:
      latest === undefined
        ? null
        : {
            version: latest.version,
            kind: latest.kind,
            transcriptVersion: latest.transcriptVersion,
            reviewedFrom: latest.reviewedFrom,
            createdAt: latest.createdAt,
            createdBy: latest.createdBy,
            dropped: latest.dropped,
            content: openSummary(vault, latest),
          },
    segments: transcript.segments.map((s, index) => ({ index, startMs: s.startMs, speaker: s.speaker })),
  };
}
