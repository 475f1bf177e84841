import { z } from 'zod';
import { RETENTION_ARTIFACTS, ROLES, type RetentionArtifact } from '../../core/policy/policy-schema';
import type { ExemptionRequest, JournalEntry, LocalArtifact, RetentionReader, RetentionRow, RetentionWriter, StoredHold } from '../../core/retention/retention-store';
import { assertNever } from '../../shared/assert';
import type { Db } from './connection';
import { parseColumn } from './json-column';
import { partOf } from './search-index-repo';
import type { SearchSource } from '../../core/search/search-document';

const ArtifactColumn = z.enum(RETENTION_ARTIFACTS);
const OutcomeColumn = z.enum(['won', 'lost']);
const RoleColumn = z.enum(ROLES);
const RequestState = z.enum(['open', 'granted', 'declined']);

interface HoldRow {
  id: string;
  recording_id: string;
  exemption_id: string;
  issuer_role: string;
  issuer_key_id: string;
  issued_at: string;
  signed_grant: string | null;
  released_at: string | null;
}

function holdOf(row: HoldRow): StoredHold {
  return {
    id: row.id,
    recordingId: row.recording_id,
    exemptionId: row.exemption_id,
    issuerRole: parseColumn(RoleColumn, row.issuer_role, () => `The issuer role of hold ${row.id}`),
    issuerKeyId: row.issuer_key_id,
    issuedAt: row.issued_at,
    signedGrant: row.signed_grant,
    releasedAt: row.released_at,
  };
}

