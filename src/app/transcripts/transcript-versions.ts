/**
 * Saving the rep's corrections as new transcript versions, and reading the history back. Every
 * save goes through `saveCorrection`: it checks that the stated base is still the latest (else
 * CONFLICT, and nothing is written), builds the new segments (bad input is refused before
 * anything is written), stores the version and re-indexes it in one transaction, audits counts
 * (never words), and tells the UI. The new version has no redaction review: the export gate
 * refuses it until the rep reviews it.
 */
import { diffCounts, diffTranscripts } from '../../core/transcription/transcript-diff';
import { applyTranscriptEdits } from '../../core/transcription/transcript-edit';
import { replaceEdits, type FindOptions } from '../../core/transcription/find-replace';
import { splitTokens } from '../../core/transcription/timed-tokens';
import type { SpeakerNames, StoredSegment, TranscriptVersion } from '../../core/transcription/transcript';
import type { MethodInput, MethodOutput, SavedVersionView } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { AppEventSink } from '../app-events';
import { indexRecording } from '../search/search-index-sync';
import type { OpenVault } from '../vault/open-vault';

type Action = 'edit' | 'replace' | 'restore';

interface Draft {
  readonly segments: readonly StoredSegment[];
  readonly speakerNames: SpeakerNames;
}

/** A version of the recording's transcript (the latest when `version` is not given), or NOT_FOUND. */
export function requireTranscript(vault: OpenVault, recordingId: string, version?: number): TranscriptVersion {
  const transcript = version === undefined ? vault.transcripts.latest(recordingId) : vault.transcripts.get(recordingId, version);
  if (!transcript) {
    throw new AppFailure('NOT_FOUND', version === undefined ? 'This recording has no transcript yet.' : `This recording has no transcript version ${version}.`);
  }
  return transcript;
}

function requireVersion(vault: OpenVault, recordingId: string, version: number): TranscriptVersion {
  const found = vault.transcripts.get(recordingId, version);
  if (found === undefined) {
    if (vault.transcripts.latest(recordingId) === undefined) {
      throw new AppFailure('NOT_FOUND', 'This recording has no transcript yet. Transcribe it first.');
    }
    throw new AppFailure('NOT_FOUND', `This recording has no transcript version ${version}.`);
  }
  return found;
}

function conflict(latest: number, base: number): AppFailure {
  return new AppFailure(
    'CONFLICT',
    `Version ${base} is no longer the latest: version ${latest} was saved meanwhile (in another window?). Nothing was saved and nothing is lost: load version ${latest}, apply your change again and save.`,
  );
}

function sameContent(a: Draft, b: Draft): boolean {
  return JSON.stringify(a.segments) === JSON.stringify(b.segments) && (a.speakerNames.rep ?? null) === (b.speakerNames.rep ?? null) && (a.speakerNames.customer ?? null) === (b.speakerNames.customer ?? null);
}

/** Stores `build(base)` as the next version, if `baseVersion` is still the latest. */
export function saveCorrection(
  vault: OpenVault,
  events: AppEventSink,
  request: { readonly recordingId: string; readonly baseVersion: number; readonly action: Action; readonly edits: number },
  build: (base: TranscriptVersion) => Draft,
): SavedVersionView {
  const { recordingId, baseVersion } = request;
  const base = requireVersion(vault, recordingId, baseVersion);
  const latest = vault.transcripts.latest(recordingId);
  if (latest !== undefined && latest.version !== baseVersion) {
    throw conflict(latest.version, baseVersion);
  }
  const draft = build(base);
  const before: Draft = { segments: base.segments, speakerNames: base.speakerNames ?? {} };
  if (sameContent(before, draft)) {
    throw new AppFailure('BAD_REQUEST', 'This changes nothing, so no new version was saved.');
  }
  const saved = vault.transaction(() => {
    // Checked again inside the transaction: the one connection serialises saves, so of two
    // windows saving on the same base, exactly one gets here first.
    const now = vault.transcripts.latest(recordingId)?.version;
    if (now !== baseVersion) {
      throw conflict(now ?? 0, baseVersion);
    }
    const added = vault.transcripts.add({
      recordingId,
      kind: 'correction',
      createdAt: vault.now().toISOString(),
      createdBy: vault.profile.displayName,
      engine: base.engine,
      language: base.language,
      segments: draft.segments,
      speakerNames: draft.speakerNames,
    });
    indexRecording(vault, recordingId);
    return added;
  });
  const counts = diffCounts(diffTranscripts(before, draft));
  vault.audit.record('transcript.edited', {
    recordingId,
    by: vault.profile.id,
    action: request.action,
    baseVersion,
    version: saved.version,
    edits: request.edits,
    ...counts,
  });
  events.emit('transcripts.changed', { recordingId, version: saved.version });
  events.emit('library.changed', { change: 'updated', recordingIds: [recordingId] });
  return { recordingId, version: saved.version, baseVersion, counts, reviewed: false };
}

/** Who the speakers may be named: the rep's profile name; the call's participants and consent record. */
export function speakerChoices(vault: OpenVault, recordingId: string): { rep: string[]; customer: string[] } {
  const record = vault.recordings.get(recordingId);
  if (record === undefined) {
    throw new AppFailure('NOT_FOUND', `Recording ${recordingId} is not in this vault.`);
  }
  const customers = new Set<string>();
  if (record.callId !== null) {
    for (const participant of vault.calls.get(record.callId)?.participants ?? []) {
      customers.add(participant.name.trim());
    }
    for (const consent of vault.calls.consents(record.callId)) {
      if (consent.outcome === 'granted') {
        customers.add(consent.participantName.trim());
      }
    }
  }
  customers.delete('');
  return { rep: [vault.profile.displayName], customer: [...customers].sort((a, b) => a.localeCompare(b)) };
}

