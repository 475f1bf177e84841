/**
 * Reading an identifier next to the words that introduce it: alphanumeric tokens joined by
 * blanks, hyphens, dots, ", " or a hesitation ("C01X00T47", "D123-4567-8901", "W 1 2 7, uh,
 * 4 4 0 9"), after the introduction or before a label that follows it ("E 6 1 9 0 4 4 7 3,
 * that's my passport").
 */
import { skipToValue, type DetectionContext } from './context';

export interface IdValue {
  readonly start: number;
  readonly end: number;
  readonly compact: string;
}

/**
 * Reads an identifier right after a trigger: alphanumeric tokens joined by blanks, hyphens,
 * dots or ", " ("C01X00T47", "D123-4567-8901", "5 3 3, 3 8 0, 0 0 6"). Whole words stop it,
 * except tokens that mix letters and digits or single letters (spelled-out characters).
 */
export function readIdValue(ctx: DetectionContext, index: number, min: number, max: number, minDigits: number): IdValue | undefined {
  const from = skipToValue(ctx, index);
  const text = ctx.norm.text;
  const tokenRe = /[A-Za-z0-9]+/uy;
  // Hesitations between the parts of an id are skipped: "D 1 2 3, uh, 4 5 6".
  const sepRe = /(?:,? (?:uh|um|er|erm|ah|hmm)\b,? ?| ?[-\u2013.] ?|, ?| )/uy;
  let pos = from;
  let end = from;
  let compact = '';
  const pieces: { end: number; letters: boolean }[] = [];
  for (;;) {
    tokenRe.lastIndex = pos;
    const token = tokenRe.exec(text);
    if (token === null) {
      break;
    }
    const value = token[0];
    const hasDigit = /\d/u.test(value);
    // Letter groups lead a payer's id ("XEH 482...") or end a health card after a hyphen ("...-947-AB").
    const letterGroup = /^[A-Z]{2,4}$/u.test(value) && (pieces.length === 0 || text.charAt(pos - 1) === '-');
    const allowed = hasDigit || value.length === 1 || letterGroup;
    if (!allowed || compact.length + value.length > max) {
      break;
    }
    compact += value;
    end = pos + value.length;
    pieces.push({ end, letters: !hasDigit });
    sepRe.lastIndex = end;
    const sep = sepRe.exec(text);
    if (sep === null) {
      break;
    }
    pos = end + sep[0].length;
  }
  // A trailing lone lower-case letter is an article or pronoun, not part of the id.
  while (pieces.length > 0 && /^[a-z]$/u.test(compact.slice(-1)) && pieces[pieces.length - 1]?.letters === true) {
    pieces.pop();
    compact = compact.slice(0, -1);
    end = pieces[pieces.length - 1]?.end ?? from;
  }
  const digits = compact.replace(/\D/gu, '').length;
  if (compact.length < min || digits < minDigits) {
    return undefined;
  }
  return { start: from, end, compact };
}

// "..., that's my passport number": the label after the value.
const LABEL_AFTER_RE = /[,.]?\s+(?:that's|that is|it's|which is|is|was|being|as)\s+(?:my|the|his|her|their|our|your)(?:\s+\w+)?\s+$/u;
const ID_TOKEN_RE = /[A-Za-z0-9]+$/u;
const ID_SEP_RE = /(?:,? (?:uh|um|er|erm|ah|hmm),? ?| ?[-\u2013.] ?|, ?| )$/u;

/** Reads an identifier that ends just before a label naming it ("X, that's my passport"). */
export function readIdValueBefore(ctx: DetectionContext, labelIndex: number, min: number, max: number, minDigits: number): IdValue | undefined {
  const text = ctx.norm.text;
  const windowStart = Math.max(0, labelIndex - 80);
  const label = LABEL_AFTER_RE.exec(text.slice(windowStart, labelIndex));
  if (label === null) {
    return undefined;
  }
  const end = windowStart + label.index;
  let pos = end;
  let start = end;
  let compact = '';
  for (;;) {
    const token = ID_TOKEN_RE.exec(text.slice(Math.max(0, pos - max - 1), pos));
    const value = token?.[0] ?? '';
    const allowed = /\d/u.test(value) || /^[A-Z]$/u.test(value);
    if (value === '' || !allowed || compact.length + value.length > max) {
      break;
    }
    compact = value + compact;
    start = pos - value.length;
    const sep = ID_SEP_RE.exec(text.slice(Math.max(0, start - 10), start));
    if (sep === null) {
      break;
    }
    pos = start - sep[0].length;
  }
  const digits = compact.replace(/\D/gu, '').length;
  return compact.length >= min && digits >= minDigits ? { start, end, compact } : undefined;
}
