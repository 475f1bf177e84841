/**
 * Text redaction: every finding becomes a typed placeholder ("[CARD]"), overlapping findings
 * become one placeholder, and segments a topic policy redacts become "[REDACTED: LEGAL]".
 * Offsets are always into the text given, so this runs on the original transcript.
 */
import type { TopicPolicyResult } from './topic-policy';
import type { Topic } from './topics';
import { assertNever } from '../../shared/assert';
import type { FindingType } from './types';

export interface RedactionSpan {
  readonly start: number;
  readonly end: number;
  readonly type: FindingType;
}

export function placeholderFor(type: FindingType): string {
  switch (type) {
    case 'CARD':
      return '[CARD]';
    case 'CARD_CVV':
      return '[CARD_CVV]';
    case 'CARD_EXPIRY':
      return '[CARD_EXPIRY]';
    case 'SSN':
      return '[SSN]';
    case 'ITIN':
      return '[ITIN]';
    case 'PHONE':
      return '[PHONE]';
    case 'EMAIL':
      return '[EMAIL]';
    case 'IBAN':
      return '[IBAN]';
    case 'BANK_ACCOUNT':
      return '[BANK_ACCOUNT]';
    case 'ROUTING':
      return '[ROUTING]';
    case 'CREDENTIAL':
      return '[CREDENTIAL]';
    case 'API_KEY':
      return '[API_KEY]';
    case 'DOB':
      return '[DOB]';
    case 'ADDRESS':
      return '[ADDRESS]';
    case 'PASSPORT':
      return '[PASSPORT]';
    case 'DRIVERS_LICENSE':
      return '[DRIVERS_LICENSE]';
    case 'HEALTH_ID':
      return '[HEALTH_ID]';
    default:
      return assertNever(type, 'finding type');
  }
}

export function topicPlaceholder(topic: Topic): string {
  return `[REDACTED: ${topic}]`;
}

/**
 * Merges overlapping spans. The merged span takes the type of its longest member, so a phone
 * number a password swallowed is still called what most of it is.
 */
export function mergeSpans(spans: readonly RedactionSpan[]): RedactionSpan[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: RedactionSpan[] = [];
  let longest = 0;
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) {
      const type = span.end - span.start > longest ? span.type : last.type;
      longest = Math.max(longest, span.end - span.start);
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end), type };
    } else {
      merged.push(span);
      longest = span.end - span.start;
    }
  }
  return merged;
}

export function redactText(text: string, spans: readonly RedactionSpan[]): string {
  let out = '';
  let cursor = 0;
  for (const span of mergeSpans(spans)) {
    if (span.start < 0 || span.end > text.length) {
      // Offsets from another text: refusing beats redacting the wrong characters.
      throw new RangeError(`redaction span ${span.start}..${span.end} is outside the text (length ${text.length})`);
    }
    out += text.slice(cursor, span.start) + placeholderFor(span.type);
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

/** Redacts a segmented transcript: whole segments per the topic policy, findings elsewhere. */
export function redactSegments(
  segments: readonly string[],
  findings: readonly (readonly RedactionSpan[])[],
  topics?: TopicPolicyResult,
): string[] {
  return segments.map((text, index) => {
    const decision = topics?.decisions.find((d) => d.segment === index && d.action === 'redact');
    if (decision !== undefined) {
      return topicPlaceholder(decision.topic);
    }
    return redactText(text, findings[index] ?? []);
  });
}
