/**
 * Shared vocabulary of the redaction layer. Everything here is pure data: findings carry
 * offsets into the ORIGINAL transcript text (JS string indices, UTF-16 code units), never
 * into any normalised form, so callers can cut, highlight or mute without knowing how a
 * detector saw the text.
 */

/** Every kind of sensitive data the detectors know. Adding one forces every switch to handle it. */
export const FINDING_TYPES = [
  'CARD',
  'CARD_CVV',
  'CARD_EXPIRY',
  'SSN',
  'ITIN',
  'PHONE',
  'EMAIL',
  'IBAN',
  'BANK_ACCOUNT',
  'ROUTING',
  'CREDENTIAL',
  'API_KEY',
  'DOB',
  'ADDRESS',
  'PASSPORT',
  'DRIVERS_LICENSE',
  'HEALTH_ID',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export function isFindingType(value: string): value is FindingType {
  return (FINDING_TYPES as readonly string[]).includes(value);
}

/** Probability-like score in [0, 1]; branded so a raw count cannot be passed by mistake. */
export type Confidence = number & { readonly __brand: 'Confidence' };

export function confidence(value: number): Confidence {
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new RangeError(`confidence must be within [0, 1], got ${value}`);
  }
  return value as Confidence;
}

/** Name of the rule that fired, e.g. `card.luhn`; stable so reviews and audits can cite it. */
export type RuleId = string & { readonly __brand: 'RuleId' };

export function ruleId(value: string): RuleId {
  return value as RuleId;
}

export interface Finding {
  /** Inclusive start, JS string index into the original text. */
  readonly start: number;
  /** Exclusive end, JS string index into the original text. */
  readonly end: number;
  readonly type: FindingType;
  readonly confidence: Confidence;
  readonly rule: RuleId;
}

/** Stable ordering used everywhere: by start, then longest first. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.start - b.start || b.end - a.end;
}
