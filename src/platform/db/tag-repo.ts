import { z } from 'zod';
import { decisionKey, type SuggestionDecision, type TagRecord, type TagRepo } from '../../core/tags/tag';
import type { Db } from './connection';
import { parseColumn } from './json-column';

/** Tags on calls and moments, and the rep's decisions on suggestions (encrypted with the database). */
interface TagRow {
  id: string;
  recording_id: string;
  tag: string;
  from_ms: number | null;
  to_ms: number | null;
  source: string;
  created_at: string;
  created_by: string;
}

const TagSourceColumn = z.enum(['manual', 'suggestion']);
const DecisionColumn = z.enum(['accepted', 'rejected']);

function toTag(row: TagRow): TagRecord {
  return {
    id: row.id,
    recordingId: row.recording_id,
    tag: row.tag,
    fromMs: row.from_ms,
    toMs: row.to_ms,
    source: parseColumn(TagSourceColumn, row.source, () => `Tag ${row.id} of recording ${row.recording_id}`),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function createTagRepo(db: Db): TagRepo {
  const insert = db.prepare(
    `INSERT INTO tags (id, recording_id, tag, from_ms, to_ms, source, created_at, created_by)
     VALUES (@id, @recordingId, @tag, @fromMs, @toMs, @source, @createdAt, @createdBy)`,
  );
  const remove = db.prepare('DELETE FROM tags WHERE recording_id = ? AND id = ?');
  const forRecording = db.prepare<[string], TagRow>('SELECT * FROM tags WHERE recording_id = ? ORDER BY from_ms IS NOT NULL, from_ms, created_at, id');
  const all = db.prepare<[], { recording_id: string; tag: string }>('SELECT DISTINCT recording_id, tag FROM tags ORDER BY recording_id, tag');
  const decide = db.prepare(
    `INSERT INTO tag_suggestion_decisions (recording_id, tag, at_ms, decision, decided_at, decided_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (recording_id, tag, at_ms) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
  );
  const decisions = db.prepare<[string], { tag: string; at_ms: number; decision: string }>('SELECT tag, at_ms, decision FROM tag_suggestion_decisions WHERE recording_id = ?');
  return {
    add(tag) {
      insert.run(tag);
    },
    remove(recordingId, id) {
      return remove.run(recordingId, id).changes > 0;
    },
    forRecording(recordingId) {
      return forRecording.all(recordingId).map(toTag);
    },
    recordingsWith(tags) {
      const wanted = [...new Set(tags)];
      if (wanted.length === 0) {
        return [];
      }
      const placeholders = wanted.map(() => '?').join(', ');
      // Parameterised: the tag ids are bound, only the count of placeholders is built.
      const rows = db
        .prepare<string[], { recording_id: string }>(
          `SELECT recording_id FROM tags WHERE tag IN (${placeholders}) GROUP BY recording_id HAVING count(DISTINCT tag) = ${wanted.length} ORDER BY recording_id`,
        )
        .all(...wanted);
      return rows.map((r) => r.recording_id);
    },
    byRecording() {
      const out = new Map<string, string[]>();
      for (const row of all.all()) {
        const list = out.get(row.recording_id) ?? [];
        list.push(row.tag);
        out.set(row.recording_id, list);
      }
      return out;
    },
    decide(recordingId, tag, atMs, decision, at, by) {
      decide.run(recordingId, tag, atMs, decision, at, by);
    },
    decisions(recordingId) {
      const out = new Map<string, SuggestionDecision>();
      for (const row of decisions.all(recordingId)) {
        out.set(decisionKey(row.tag, row.at_ms), parseColumn(DecisionColumn, row.decision, () => `A tag suggestion decision of recording ${recordingId}`));
      }
      return out;
    },
  };
}
