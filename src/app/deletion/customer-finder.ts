import { CustomerMatcher, mergeRefs, type CustomerIdentifiers, type IdentifierRef } from '../../core/deletion/customer-match';
import type { CallFinding, FoundClip, FoundHit, RecordingFinding } from '../../core/deletion/deletion-plan';
import { isLocalArtifact, type LocalArtifact } from '../../core/retention/retention-store';
import { openSummary } from '../summary/summary-versions';
import type { OpenVault } from '../vault/open-vault';

/**
 * Finds everything a vault stores about a customer: for every recording, its call's participants,
 * consent records and account, its title, every transcript version (not only the latest the
 * search index holds), its summaries, notes, bookmarks and tags, and the clips shared from it.
 * Reads only; the matching is `CustomerMatcher`'s. Returns only recordings with a hit.
 */
export function findCustomer(vault: OpenVault, identifiers: CustomerIdentifiers): RecordingFinding[] {
  const matcher = new CustomerMatcher(identifiers);
  const clipsBy = new Map<string, FoundClip[]>();
  for (const entry of vault.team.outbox()) {
    const list = clipsBy.get(entry.recordingId) ?? [];
    list.push({ shareId: entry.shareId, state: entry.state });
    clipsBy.set(entry.recordingId, list);
  }
  const findings: RecordingFinding[] = [];
  for (const { id } of vault.recordings.list()) {
    const hits = recordingHits(vault, matcher, id);
    if (hits.length === 0) {
      continue;
    }
    const destroyed = vault.retention.row(id)?.destroyed ?? new Set();
    findings.push({
      recordingId: id,
      hits,
      clips: clipsBy.get(id) ?? [],
      holds: vault.retention.holdsOf(id).map((h) => ({ id: h.id, exemptionId: h.exemptionId })),
      alreadyDestroyed: [...destroyed].filter((a): a is LocalArtifact => isLocalArtifact(a)),
    });
  }
  return findings;
}

function recordingHits(vault: OpenVault, matcher: CustomerMatcher, recordingId: string): FoundHit[] {
  const recording = vault.recordings.get(recordingId);
  if (recording === undefined) {
    return [];
  }
  const hits: FoundHit[] = [];
  const add = (where: FoundHit['where'], detail: string, refs: readonly IdentifierRef[]): void => {
    if (refs.length > 0) {
      hits.push({ where, detail, refs });
    }
  };
  add('title', 'title', matcher.mentions(recording.title));
  const call = recording.callId === null ? undefined : vault.calls.get(recording.callId);
  if (call !== undefined) {
    add('participant', 'participants', mergeRefs(call.participants.map((p) => matcher.participant(p))));
    add('consent', 'consent records', mergeRefs(vault.calls.consents(call.id).map((c) => matcher.participant({ name: c.participantName, email: c.participantEmail }))));
    add('account', 'account', matcher.account(call.account));
    add('notes', 'call notes', matcher.mentions(vault.calls.notes(call.id) ?? ''));
  }
  add('notes', 'bookmarks', mergeRefs(vault.calls.bookmarks(recordingId).map((b) => matcher.mentions(b.note))));
  for (const { version } of vault.transcripts.versions(recordingId)) {
    const transcript = vault.transcripts.get(recordingId, version);
    add('transcript', `v${version}`, mergeRefs((transcript?.segments ?? []).map((s) => matcher.mentions(s.text))));
  }
  add('tags', 'tags', mergeRefs(vault.tags.forRecording(recordingId).map((t) => matcher.mentions(t.tag))));
  for (const summary of vault.summaries.versions(recordingId)) {
    add('summary', `v${summary.version}`, matcher.mentions(summaryText(vault, summary)));
  }
  return hits;
}

/** A summary's words, to be scanned; one that cannot be opened is scanned as nothing (its call is found by the transcript it came from). */
function summaryText(vault: OpenVault, summary: Parameters<typeof openSummary>[1]): string {
  try {
    return JSON.stringify(openSummary(vault, summary));
  } catch {
    return '';
  }
}

// Added for calls without a recording (review finding on #15): append-only block.

/**
 * Calls that have no recording (never recorded, consent declined, or the recording deleted by the
 * rep) and are not erased yet, in which the customer appears: as a participant or in a consent
 * record, as the account, in the meeting title, or in the call's notes. Reads only.
 */
export function findCustomerCalls(vault: OpenVault, identifiers: CustomerIdentifiers): CallFinding[] {
  const matcher = new CustomerMatcher(identifiers);
  const findings: CallFinding[] = [];
  for (const unrecorded of vault.calls.unrecordedCalls()) {
    const call = vault.calls.get(unrecorded.callId);
    if (call === undefined) {
      continue;
    }
    const hits: FoundHit[] = [];
    const add = (where: FoundHit['where'], detail: string, refs: readonly IdentifierRef[]): void => {
      if (refs.length > 0) {
        hits.push({ where, detail, refs });
      }
    };
    add('participant', 'participants', mergeRefs(call.participants.map((p) => matcher.participant(p))));
    add('consent', 'consent records', mergeRefs(vault.calls.consents(call.id).map((c) => matcher.participant({ name: c.participantName, email: c.participantEmail }))));
    add('account', 'account', matcher.account(call.account));
    add('title', 'meeting title', matcher.mentions(call.meetingTitle));
    add('notes', 'call notes', matcher.mentions(vault.calls.notes(call.id) ?? ''));
    if (hits.length > 0) {
      const holds = unrecorded.recordingId === null ? [] : vault.retention.holdsOf(unrecorded.recordingId).map((h) => ({ id: h.id, exemptionId: h.exemptionId }));
      findings.push({ callId: call.id, hits, holds });
    }
  }
  return findings;
}
