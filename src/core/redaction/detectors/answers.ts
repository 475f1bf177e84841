/**
 * Values given as the answer to a question in the segment before: the rep asks for something
 * sensitive ("what are the three digits on the back?", "can you read me the code we just
 * texted?", "what password did you set?", "what's the member ID on your card?") and the next
 * segment answers with the bare value ("uh, four two oh"). The question names the kind; the
 * answer only has to have the right shape: digits of the right length (split at pauses, so
 * "three one seven, yeah, three one seven" is two codes), an identifier, a date or, for
 * passwords, something that reads as one. Amounts, counts and references in the answer stay
 * out, and a question that asks for something public (a zip code, an extension, the last four
 * of a card, an error or promo code) names no kind.
 */
import { abaValid } from '../checksums';
import { findingAt, firstRunFrom, hasReferenceCue, skipFiller, type DetectionContext } from '../context';
import { PAUSE, type DigitRun } from '../digit-runs';
import { readIdValue } from '../id-values';
import { spokenPasswordEnd } from '../spoken-password';
import type { Finding, FindingType } from '../types';

type Kind = 'cvv' | 'pin' | 'otp' | 'password' | 'word' | 'ssn' | 'itin' | 'account' | 'routing' | 'phone' | 'health' | 'licence' | 'passport' | 'dob';

