import { detectSensitive, type FindingType } from '../../../src/core/redaction';

/** The texts the detectors redact as `type` in `text`, in order. */
export const valuesOfType =
  (type: FindingType) =>
  (text: string): string[] =>
    detectSensitive(text)
      .filter((f) => f.type === type)
      .map((f) => text.slice(f.start, f.end));