/** Retention facts, holds, the sweep's journal and the destruction of one artifact's rows. */
export function createRetentionRepo(db: Db): RetentionReader & RetentionWriter {
  const rowsQuery = db.prepare<[], { id: string; call_type: string; started_at: string; outcome: string | null; decided_on: string | null }>(
    'SELECT r.id, r.call_type, r.started_at, d.outcome, d.decided_on FROM recordings r LEFT JOIN deal_outcomes d ON d.recording_id = r.id',
  );
  const rowQuery = db.prepare<[string], { id: string; call_type: string; started_at: string; outcome: string | null; decided_on: string | null }>(
    'SELECT r.id, r.call_type, r.started_at, d.outcome, d.decided_on FROM recordings r LEFT JOIN deal_outcomes d ON d.recording_id = r.id WHERE r.id = ?',
  );
  const destroyedAll = db.prepare<[], { recording_id: string; artifact: string }>('SELECT recording_id, artifact FROM retention_destroyed');
  const destroyedOf = db.prepare<[string], { recording_id: string; artifact: string }>('SELECT recording_id, artifact FROM retention_destroyed WHERE recording_id = ?');
  const activeHolds = db.prepare<[], HoldRow>('SELECT * FROM retention_holds WHERE released_at IS NULL');
  const holdsOf = db.prepare<[string], HoldRow>('SELECT * FROM retention_holds WHERE recording_id = ? AND released_at IS NULL ORDER BY issued_at');
  const holdById = db.prepare<[string], HoldRow>('SELECT * FROM retention_holds WHERE id = ?');
  const journal = db.prepare<[], { recording_id: string; artifact: string; rule: string; due_on: string; started_at: string }>('SELECT * FROM retention_journal ORDER BY started_at, recording_id, artifact');
  const requests = db.prepare<[], { id: string; recording_id: string; exemption_id: string; requested_at: string; state: string }>('SELECT * FROM exemption_requests ORDER BY requested_at');
  const setOutcome = db.prepare(
    `INSERT INTO deal_outcomes (recording_id, outcome, decided_on, recorded_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(recording_id) DO UPDATE SET outcome = excluded.outcome, decided_on = excluded.decided_on, recorded_at = excluded.recorded_at`,
  );
  const addHold = db.prepare(
    `INSERT INTO retention_holds (id, recording_id, exemption_id, issuer_role, issuer_key_id, issued_at, signed_grant, released_at)
     VALUES (@id, @recordingId, @exemptionId, @issuerRole, @issuerKeyId, @issuedAt, @signedGrant, @releasedAt)`,
  );
  const release = db.prepare('UPDATE retention_holds SET released_at = ?, released_by = ? WHERE id = ? AND released_at IS NULL');
  const addJournal = db.prepare('INSERT OR IGNORE INTO retention_journal (recording_id, artifact, rule, due_on, started_at) VALUES (@recordingId, @artifact, @rule, @dueOn, @startedAt)');
  const removeJournal = db.prepare('DELETE FROM retention_journal WHERE recording_id = ? AND artifact = ?');
  const markDestroyed = db.prepare(
    'INSERT OR REPLACE INTO retention_destroyed (recording_id, artifact, rule, due_on, destroyed_at) VALUES (@recordingId, @artifact, @rule, @dueOn, @destroyedAt)',
  );
  const requestState = db.prepare('UPDATE exemption_requests SET state = ? WHERE id = ?');
  const addRequest = db.prepare('INSERT INTO exemption_requests (id, recording_id, exemption_id, requested_at, state) VALUES (@id, @recordingId, @exemptionId, @requestedAt, @state)');

  // One artifact's rows. Search entries: the keyed term hashes of the artifact's scopes, the scopes and the sealed rows (migration 017).
  const forgetSearchTerms = db.prepare('DELETE FROM search_terms WHERE scope IN (SELECT id FROM search_scopes WHERE recording_id = ? AND part IN (SELECT value FROM json_each(?)))');
  const forgetSearchScopes = db.prepare('DELETE FROM search_scopes WHERE recording_id = ? AND part IN (SELECT value FROM json_each(?))');
  const forgetSearchRows = db.prepare('DELETE FROM search_rows WHERE recording_id = ? AND source IN (SELECT value FROM json_each(?))');
  const deleteTranscripts = db.prepare('DELETE FROM transcripts WHERE recording_id = ?');
  const deleteSummaries = db.prepare('DELETE FROM summaries WHERE recording_id = ?');
  const deleteJob = db.prepare('DELETE FROM transcription_jobs WHERE recording_id = ?');
  const deleteNotes = db.prepare('DELETE FROM call_notes WHERE call_id IN (SELECT call_id FROM recordings WHERE id = @id AND call_id IS NOT NULL UNION SELECT id FROM calls WHERE recording_id = @id)');
  const deleteBookmarks = db.prepare('DELETE FROM bookmarks WHERE recording_id = ?');
  const deleteTags = db.prepare('DELETE FROM tags WHERE recording_id = ?');
  const deleteTagDecisions = db.prepare('DELETE FROM tag_suggestion_decisions WHERE recording_id = ?');
  const deletePeaks = db.prepare('DELETE FROM recording_peaks WHERE recording_id = ?');
  const emptyKey = db.prepare("UPDATE recordings SET wrapped_key = X'' WHERE id = ?");

  const forget = (recordingId: string, sources: readonly (SearchSource | 'legacy')[]): void => {
    const parts = JSON.stringify([...new Set(sources.map(partOf))]);
    forgetSearchTerms.run(recordingId, parts);
    forgetSearchScopes.run(recordingId, parts);
    forgetSearchRows.run(recordingId, JSON.stringify(sources));
  };

  const factsOf = (r: { id: string; call_type: string; started_at: string; outcome: string | null; decided_on: string | null }, destroyed: Set<RetentionArtifact>): RetentionRow => ({
    recordingId: r.id,
    callType: r.call_type,
    startedAt: r.started_at,
    deal: r.outcome === null || r.decided_on === null ? undefined : { outcome: parseColumn(OutcomeColumn, r.outcome, () => `The deal outcome of recording ${r.id}`), decidedOn: r.decided_on },
    destroyed,
  });
  const artifactOf = (value: string, id: string): RetentionArtifact => parseColumn(ArtifactColumn, value, () => `A destroyed artifact of recording ${id}`);

  return {
    rows() {
      const destroyed = new Map<string, Set<RetentionArtifact>>();
      for (const d of destroyedAll.iterate()) {
        let set = destroyed.get(d.recording_id);
        if (set === undefined) {
          set = new Set();
          destroyed.set(d.recording_id, set);
        }
        set.add(artifactOf(d.artifact, d.recording_id));
      }
      return rowsQuery.all().map((r) => factsOf(r, destroyed.get(r.id) ?? new Set()));
    },
    row(recordingId) {
      const r = rowQuery.get(recordingId);
      return r && factsOf(r, new Set(destroyedOf.all(recordingId).map((d) => artifactOf(d.artifact, d.recording_id))));
    },
    activeHolds() {
      const byRecording = new Map<string, StoredHold[]>();
      for (const row of activeHolds.iterate()) {
        const list = byRecording.get(row.recording_id) ?? [];
        list.push(holdOf(row));
        byRecording.set(row.recording_id, list);
      }
      return byRecording;
    },
    holdsOf: (recordingId) => holdsOf.all(recordingId).map(holdOf),
    hold(id) {
      const row = holdById.get(id);
      return row && holdOf(row);
    },
    journal: (): JournalEntry[] =>
      journal.all().map((r) => ({ recordingId: r.recording_id, artifact: artifactOf(r.artifact, r.recording_id), rule: r.rule, dueOn: r.due_on, startedAt: r.started_at })),
    exemptionRequests: (): ExemptionRequest[] =>
      requests.all().map((r) => ({
        id: r.id,
        recordingId: r.recording_id,
        exemptionId: r.exemption_id,
        requestedAt: r.requested_at,
        state: parseColumn(RequestState, r.state, () => `The state of exemption request ${r.id}`),
      })),
    setDealOutcome(recordingId, outcome, decidedOn, at) {
      setOutcome.run(recordingId, outcome, decidedOn, at);
    },
    addHold(hold) {
      addHold.run(hold);
    },
    releaseHold: (id, at, by) => release.run(at, by, id).changes > 0,
    addJournal(entry) {
      addJournal.run(entry);
    },
    removeJournal(recordingId, artifact) {
      removeJournal.run(recordingId, artifact);
    },
    markDestroyed(entry) {
      markDestroyed.run(entry);
    },
    destroyArtifactRows(recordingId, artifact: LocalArtifact) {
      switch (artifact) {
        case 'recording':
          deletePeaks.run(recordingId);
          emptyKey.run(recordingId);
          return;
        case 'transcript':
          forget(recordingId, ['transcript', 'summary', 'summary-draft']);
          deleteJob.run(recordingId);
          // A summary rests on a transcript version (and quotes it): it goes with the transcript.
          deleteSummaries.run(recordingId);
          deleteTranscripts.run(recordingId);
          return;
        case 'summary':
          forget(recordingId, ['summary', 'summary-draft']);
          deleteSummaries.run(recordingId);
          return;
        case 'notes':
          forget(recordingId, ['notes', 'legacy']);
          deleteNotes.run({ id: recordingId });
          deleteBookmarks.run(recordingId);
          return;
        case 'tags':
          forget(recordingId, ['tag']);
          deleteTags.run(recordingId);
          deleteTagDecisions.run(recordingId);
          return;
        default:
          assertNever(artifact, 'local artifact');
      }
    },
    addExemptionRequest(request) {
      addRequest.run(request);
    },
    setExemptionRequestState(id, state) {
      requestState.run(state, id);
    },
  };
}