// Asked kinds, tried in order (the first that matches the question wins). Spoken numbers are
// digits in the normalised text ("three digits" reads "3 digits").
const ASKS: readonly (readonly [Kind, RegExp])[] = [
  ['cvv', /\b(?:cvv2?|cvc2?|cv2|csc|security code|(?:code|digits?|numbers?) on the (?:back|front)|(?:3|4)[- ]digit (?:security )?code|the (?:3|4) on the back|code on the back)\b/u],
  ['otp', /\b(?:one[- ]time|otp|2fa|verification code|auth(?:entication|enticator)?(?: app)? code|authenticator|code (?:we|i|they|it) (?:just )?(?:sent|texted|emailed)|code (?:that )?(?:just )?came|code on (?:your|the) (?:screen|phone)|(?:4|6|8)[- ]digit code|the (?:4|6|8) digits|text(?:ed)? (?:you )?a code|sent you a code)\b/u],
  ['pin', /\b(?:pin|pin number|passcode|pass code)\b/u],
  // A memorable or verbal password is often a plain word: any answer counts.
  ['word', /\b(?:memorable (?:word|phrase)|verbal password|security word|secret word|code word|safe word)\b/u],
  ['password', /\b(?:pass ?word|passphrase)\b/u],
  ['itin', /\b(?:itin|i t i n|taxpayer (?:id|identification) number)\b/u],
  ['ssn', /\b(?:social security|social|ssn|s s n)\b/u],
  ['routing', /\b(?:routing|sort code|transit number|aba)\b/u],
  ['account', /\b(?:(?:bank |checking |savings )?account number|checking|savings|the account)\b/u],
  ['health', /\b(?:member (?:id|number)|policy number|insurance (?:id|number)|subscriber (?:id|number)|medicare|medicaid|group number|health (?:card|number))\b/u],
  ['licence', /\b(?:driver'?s? licen[cs]e|licen[cs]e number|dl number)\b/u],
  ['passport', /\bpassport\b/u],
  ['dob', /\b(?:date of birth|dob|d o b|birth ?date|birthday|when were you born)\b/u],
  ['phone', /\b(?:(?:best|good|callback|call back|direct|cell|mobile|home|personal) (?:number|line)|phone number|number (?:to|where|for) (?:reach|call|text)|reach you|(?:best|good|your) (?:cell|mobile)|cell phone)\b/u],
];
const ANY_ASK = new RegExp(ASKS.map(([, re]) => re.source).join('|'), 'u');
// Questions about a public or non-secret number, or about the rules rather than a value.
const NOT_ASKING =
  /\b(?:last (?:4|four)|first (?:4|four|6|six)|ending in|zip|postal|post code|extension|ext|error|promo|coupon|discount|(?:quote|order|ticket|case|invoice|tracking|po|confirmation) (?:number|no|#|id)|version|how many|how long|password (?:policy|requirements?|rules?|manager|reset)|reset link)\b/u;
// Answers that are about the value, not the value ("I don't have it", "the same as before").
const NO_VALUE = /^(?:i don't|i dont|i do not|no idea|not sure|same|hmm|let me check|i'll have to|can i)\b/u;
const PUBLIC_NUMBER = /\b(?:main (?:line|number)|front desk|switchboard|website|toll[- ]free|extension|ext)\b/u;

const LENGTHS: Readonly<Partial<Record<Kind, readonly [number, number]>>> = {
  cvv: [3, 4],
  pin: [4, 8],
  otp: [4, 8],
  ssn: [9, 9],
  itin: [9, 9],
  account: [6, 17],
  routing: [9, 9],
  phone: [7, 15],
};
const TYPES: Readonly<Record<Kind, FindingType>> = {
  cvv: 'CARD_CVV',
  pin: 'CREDENTIAL',
  otp: 'CREDENTIAL',
  password: 'CREDENTIAL',
  word: 'CREDENTIAL',
  ssn: 'SSN',
  itin: 'ITIN',
  account: 'BANK_ACCOUNT',
  routing: 'ROUTING',
  phone: 'PHONE',
  health: 'HEALTH_ID',
  licence: 'DRIVERS_LICENSE',
  passport: 'PASSPORT',
  dob: 'DOB',
};

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE_RE = new RegExp(
  `(?:${MONTH}\\.? (?:the )?\\d{1,2}(?:st|nd|rd|th)?,? \\d{2}(?: ?\\d{2})?|(?:the )?\\d{1,2}(?:st|nd|rd|th)? of ${MONTH},? \\d{2}(?: ?\\d{2})?|\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2,4})`,
  'u',
);

/** The kind a line asks for, or undefined. */
function askedKind(line: string): Kind | undefined {
  if (!ANY_ASK.test(line) || NOT_ASKING.test(line)) {
    return undefined;
  }
  for (const [kind, re] of ASKS) {
    if (re.test(line)) {
      return kind;
    }
  }
  return undefined;
}

export function detectAnswers(ctx: DetectionContext): Finding[] {
  const lower = ctx.lower;
  const findings: Finding[] = [];
  if (!lower.includes('\n')) {
    return findings;
  }
  let lineStart = 0;
  let kind: Kind | undefined;
  while (lineStart <= lower.length) {
    const newline = lower.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? lower.length : newline;
    if (kind !== undefined) {
      answer(ctx, kind, lineStart, lineEnd, findings);
    }
    if (newline < 0) {
      break;
    }
    kind = askedKind(lower.slice(lineStart, lineEnd));
    lineStart = newline + 1;
  }
  return findings;
}

function answer(ctx: DetectionContext, kind: Kind, start: number, end: number, into: Finding[]): void {
  const line = ctx.lower.slice(start, end);
  const valueAt = skipFiller(ctx, start);
  if (NO_VALUE.test(ctx.lower.slice(valueAt, end)) || (kind === 'phone' && PUBLIC_NUMBER.test(line))) {
    return;
  }
  const type = TYPES[kind];
  const rule = `answer.${kind}`;
  const lengths = LENGTHS[kind];
  if (lengths !== undefined) {
    for (const run of answerRuns(ctx, start, end)) {
      for (const [from, to, digits] of pieces(run, lengths)) {
        if (hasReferenceCue(ctx, from, to) || (kind === 'routing' && !abaValid(digits))) {
          continue;
        }
        // Asked for the card's code, a code answer is the card's, not a login code.
        into.push(findingAt(ctx, from, to, type, kind === 'cvv' ? 0.93 : 0.85, rule));
      }
    }
    return;
  }
  if (kind === 'word') {
    const value = /^[a-z][a-z' -]{2,40}?(?=[.,!?]|$)/u.exec(ctx.lower.slice(valueAt, end));
    if (value !== null && value[0].split(' ').length <= 4) {
      into.push(findingAt(ctx, valueAt, valueAt + value[0].length, type, 0.8, rule));
    }
    return;
  }
  if (kind === 'password') {
    const valueEnd = spokenPasswordEnd(ctx, valueAt, end, false);
    if (valueEnd !== undefined) {
      into.push(findingAt(ctx, valueAt, valueEnd, type, 0.8, rule));
    }
    return;
  }
  if (kind === 'dob') {
    const date = DATE_RE.exec(line);
    const run = date === null ? answerRuns(ctx, start, end).find((r) => r.digits.length === 6 || r.digits.length === 8) : undefined;
    if (date !== null) {
      into.push(findingAt(ctx, start + date.index, start + date.index + date[0].length, type, 0.85, rule));
    } else if (run !== undefined && plausibleDate(run.digits)) {
      into.push(findingAt(ctx, run.start, run.end, type, 0.8, rule));
    }
    return;
  }
  // Identifiers: health, licence, passport numbers with letters and digits.
  const id = readIdValue(ctx, start, 6, 20, kind === 'passport' ? 6 : 5);
  if (id !== undefined && id.end <= end) {
    into.push(findingAt(ctx, id.start, id.end, type, 0.85, rule));
  }
}

// Between two runs of one answer, only pauses: "659. 26. 5875", "3 1 2, uh, 3 1 2 0 5".
const ANSWER_GAP = /^(?:[\s.,;:-]|\b(?:uh|um|er|erm|hmm|and|then)\b)+$/u;

/**
 * The runs that start in the answer line, with neighbours joined when only pauses separate
 * them (the question already says one value is coming, so a full stop does not end it).
 */
function answerRuns(ctx: DetectionContext, start: number, end: number): DigitRun[] {
  const out: DigitRun[] = [];
  // Runs are sorted by start: from the first in the line, not a scan of the whole transcript.
  for (let i = firstRunFrom(ctx, start); i < ctx.runs.length; i += 1) {
    const run = ctx.runs[i];
    if (run === undefined || run.start >= end) {
      break;
    }
    const last = out[out.length - 1];
    if (last !== undefined && ANSWER_GAP.test(ctx.lower.slice(last.end, run.start))) {
      out[out.length - 1] = {
        start: last.start,
        end: run.end,
        digits: last.digits + run.digits,
        groups: [...last.groups, ...run.groups],
        seps: [...last.seps, ' ', ...run.seps],
      };
      continue;
    }
    out.push(run);
  }
  return out;
}

/**
 * The digits of a run as one value when its length fits, else its pieces between pauses
 * ("3 1 7, yeah, 3 1 7": two codes): normalised [start, end) and digits.
 */
function pieces(run: DigitRun, [min, max]: readonly [number, number]): (readonly [number, number, string])[] {
  if (run.digits.length >= min && run.digits.length <= max) {
    return [[run.start, run.end, run.digits]];
  }
  const out: (readonly [number, number, string])[] = [];
  let first = 0;
  for (let k = 0; k <= run.groups.length - 1; k += 1) {
    if (k === run.groups.length - 1 || run.seps[k] === PAUSE) {
      const groups = run.groups.slice(first, k + 1);
      const digits = groups.map((g) => g.digits).join('');
      const a = groups[0];
      const b = groups[groups.length - 1];
      if (a !== undefined && b !== undefined && digits.length >= min && digits.length <= max) {
        out.push([a.start, b.end, digits]);
      }
      first = k + 1;
    }
  }
  return out;
}

/** mmddyy / mmddyyyy / ddmmyy with a real month and day. */
function plausibleDate(digits: string): boolean {
  const a = Number(digits.slice(0, 2));
  const b = Number(digits.slice(2, 4));
  return (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
}
