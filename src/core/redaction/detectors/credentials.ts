/**
 * Secrets said aloud after their trigger words: passwords and passphrases (any characters,
 * including spelled-out symbols), PINs, passcodes and one-time codes (digits or short
 * alphanumerics). Talk about passwords without one ("the password policy", "password is
 * required") is not a finding.
 */
import { findingAt, runsAfter, skipFiller, skipToValue, triggers, type DetectionContext } from '../context';
import type { Finding } from '../types';

const PASSWORD_TRIGGER =
  /\b(?:password|passphrase|pass word|pwd|login password|wifi password|wi-fi password)(?:'s|\s+(?:is|was|will be|would be|should be|it's|its|for \w+ is)|\s*[:=])\s*/gu;

// Words that end a password sentence before any secret was said.
const NOT_A_SECRET = new Set([
  'required', 'expired', 'expiring', 'wrong', 'incorrect', 'correct', 'the', 'a', 'an', 'not', 'too', 'set', 'reset',
  'changed', 'same', 'case', 'complex', 'strong', 'weak', 'long', 'short', 'stored', 'encrypted', 'hashed', 'saved',
  'protected', 'managed', 'rotated', 'updated', 'different', 'something', 'what', 'that', 'this', 'in', 'on', 'for',
  'to', 'and', 'or', 'still', 'also', 'just', 'being', 'now', 'fine', 'ok', 'okay', 'sent', 'shared', 'blank', 'empty',
  'easy', 'hard', 'secure', 'never', 'always', 'my', 'your', 'his', 'her', 'their', 'our', 'it', 'gonna', 'going',
  'locked', 'stuck', 'invalid', 'valid', 'known', 'unknown', 'there', 'here', 'in', 'written', 'only', 'at', 'mandatory',
  'optional', 'enforced', 'good', 'bad', 'compromised', 'leaked', 'weird', 'like', 'kind', 'sort', 'probably', 'usually',
  'somewhere', 'with', 'over', 'about', 'due', 'stale', 'old', 'new', 'temporary', 'generated', 'sixteen', 'eight',
]);
// Spoken characters that continue a password: letters, digits, symbols, case words.
const SPELLED =
  /^(?:[a-z0-9]|\d+|exclamation(?: mark| point)?|bang|at(?: sign)?|hash(?:tag)?|pound(?: sign)?|dollar(?: sign)?|percent(?: sign)?|ampersand|and sign|star|asterisk|underscore|dash|hyphen|dot|period|slash|capital|uppercase|upper case|lowercase|lower case|all caps|caps|zero|plus|equals|question mark|tilde|caret)$/u;
const SPELLED_WORDS =
  /(?:exclamation mark|exclamation point|question mark|upper case|lower case|all caps|at sign|pound sign|dollar sign|percent sign|and sign|[a-z0-9]+|[^\sa-z0-9])/uy;

export function detectCredentials(ctx: DetectionContext): Finding[] {
  return [...detectPasswords(ctx), ...detectCodes(ctx)];
}

function detectPasswords(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  const text = ctx.norm.text;
  for (const trigger of triggers(ctx, PASSWORD_TRIGGER)) {
    const start = trigger.index + trigger[0].length;
    const first = /^\S+/u.exec(text.slice(start));
    if (first === null) {
      continue;
    }
    // Sentence punctuation closes the value; "!" and the rest may be part of a password.
    const firstValue = first[0].replace(/[.,;:?"')]+$/u, '');
    const firstWord = firstValue.toLowerCase().replace(/^["'(]+/u, '');
    // After ":" or "=" whatever follows is the value, even a word like "correct".
    const assigned = /[:=]\s*$/u.test(trigger[0]);
    if (firstValue === '' || (!assigned && NOT_A_SECRET.has(firstWord))) {
      continue;
    }
    let end = start + firstValue.length;
    const closedByPunctuation = firstValue.length < first[0].length;
    if (!closedByPunctuation && (SPELLED.test(firstWord) || firstWord === 'capital')) {
      end = extendSpelled(ctx, end);
    }
    findings.push(findingAt(ctx, start, end, 'CREDENTIAL', 0.9, 'credential.password'));
  }
  return findings;
}

/** Extends over spelled-out characters ("capital t r o y 4 2 exclamation mark"), at most 24. */
function extendSpelled(ctx: DetectionContext, from: number): number {
  let end = from;
  let pos = from;
  for (let count = 0; count < 24; count += 1) {
    const gap = /^ /u.exec(ctx.lower.slice(pos));
    if (gap === null) {
      break;
    }
    SPELLED_WORDS.lastIndex = pos + 1;
    const word = SPELLED_WORDS.exec(ctx.lower);
    if (word === null || !SPELLED.test(word[0])) {
      break;
    }
    end = pos + 1 + word[0].length;
    pos = end;
  }
  return end;
}

const CODE_TRIGGER =
  /\b(?:(?:pin|p[-. ]i[-. ]n)(?: number| code)?|passcode|pass code|(?:one|1)[- ]time (?:code|password|passcode|pin)|otp|verification code|verify code|auth(?:entication|orization)? code|(?:2fa|(?:two|2)[- ]factor|mfa|sms|text|login|sign[- ]in|access|security|reset|backup|recovery) code|code (?:i|you|we|they) (?:just )?(?:got|received|sent|texted|emailed))\b/gu;

function detectCodes(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, CODE_TRIGGER)) {
    const word = trigger[0].replace(/^p[-. ]i[-. ]n/u, 'pin');
    const spelledOut = word !== trigger[0];
    const original = ctx.norm.text.slice(trigger.index, trigger.index + trigger[0].length);
    // Lower-case "pin" is also a verb: "pin the note". It needs "is"/"number" or digits right after.
    const from = skipFiller(ctx, trigger.index + trigger[0].length);
    const valueAt = skipToValue(ctx, trigger.index + trigger[0].length);
    // A few words may sit between trigger and code ("the passcode for the bridge is 7392"), or
    // an aside ("my PIN, not that you need it, is 0519").
    const near = runsAfter(ctx, from, 24)[0];
    const aside = runsAfter(ctx, valueAt, 0)[0];
    const run = near !== undefined && /^[a-z' ]*(?:is|was|'s|:)?\s*$/u.test(ctx.lower.slice(from, near.start)) ? near : aside;
    if (word === 'pin' && original !== 'PIN' && !spelledOut && run?.start !== from && run?.start !== valueAt) {
      continue;
    }
    if (run !== undefined && run.digits.length >= 4 && run.digits.length <= 10) {
      const rule = word.startsWith('pin') ? 'credential.pin' : 'credential.code';
      findings.push(findingAt(ctx, run.start, run.end, 'CREDENTIAL', 0.9, rule));
      continue;
    }
    // Alphanumeric codes: "the passcode is X7K2P9".
    const alnum = /^[A-Za-z0-9]*\d[A-Za-z0-9]*/u.exec(ctx.norm.text.slice(from, from + 16));
    if (alnum !== null && alnum[0].length >= 4 && /[A-Za-z]/u.test(alnum[0])) {
      findings.push(findingAt(ctx, from, from + alnum[0].length, 'CREDENTIAL', 0.85, 'credential.code-alnum'));
    }
  }
  return findings;
}
