/**
 * Tags on calls and moments, from the policy's taxonomy, and suggestions from the latest
 * transcript by the policy's rules. Suggestions are computed on request and never stored as
 * tags: only `accept` (the rep's act) turns one into a tag. Tag ids and counts are audited; the
 * sentence that triggered a suggestion is shown to the rep and never leaves the vault.
 */
import { randomUUID } from 'node:crypto';
import type { Policy } from '../../core/policy';
import type { TagRecord } from '../../core/tags/tag';
import { suggestTags, type TagSuggestion } from '../../core/tags/tag-suggestions';
import type { TagSuggestionView, TagView } from '../../shared/contract';
import { AppFailure } from '../app-failure';
import type { AppEventSink } from '../app-events';
import type { OpenVault } from '../vault/open-vault';
import { indexRecording } from '../search/search-index-sync';

export const MAX_TAGS_PER_RECORDING = 1_000;

function requireRecording(vault: OpenVault, recordingId: string) {
  const record = vault.recordings.get(recordingId);
  if (record === undefined) {
    throw new AppFailure('NOT_FOUND', `Recording ${recordingId} is not in this vault.`);
  }
  return record;
}

export function tagViews(vault: OpenVault, recordingId: string, policy: Policy | undefined): TagView[] {
  requireRecording(vault, recordingId);
  const labels = new Map((policy?.tags ?? []).map((t) => [t.id, t.label]));
  return vault.tags.forRecording(recordingId).map((t) => ({ ...t, label: labels.get(t.tag) ?? t.tag }));
}

function taxonomyEntry(policy: Policy, tag: string): Policy['tags'][number] {
  const entry = policy.tags.find((t) => t.id === tag);
  if (entry === undefined) {
    throw new AppFailure('BAD_REQUEST', `"${tag}" is not a tag in the policy. Use one of: ${policy.tags.map((t) => t.id).join(', ')}.`);
  }
  return entry;
}

export function addTag(
  vault: OpenVault,
  events: AppEventSink,
  policy: Policy,
  input: { readonly recordingId: string; readonly tag: string; readonly fromMs?: number | undefined; readonly toMs?: number | undefined },
  source: TagRecord['source'] = 'manual',
): TagView[] {
  const record = requireRecording(vault, input.recordingId);
  taxonomyEntry(policy, input.tag);
  const fromMs = input.fromMs ?? null;
  const toMs = input.toMs ?? null;
  if ((fromMs === null) !== (toMs === null) || (fromMs !== null && toMs !== null && (fromMs < 0 || toMs <= fromMs))) {
    throw new AppFailure('BAD_REQUEST', 'A moment needs a start and an end after it; leave both out to tag the whole call.');
  }
  if (toMs !== null && record.status !== 'recording' && toMs > record.durationMs) {
    throw new AppFailure('BAD_REQUEST', `The moment ends at ${clock(toMs)}, after the recording ends (${clock(record.durationMs)}).`);
  }
  const existing = vault.tags.forRecording(input.recordingId);
  if (existing.some((t) => t.tag === input.tag && t.fromMs === fromMs && t.toMs === toMs)) {
    throw new AppFailure('BAD_REQUEST', fromMs === null ? 'The call already has this tag.' : 'This moment already has this tag.');
  }
  if (existing.length >= MAX_TAGS_PER_RECORDING) {
    throw new AppFailure('BAD_REQUEST', `A recording holds at most ${MAX_TAGS_PER_RECORDING} tags. Remove some first.`);
  }
  vault.tags.add({ id: randomUUID(), recordingId: input.recordingId, tag: input.tag, fromMs, toMs, source, createdAt: vault.now().toISOString(), createdBy: vault.profile.displayName });
  indexRecording(vault, input.recordingId);
  vault.audit.record('tag.added', { recordingId: input.recordingId, by: vault.profile.id, tag: input.tag, source, moment: fromMs !== null });
  events.emit('tags.changed', { recordingId: input.recordingId });
  events.emit('library.changed', { change: 'updated', recordingIds: [input.recordingId] });
  return tagViews(vault, input.recordingId, policy);
}

export function removeTag(vault: OpenVault, events: AppEventSink, policy: Policy | undefined, recordingId: string, id: string): TagView[] {
  requireRecording(vault, recordingId);
  const tag = vault.tags.forRecording(recordingId).find((t) => t.id === id);
  if (tag === undefined || !vault.tags.remove(recordingId, id)) {
    throw new AppFailure('NOT_FOUND', 'That tag is not on this recording (it may have been removed already).');
  }
  indexRecording(vault, recordingId);
  vault.audit.record('tag.removed', { recordingId, by: vault.profile.id, tag: tag.tag });
  events.emit('tags.changed', { recordingId });
  events.emit('library.changed', { change: 'updated', recordingIds: [recordingId] });
  return tagViews(vault, recordingId, policy);
}

/** Suggestions from the latest transcript; none when there is no transcript yet. Writes nothing. */
export function suggestionsFor(vault: OpenVault, policy: Policy, recordingId: string): TagSuggestionView[] {
  requireRecording(vault, recordingId);
  const transcript = vault.transcripts.latest(recordingId);
  if (transcript === undefined) {
    return [];
  }
  const found = suggestTags(transcript.segments, policy.tags, { existing: vault.tags.forRecording(recordingId), decided: vault.tags.decisions(recordingId) });
  return found.map((s) => view(s, transcript.version));
}

function view(s: TagSuggestion, version: number): TagSuggestionView {
  const { segment: _segment, ...rest } = s;
  return { ...rest, version };
}

function findSuggestion(vault: OpenVault, policy: Policy, recordingId: string, suggestionId: string): TagSuggestionView {
  const suggestion = suggestionsFor(vault, policy, recordingId).find((s) => s.id === suggestionId);
  if (suggestion === undefined) {
    throw new AppFailure('NOT_FOUND', 'This suggestion is no longer offered: it was decided already, or the transcript changed. Refresh the suggestions.');
  }
  return suggestion;
}

export function acceptSuggestion(vault: OpenVault, events: AppEventSink, policy: Policy, recordingId: string, suggestionId: string): TagView[] {
  const suggestion = findSuggestion(vault, policy, recordingId, suggestionId);
  // The tag first (it checks and audits); once it is there the suggestion is covered by it anyway.
  const tags = addTag(vault, events, policy, { recordingId, tag: suggestion.tag, fromMs: suggestion.startMs, toMs: suggestion.endMs }, 'suggestion');
  vault.tags.decide(recordingId, suggestion.tag, suggestion.startMs, 'accepted', vault.now().toISOString(), vault.profile.displayName);
  return tags;
}

export function rejectSuggestion(vault: OpenVault, events: AppEventSink, policy: Policy, recordingId: string, suggestionId: string): TagSuggestionView[] {
  const suggestion = findSuggestion(vault, policy, recordingId, suggestionId);
  vault.tags.decide(recordingId, suggestion.tag, suggestion.startMs, 'rejected', vault.now().toISOString(), vault.profile.displayName);
  vault.audit.record('tag.suggestion_rejected', { recordingId, by: vault.profile.id, tag: suggestion.tag });
  events.emit('tags.changed', { recordingId });
  return suggestionsFor(vault, policy, recordingId);
}

function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
