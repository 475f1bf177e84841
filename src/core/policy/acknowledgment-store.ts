/** A rep's acknowledgment of a policy, as stored; append-only. */
export interface AcknowledgmentRow {
  readonly policyHash: string;
  readonly materialHash: string;
  readonly policyVersion: string;
  readonly acknowledgedBy: string;
  readonly at: string;
}

export interface AcknowledgmentReader {
  /** The most recent acknowledgment, if the rep ever made one. */
  latest(): AcknowledgmentRow | undefined;
}

export interface AcknowledgmentWriter {
  /** Appends one; the store refuses to change or remove an acknowledgment. */
  append(row: AcknowledgmentRow): void;
}

export type AcknowledgmentRepo = AcknowledgmentReader & AcknowledgmentWriter;
