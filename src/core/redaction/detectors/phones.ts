/**
 * Phone numbers: international (+CC or 00CC, E.164 length), North American (NANP structure),
 * and national numbers with a trunk zero when the words say it is a phone number. Written
 * 3-3-4 grouping is enough on its own; an ungrouped or read-out number needs phone words,
 * because ten digits alone are as likely an order or account reference.
 */
import { after, before, findingAt, hasReferenceCue, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { groupShape, PAUSE, phraseShape, windowSeps, windowsOf, type DigitRun, type DigitWindow } from '../digit-runs';
import { isSpace } from '../tokens';
import { isPublishedLine } from './published-lines';
import type { Finding } from '../types';

const PHONE_CUE =
  /\b(?:phone|call(?:ing)?|cell|mobile|landline|(?:my|your|his|her|their|best|contact|callback|home|work|office|direct|personal|the|a|good) number|[a-z]+'s number|number's|reach|text|sms|whatsapp|dial|dial-in|ring|fax|direct line|line is|tel|telephone|contact)\b/u;

// "number" alone also introduces order and ticket numbers, so it cannot outvote a reference cue.
const STRONG_PHONE_CUE =
  /\b(?:phone|call(?:ing)?|cell|mobile|landline|reach|text|sms|whatsapp|dial|ring|fax|direct line|tel|telephone)\b/u;

const COMPANY_LINE =
  /\b(?:main (?:line|number|office line)|switchboard|front desk|reception|general (?:line|number|inquiries)|(?:our|the) (?:company|head office) (?:line|number))\b[^.\n]{0,12}$/u;
const NANP_RE = /^[2-9]\d{2}[2-9]\d{6}$/u;
const N11_RE = /^\d11/u;
// Written and spoken groupings of a North American number.
const WRITTEN_SHAPES = new Set(['3-3-4', '1-3-3-4', '3-7', '1-3-7']);
const GROUPED_SHAPES = new Set(['3-3-4', '1-3-3-4']);
const BARE_SHAPES = new Set(['10', '1-10']);

function nanpValid(digits: string): boolean {
  // NXX-NXX-XXXX: area code and exchange never start with 0 or 1.
  return NANP_RE.test(digits) && !N11_RE.test(digits);
}

/** True when "+" (and at most one blank) comes right before a normalised index. */
function plusBefore(text: string, index: number): boolean {
  const previous = text.charCodeAt(index - 1);
  return previous === 43 || (isSpace(previous) && text.charCodeAt(index - 2) === 43);
}

export function detectPhones(ctx: DetectionContext): Finding[] {
  const parenthesised = detectParenthesised(ctx);
  const findings: Finding[] = [...parenthesised];
  // Runs and "(415) 555-0142" matches are both in text order and never overlap among
  // themselves, so one pointer finds the match, if any, that a run starts inside. (A phone
  // found in an earlier run ends inside that run, before this one.)
  let p = 0;
  for (const run of ctx.runs) {
    const origStart = ctx.norm.origStart[run.start] ?? -1;
    while (p < parenthesised.length && (parenthesised[p]?.end ?? 0) <= origStart) {
      p += 1;
    }
    const paren = parenthesised[p];
    if (paren !== undefined && paren.start <= origStart) {
      continue;
    }
    // A company's published line is not personal data ("our main line is 1-800-555-0100").
    if (COMPANY_LINE.test(before(ctx, run.start, 40)) || isPublishedLine(ctx, run.start, run.end)) {
      continue;
    }
    const finding = plusBefore(ctx.norm.text, run.start) ? international(ctx, run) : domestic(ctx, run);
    if (finding !== undefined) {
      findings.push(finding);
    }
  }
  return findings;
}

function international(ctx: DetectionContext, run: DigitRun): Finding | undefined {
  if (run.digits.length < 8 || run.digits.length > 15 || run.digits.startsWith('0')) {
    return undefined;
  }
  const plusAt = ctx.norm.text.lastIndexOf('+', run.start);
  return findingAt(ctx, plusAt, run.end, 'PHONE', 0.92, 'phone.international');
}

// "Q-2025-004417", "INV-88213": a letter prefix glued to the number marks a reference.
const LETTER_PREFIX = /(?:^|[^a-z])[a-z]{1,4} ?[-#]$/u;
// "2025-0917-44": a year first, then hyphenated parts, is a dated reference, never a phone.
const YEAR_FIRST = /^(?:19|20)\d\d$/u;

function isDatedOrPrefixed(ctx: DetectionContext, run: DigitRun): boolean {
  const first = run.groups[0];
  const yearFirst = first !== undefined && YEAR_FIRST.test(first.digits) && run.groups.length > 1 && run.seps[0] === '-';
  return yearFirst || LETTER_PREFIX.test(before(ctx, run.start, 8));
}

function domestic(ctx: DetectionContext, run: DigitRun): Finding | undefined {
  if (run.digits.length < 7 || isDatedOrPrefixed(ctx, run)) {
    return undefined;
  }
  // "...oh one nine eight, that's my cell": the phone word may follow the number.
  const cue = PHONE_CUE.test(before(ctx, run.start, 60)) || /^[\s,]*(?:(?:most|in the|during|after|before|on|at)\b[^.]{0,30})?(?:that's|that is|it's|is) (?:my|his|her|the|our) (?:cell|mobile|phone|number|landline|direct line|home phone|work phone)/u.test(after(ctx, run.end, 60));
  const reference = hasReferenceCue(ctx, run.start, run.end);
  if (reference && !STRONG_PHONE_CUE.test(before(ctx, run.start, 60))) {
    return undefined;
  }
  // International dialled with 00 ("oh oh four four ...").
  if (run.digits.startsWith('00') && cue && run.digits.length >= 10 && run.digits.length <= 17) {
    return findingAt(ctx, run.start, run.end, 'PHONE', 0.85, 'phone.international-00');
  }
  for (const window of windowsOf(run, 10, 11)) {
    const digits = window.digits.length === 11 && window.digits.startsWith('1') ? window.digits.slice(1) : window.digits;
    if (digits.length !== 10 || !nanpValid(digits)) {
      continue;
    }
    const shape = groupShape(window).join('-');
    // Written groups with talk between them ("303, then 555, then 1190") could be any list.
    const paused = windowSeps(window).includes(PAUSE);
    const written = !paused && WRITTEN_SHAPES.has(shape);
    const exact = window.from === 0 && window.to === run.groups.length;
    if (written) {
      return findingAt(ctx, window.start, window.end, 'PHONE', cue ? 0.95 : 0.88, 'phone.nanp.written');
    }
    if (cue) {
      return findingAt(ctx, window.start, window.end, 'PHONE', 0.88, 'phone.nanp.context');
    }
    // Read out as area code, exchange and line with pauses between ("three oh three, five five
    // five, zero one one nine"): the grouping people use for phone numbers and nothing else.
    if (!reference && GROUPED_SHAPES.has(phraseShape(window).join('-')) && ctx.spokenAt(window.end - 1)) {
      return findingAt(ctx, window.start, window.end, 'PHONE', 0.8, 'phone.nanp.spoken-grouped');
    }
    // Without phone words only a written-down ten-digit block counts; read-out digits could be counting.
    if (exact && !reference && BARE_SHAPES.has(shape)) {
      return findingAt(ctx, window.start, window.end, 'PHONE', 0.6, 'phone.nanp.bare');
    }
  }
  return nationalOrLocal(ctx, run, cue);
}

function nationalOrLocal(ctx: DetectionContext, run: DigitRun, cue: boolean): Finding | undefined {
  if (!cue) {
    return undefined;
  }
  const whole: DigitWindow | undefined = windowsOf(run, run.digits.length, run.digits.length)[0];
  if (whole === undefined) {
    return undefined;
  }
  // National numbers with a trunk zero (UK, EU): 10-11 digits.
  if (run.digits.startsWith('0') && run.digits.length >= 10 && run.digits.length <= 11) {
    return findingAt(ctx, run.start, run.end, 'PHONE', 0.85, 'phone.national');
  }
  // Seven-digit local numbers, "555-0134", only with phone words.
  if (run.digits.length === 7 && /^[2-9]/u.test(run.digits)) {
    return findingAt(ctx, run.start, run.end, 'PHONE', 0.75, 'phone.local');
  }
  return undefined;
}

const PAREN_RE = trigger(/(?:\+?1[ .-]?)?\(\d{3}\)[ .-]?\d{3}[ .-]?\d{4}\b/gu);

function detectParenthesised(ctx: DetectionContext): Finding[] {
  return triggers(ctx, PAREN_RE)
    .filter((m) => !isPublishedLine(ctx, m.index, m.index + m[0].length))
    .map((m) => findingAt(ctx, m.index, m.index + m[0].length, 'PHONE', 0.93, 'phone.nanp.parenthesised'));
}
