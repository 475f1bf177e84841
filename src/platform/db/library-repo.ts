import { z } from 'zod';
import type { LibraryEntry, LibraryReader } from '../../core/recordings/library';
import type { Db } from './connection';
import { parseColumn } from './json-column';

const Refusal = z.enum(['declined', 'withdrawn']).nullable();

interface Row {
  recording_id: string | null;
  call_id: string | null;
  title: string;
  account: string | null;
  call_type: string;
  started_at: string;
  duration_ms: number;
  status: string;
  recovered_at_ms: number | null;
  refusal: string | null;
  transcript_version: number | null;
  job_state: string | null;
  reviewed: number;
  has_notes: number;
}

/**
 * The library in one read: every recording with its call, transcript, job and review state, and
 * every call without a recording that ended (declined, withdrawn and destroyed, or notes only),
 * so a call that was not recorded does not vanish with its notes. An erased call (its recording
 * destroyed and its metadata replaced by digests, migration 014) is not listed.
 */
export function createLibraryReader(db: Db): LibraryReader {
  // One pass per table joined by key, instead of a sub-select per row: the latest transcript
  // version per recording, the last refusal per call, the calls with notes. Both branches are
  // ordered by start time (the recordings by their index), so with a LIMIT the merge stops early:
  // a page costs its own rows, not the whole library.
  const query = (when: string) =>
    db.prepare<{ at: string | null; limit: number }, Row>(
      `WITH latest AS (SELECT recording_id, max(version) AS version FROM transcripts GROUP BY recording_id),
            refusal AS (SELECT call_id, outcome FROM consent_records
                         WHERE seq IN (SELECT max(seq) FROM consent_records WHERE outcome <> 'granted' GROUP BY call_id)),
            noted AS (SELECT call_id FROM call_notes WHERE sealed IS NOT NULL)
       SELECT r.id AS recording_id, c.id AS call_id, r.title, c.account, r.call_type, r.started_at, r.duration_ms, r.status, r.recovered_at_ms,
              f.outcome AS refusal, l.version AS transcript_version, j.state AS job_state,
              x.recording_id IS NOT NULL AS reviewed, n.call_id IS NOT NULL AS has_notes
         FROM recordings r
         LEFT JOIN calls c ON c.id = r.call_id
         LEFT JOIN latest l ON l.recording_id = r.id
         LEFT JOIN transcription_jobs j ON j.recording_id = r.id
         LEFT JOIN transcript_redactions x ON x.recording_id = r.id AND x.version = l.version
         LEFT JOIN refusal f ON f.call_id = c.id
         LEFT JOIN noted n ON n.call_id = c.id
        WHERE ${when.replaceAll('started_at', 'r.started_at')}
       UNION ALL
       SELECT NULL, c.id, c.meeting_title, c.account, c.call_type, c.created_at, 0, 'not-recorded', NULL,
              f.outcome, NULL, NULL, 0, n.call_id IS NOT NULL
         FROM calls c
         LEFT JOIN refusal f ON f.call_id = c.id
         LEFT JOIN noted n ON n.call_id = c.id
        WHERE c.erased_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.id = c.recording_id)
          AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = c.id)
          AND (c.state <> 'awaiting-consent' OR n.call_id IS NOT NULL OR f.outcome IS NOT NULL)
          AND ${when.replaceAll('started_at', 'c.created_at')}
       ORDER BY started_at DESC
       LIMIT :limit`,
    );
  const before = query('(:at IS NULL OR started_at < :at)');
  const at = query('started_at = :at');
  const toEntry = (r: Row): LibraryEntry => ({
    recordingId: r.recording_id,
    callId: r.call_id,
    title: r.title,
    account: r.account,
    callType: r.call_type,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    status: r.status,
    recoveredAtMs: r.recovered_at_ms,
    consent: parseColumn(Refusal, r.refusal, () => `The consent outcome of call ${r.call_id ?? ''}`),
    transcriptVersion: r.transcript_version,
    jobState: r.job_state,
    reviewed: r.reviewed === 1,
    hasNotes: r.has_notes === 1,
  });
  const keyOf = (r: Row): string => r.recording_id ?? `call:${r.call_id ?? ''}`;
  return {
    entries(): LibraryEntry[] {
      return before.all({ at: null, limit: -1 }).map(toEntry);
    },
    page(startedBefore: string | null, limit: number): LibraryEntry[] {
      const rows = before.all({ at: startedBefore, limit });
      const last = rows.at(-1);
      if (rows.length === limit && last !== undefined) {
        // A page ends after every row of its last start time, so the next page can start strictly before it.
        const seen = new Set(rows.map(keyOf));
        rows.push(...at.all({ at: last.started_at, limit: -1 }).filter((r) => !seen.has(keyOf(r))));
      }
      return rows.map(toEntry);
    },
  };
}