function namesFor(vault: OpenVault, recordingId: string, base: SpeakerNames, input: MethodInput<'transcripts.saveVersion'>['speakerNames']): SpeakerNames {
  if (input === undefined) {
    return base;
  }
  const choices = speakerChoices(vault, recordingId);
  const pick = (speaker: 'rep' | 'customer', value: string | null | undefined): string | undefined => {
    if (value === undefined) {
      return base[speaker];
    }
    if (value === null) {
      return undefined;
    }
    const allowed = choices[speaker];
    const match = allowed.find((name) => name.localeCompare(value, undefined, { sensitivity: 'accent' }) === 0);
    if (match === undefined) {
      throw new AppFailure(
        'BAD_REQUEST',
        speaker === 'rep'
          ? 'The rep can only be named with your profile name.'
          : allowed.length === 0
            ? 'This call has no participants on its consent record, so the customer cannot be named. Add the participant to the call first.'
            : 'The customer can only be named as one of the call’s participants (from its consent record).',
      );
    }
    return match;
  };
  const rep = pick('rep', input.rep);
  const customer = pick('customer', input.customer);
  return { ...(rep === undefined ? {} : { rep }), ...(customer === undefined ? {} : { customer }) };
}

export function saveVersion(vault: OpenVault, events: AppEventSink, input: MethodInput<'transcripts.saveVersion'>): SavedVersionView {
  return saveCorrection(vault, events, { recordingId: input.recordingId, baseVersion: input.baseVersion, action: 'edit', edits: input.edits.length }, (base) => ({
    segments: applyTranscriptEdits(base.segments, input.edits),
    speakerNames: namesFor(vault, input.recordingId, base.speakerNames ?? {}, input.speakerNames),
  }));
}

export function restoreVersion(vault: OpenVault, events: AppEventSink, input: MethodInput<'transcripts.restore'>): SavedVersionView {
  const source = requireVersion(vault, input.recordingId, input.version);
  return saveCorrection(vault, events, { recordingId: input.recordingId, baseVersion: input.baseVersion, action: 'restore', edits: 0 }, () => ({
    segments: source.segments,
    speakerNames: source.speakerNames ?? {},
  }));
}

export function replaceAll(vault: OpenVault, events: AppEventSink, input: MethodInput<'transcripts.replaceAll'>): MethodOutput<'transcripts.replaceAll'> {
  const options: FindOptions = { matchCase: input.matchCase, wholeWord: input.wholeWord };
  let replacements = 0;
  const saved = saveCorrection(vault, events, { recordingId: input.recordingId, baseVersion: input.baseVersion, action: 'replace', edits: 0 }, (base) => {
    const { edits, total } = replaceEdits(base.segments, input.find, input.replace, options);
    if (total === 0) {
      throw new AppFailure('BAD_REQUEST', 'The text to find does not occur in this version; nothing was replaced.');
    }
    replacements = total;
    return { segments: applyTranscriptEdits(base.segments, edits), speakerNames: base.speakerNames ?? {} };
  });
  return { ...saved, replacements };
}

export function versionsOf(vault: OpenVault, recordingId: string): MethodOutput<'transcripts.versions'> {
  const summaries = vault.transcripts.versions(recordingId);
  if (summaries.length === 0) {
    requireVersion(vault, recordingId, 1);
  }
  const last = summaries[summaries.length - 1]?.version;
  return summaries.map((summary) => {
    const version = requireVersion(vault, recordingId, summary.version);
    return {
      ...summary,
      segments: version.segments.length,
      words: version.segments.reduce((n, s) => n + splitTokens(s.text).length, 0),
      speakerNames: { rep: version.speakerNames?.rep ?? null, customer: version.speakerNames?.customer ?? null },
      reviewed: vault.redactionSets.get(recordingId, summary.version) !== undefined,
      latest: summary.version === last,
    };
  });
}

export function diffVersions(vault: OpenVault, input: MethodInput<'transcripts.diff'>): MethodOutput<'transcripts.diff'> {
  const from = requireVersion(vault, input.recordingId, input.from);
  const to = requireVersion(vault, input.recordingId, input.to);
  const diff = diffTranscripts(from, to);
  return { recordingId: input.recordingId, from: input.from, to: input.to, ...diff, hunks: [...diff.hunks], names: [...diff.names] };
}

export function speakersOf(vault: OpenVault, recordingId: string, version: number | undefined): MethodOutput<'transcripts.speakers'> {
  const transcript = version === undefined ? vault.transcripts.latest(recordingId) : vault.transcripts.get(recordingId, version);
  if (transcript === undefined) {
    requireVersion(vault, recordingId, version ?? 1);
    throw new AppFailure('NOT_FOUND', 'This recording has no transcript yet.');
  }
  return {
    recordingId,
    version: transcript.version,
    names: { rep: transcript.speakerNames?.rep ?? null, customer: transcript.speakerNames?.customer ?? null },
    choices: speakerChoices(vault, recordingId),
  };
}
