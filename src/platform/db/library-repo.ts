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
 * so a call that was not recorded does not vanish with its notes. Each correlated lookup is by
 * primary key or an index, so 10,000 rows read in tens of milliseconds.
 */
export function createLibraryReader(db: Db): LibraryReader {
  const refusal = `(SELECT cr.outcome FROM consent_records cr WHERE cr.call_id = c.id AND cr.outcome <> 'granted' ORDER BY cr.seq DESC LIMIT 1)`;
  const notes = `EXISTS (SELECT 1 FROM call_notes n WHERE n.call_id = c.id AND n.body <> '')`;
  const all = db.prepare<[], Row>(
    `SELECT r.id AS recording_id, c.id AS call_id, r.title, c.account, r.call_type, r.started_at, r.duration_ms, r.status, r.recovered_at_ms,
            ${refusal} AS refusal,
            (SELECT max(t.version) FROM transcripts t WHERE t.recording_id = r.id) AS transcript_version,
            (SELECT j.state FROM transcription_jobs j WHERE j.recording_id = r.id) AS job_state,
            EXISTS (SELECT 1 FROM transcript_redactions x WHERE x.recording_id = r.id
                    AND x.version = (SELECT max(t2.version) FROM transcripts t2 WHERE t2.recording_id = r.id)) AS reviewed,
            ${notes} AS has_notes
       FROM recordings r LEFT JOIN calls c ON c.id = r.call_id
     UNION ALL
     SELECT NULL, c.id, c.meeting_title, c.account, c.call_type, c.created_at, 0, 'not-recorded', NULL,
            ${refusal}, NULL, NULL, 0, ${notes}
       FROM calls c
      WHERE NOT EXISTS (SELECT 1 FROM recordings r WHERE r.id = c.recording_id)
        AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = c.id)
        AND (c.state <> 'awaiting-consent' OR ${notes} OR ${refusal} IS NOT NULL)
     ORDER BY started_at DESC`,
  );
  return {
    entries(): LibraryEntry[] {
      return all.all().map((r) => ({
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
      }));
    },
  };
}
