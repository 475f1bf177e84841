import { z } from 'zod';
import { decisionKey, type SuggestionDecision, type TagRecord, type TagRepo } from '../../core/tags/tag';
import type { ArtifactSealer } from '../../core/ports/artifact-sealer';
import type { Db } from './connection';
import { openFrom, sealedColumn, sealTo, tagHash } from './sealed-columns';
import { parseColumn } from './json-column';

/** Tags on calls and moments, and the rep's decisions on suggestions (encrypted with the database). */
interface TagRow {
  id: string;
  recording_id: string;
  sealed: Buffer | null;
  from_ms: number | null;
  to_ms: number | null;
  source: string;
  created_at: string;
  created_by: string;
}

const TagSourceColumn = z.enum(['manual', 'suggestion']);
const DecisionColumn = z.enum(['accepted', 'rejected']);

function openTag(sealer: ArtifactSealer, row: { id: string; recording_id: string; sealed: Buffer | null }): string {
  return openFrom(sealer, row.recording_id, 'tags', sealedColumn.tag(row.id), row.sealed, () => `Tag ${row.id} of recording ${row.recording_id}`);
}

function toTag(row: TagRow, sealer: ArtifactSealer): TagRecord {
  return {
    id: row.id,
    recordingId: row.recording_id,
    tag: openTag(sealer, row),
    fromMs: row.from_ms,
    toMs: row.to_ms,
    source: parseColumn(TagSourceColumn, row.source, () => `Tag ${row.id} of recording ${row.recording_id}`),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export function createTagRepo(db: Db, sealer: ArtifactSealer): TagRepo {
  // The tag is sealed under the recording's tags key (migration 013); filters open them in memory.
  const insert = db.prepare(
    `INSERT INTO tags (id, recording_id, tag, sealed, from_ms, to_ms, source, created_at, created_by)
     VALUES (@id, @recordingId, '', @sealed, @fromMs, @toMs, @source, @createdAt, @createdBy)`,
  );
  const remove = db.prepare('DELETE FROM tags WHERE recording_id = ? AND id = ?');
  const columns = 'id, recording_id, sealed, from_ms, to_ms, source, created_at, created_by';
  const forRecording = db.prepare<[string], TagRow>(`SELECT ${columns} FROM tags WHERE recording_id = ? ORDER BY from_ms IS NOT NULL, from_ms, created_at, id`);
  const all = db.prepare<[], { id: string; recording_id: string; sealed: Buffer | null }>('SELECT id, recording_id, sealed FROM tags ORDER BY recording_id');
  // A decision is keyed by a keyed hash of its tag (equal tags of one recording hash alike), the tag itself sealed beside it.
  const decide = db.prepare(
    `INSERT INTO tag_suggestion_decisions (recording_id, tag, at_ms, decision, decided_at, decided_by, sealed) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (recording_id, tag, at_ms) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at, decided_by = excluded.decided_by, sealed = excluded.sealed`,
  );
  const decisions = db.prepare<[string], { tag: string; at_ms: number; decision: string; sealed: Buffer | null }>('SELECT tag, at_ms, decision, sealed FROM tag_suggestion_decisions WHERE recording_id = ?');
  const byRecording = (): Map<string, string[]> => {
    const out = new Map<string, Set<string>>();
    for (const row of all.iterate()) {
      const set = out.get(row.recording_id) ?? new Set<string>();
      set.add(openTag(sealer, row));
      out.set(row.recording_id, set);
    }
    return new Map([...out].map(([id, set]) => [id, [...set].sort()]));
  };
  return {
    add(tag) {
      insert.run({ id: tag.id, recordingId: tag.recordingId, sealed: sealTo(sealer, tag.recordingId, 'tags', sealedColumn.tag(tag.id), tag.tag), fromMs: tag.fromMs, toMs: tag.toMs, source: tag.source, createdAt: tag.createdAt, createdBy: tag.createdBy });
    },
    remove(recordingId, id) {
      return remove.run(recordingId, id).changes > 0;
    },
    forRecording(recordingId) {
      return forRecording.all(recordingId).map((row) => toTag(row, sealer));
    },
    recordingsWith(tags) {
      const wanted = [...new Set(tags)];
      if (wanted.length === 0) {
        return [];
      }
      return [...byRecording()].filter(([, have]) => wanted.every((t) => have.includes(t))).map(([id]) => id).sort();
    },
    byRecording,
    decide(recordingId, tag, atMs, decision, at, by) {
      const hash = tagHash(sealer, recordingId, tag);
      decide.run(recordingId, hash, atMs, decision, at, by, sealTo(sealer, recordingId, 'tags', sealedColumn.tagDecision(hash, atMs), tag));
    },
    decisions(recordingId) {
      const out = new Map<string, SuggestionDecision>();
      for (const row of decisions.all(recordingId)) {
        const what = (): string => `A tag suggestion decision of recording ${recordingId}`;
        const tag = openFrom(sealer, recordingId, 'tags', sealedColumn.tagDecision(row.tag, row.at_ms), row.sealed, what);
        out.set(decisionKey(tag, row.at_ms), parseColumn(DecisionColumn, row.decision, what));
      }
      return out;
    },
  };
}
