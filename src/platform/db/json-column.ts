import { z } from 'zod';
import type { CallParticipantRow } from '../../core/calls/call';
import type { StoredSegment } from '../../core/transcription/transcript';
import { DatabaseIntegrityError } from './connection';

/**
 * JSON columns are parsed against a schema, never cast: the database is encrypted and written by
 * the app alone, but a row from an older build, a bug or a salvage must fail loudly with a
 * message naming the row, not flow on as a value of the wrong shape.
 */
export function parseJsonColumn<T>(schema: z.ZodType<T>, text: string, what: () => string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DatabaseIntegrityError(`${what()} is damaged: its stored JSON does not parse.`);
  }
  return parseColumn(schema, value, what);
}

/** A stored value checked against its schema (an enum column, a parsed JSON column). */
export function parseColumn<T>(schema: z.ZodType<T>, value: unknown, what: () => string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DatabaseIntegrityError(`${what()} is damaged: its stored value is not in the expected shape.`);
  }
  return parsed.data;
}

export const CallParticipantsColumn = z
  .array(
    z.object({
      name: z.string(),
      email: z.string(),
      region: z.string().optional(),
      lateJoiner: z.boolean().optional(),
    }),
  )
  .readonly() satisfies z.ZodType<readonly CallParticipantRow[]>;

export const StoredSegmentColumn = z.object({
  speaker: z.enum(['rep', 'customer']),
  startMs: z.number(),
  endMs: z.number(),
  text: z.string(),
  confidence: z.number(),
  words: z.array(z.object({ text: z.string(), startMs: z.number(), endMs: z.number(), p: z.number() })).readonly(),
}) satisfies z.ZodType<StoredSegment>;

export const StoredSegmentsColumn = z.array(StoredSegmentColumn).readonly();

/** A column whose shape its reader checks (a redaction review is validated where it is used). */
export const AnyJsonColumn = z.unknown();
