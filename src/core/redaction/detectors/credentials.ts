/**
 * Secrets said aloud after their trigger words: passwords and passphrases (any characters,
 * including spelled-out symbols), PINs, passcodes and one-time codes (digits or short
 * alphanumerics). Talk about passwords without one ("the password policy", "password is
 * required") is not a finding.
 */
import { findingAt, hasReferenceCue, runsAfter, skipFiller, skipToValue, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import type { Finding } from '../types';
import { detectOneTimeCodes } from './one-time-codes';
import { detectPasswordChangedIt } from './password-it';
import { detectPasswordPhrasings } from './password-phrasings';

// "password is", "password for the sandbox is", "password:"; capture 1: "password, capital M, ..."
// (after a comma only a spelled value counts); capture 2: "reset my password to X".
const PASSWORD_TRIGGER =
  trigger(/\b(?:(?:password|passphrase|pass word|pwd|login password|wifi password|wi-fi password)(?:(?:'s|\s+(?:is|was|will be|would be|should be|it's|its|(?:for|on) (?:the |my |our |your |this |that )?[\w-]+(?: [\w-]+)? is)|\s*[:=])\s*|(\s*,\s*(?:(?:uh|um|er|so|okay|ok|it's),?\s+)?))|((?:reset|changed?|set|updated?|switched) (?:(?:my|the|your|his|her|our|their|its?) )?(?:[\w-]+ )?(?:password|passphrase|passcode) to\s+))/gu);

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
  /^(?:[a-z0-9]|\d+|exclamation(?: mark| point)?|bang|at(?: sign)?|hash(?:tag)?|pound(?: sign)?|dollar(?: sign)?|percent(?: sign)?|ampersand|and sign|star|asterisk|underscore|dash|hyphen|dot|period|slash|capital|uppercase|upper case|lowercase|lower case|all caps|caps|small|zero|plus|equals|question mark|tilde|caret)$/u;
const SPELLED_WORDS =
  /(?:exclamation mark|exclamation point|question mark|upper case|lower case|all caps|at sign|pound sign|dollar sign|percent sign|and sign|[a-z0-9]+|[^\sa-z0-9])/uy;
// Words that end a passphrase or a spelled value: the sentence goes on, the secret does not.
const VALUE_STOP = new Set([
  'and', 'but', 'so', 'or', 'because', 'if', 'then', 'which', 'that', 'for', 'to', 'on', 'in', 'at', 'with', 'from', 'is',
  'was', 'are', 'please', 'okay', 'ok', 'right', 'thanks', 'thank', 'i', 'you', 'we', 'he', 'she', 'they', 'it', 'its',
  "it's", 'don', "don't", 'do', 'can', 'could', 'would', 'should', 'will', 'just', 'now', 'yeah', 'yes', 'no', 'not', 'um',
  'uh', 'the', 'a', 'an', 'my', 'your', 'all', 'got', 'have', 'has', 'when', 'once', 'after', 'before', 'until', 'like',
  'again', 'though', 'too', 'also', 'by', 'of', 'as', 'this', 'there', 'here', 'let', 'me', 'sorry',
]);
// "set the password to expire every 90 days", "changed it to twelve characters": a rule, not a value.
const NOT_A_NEW_PASSWORD =
  /^(?:expire|expires|match|be|include|contain|require|use|rotate|never|always|default|nothing|blank|whatever|\d+ (?:characters?|chars|letters|digits|symbols|days|weeks|months|hours|minutes))\b/u;
const LENGTH_AFTER = /^\s+(?:characters?|chars|letters|digits|symbols|long|or more|minimum|max(?:imum)?)\b/u;
// A value that reads as a password rather than a word: a digit, a symbol or an inner capital.
const PASSWORD_LIKE = /\d|[^\sA-Za-z0-9]|[a-z][A-Z]|\bcapital\b/u;

export function detectCredentials(ctx: DetectionContext): Finding[] {
  return [...detectPasswords(ctx), ...detectPasswordPhrasings(ctx), ...detectPasswordChangedIt(ctx), ...detectCodes(ctx), ...detectOneTimeCodes(ctx)];
}

function detectPasswords(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  // Every trigger says pass(word|phrase|code) or pwd.
  if (!ctx.lower.includes('pass') && !ctx.lower.includes('pwd')) {
    return findings;
  }
  const text = ctx.norm.text;
  for (const trigger of triggers(ctx, PASSWORD_TRIGGER)) {
    const start = trigger.index + trigger[0].length;
    const first = /^\S+/u.exec(text.slice(start));
    if (first === null) {
      continue;
    }
    const byComma = trigger[1] !== undefined;
    const byChange = trigger[2] !== undefined;
    // Sentence punctuation closes the value; "!" and the rest may be part of a password.
    const firstValue = first[0].replace(/[.,;:?"')]+$/u, '');
    const firstWord = firstValue.toLowerCase().replace(/^["'(]+/u, '');
    // After ":" or "=" whatever follows is the value, even a word like "correct".
    const assigned = /[:=]\s*$/u.test(trigger[0]);
    if (firstValue === '' || (!assigned && NOT_A_SECRET.has(firstWord))) {
      continue;
    }
    const closedByPunctuation = firstValue.length < first[0].length;
    let end = start + firstValue.length;
    // The first spoken character, which may be two words ("lower case", "at sign").
    SPELLED_WORDS.lastIndex = start;
    const firstSpelled = SPELLED_WORDS.exec(ctx.lower)?.[0] ?? '';
    const spelledStart = (SPELLED.test(firstWord) || SPELLED.test(firstSpelled)) && (!byComma || (firstWord !== 'a' && firstWord !== 'i'));
    if (byComma) {
      // "password, capital M, meadow, 9 7, at sign": only a spelled-out value follows a comma.
      const spelled = spelledStart ? extendSpelled(ctx, start, true) : undefined;
      if (spelled === undefined || spelled.items < 3) {
        continue;
      }
      end = spelled.end;
    } else if (!closedByPunctuation && spelledStart) {
      end = extendSpelled(ctx, start, false).end;
    } else if (!closedByPunctuation && /^[a-z]+$/u.test(firstWord)) {
      // A passphrase of plain words: "hidden lantern seventy".
      end = extendPassphrase(ctx, end);
    }
    if (byChange && (!PASSWORD_LIKE.test(text.slice(start, end)) || NOT_A_NEW_PASSWORD.test(ctx.lower.slice(start, end + 24)))) {
      continue;
    }
    // "the password is 12 characters long": a length, not a password.
    if (/^\d+$/u.test(firstWord) && LENGTH_AFTER.test(ctx.lower.slice(start + firstValue.length, start + firstValue.length + 24))) {
      continue;
    }
    findings.push(findingAt(ctx, start, end, 'CREDENTIAL', 0.9, 'credential.password'));
  }
  return findings;
}

/** Extends over up to four more plain words, stopping at punctuation and words that go on talking. */
function extendPassphrase(ctx: DetectionContext, from: number): number {
  const wordRe = / ([a-z0-9]+)(?=[\s.,;:!?]|$)/uy;
  let end = from;
  for (let count = 0; count < 4; count += 1) {
    wordRe.lastIndex = end;
    const word = wordRe.exec(ctx.lower);
    if (word === null || VALUE_STOP.has(word[1] ?? '')) {
      break;
    }
    end = wordRe.lastIndex;
  }
  return end;
}

/**
 * Spelled-out characters from `from` ("capital t r o y 4 2 exclamation mark"), at most 24.
 * `commas`: items may be separated by ", " and a comma-delimited item may be one plain word
 * ("capital M, meadow, 9 7, at sign").
 */
function extendSpelled(ctx: DetectionContext, from: number, commas: boolean): { end: number; items: number } {
  let end = from;
  let pos = from;
  let items = 0;
  for (let count = 0; count < 24; count += 1) {
    const gap = (commas ? /^,? / : /^ /u).exec(ctx.lower.slice(pos, pos + 2));
    if (gap === null && count > 0) {
      break;
    }
    const wordAt = count === 0 ? pos : pos + (gap?.[0].length ?? 0);
    SPELLED_WORDS.lastIndex = wordAt;
    const word = SPELLED_WORDS.exec(ctx.lower);
    if (word === null) {
      break;
    }
    const wordEnd = wordAt + word[0].length;
    const commaItem = commas && (count === 0 || gap?.[0] === ', ') && /^(?:,|\.|$)/u.test(ctx.lower.slice(wordEnd, wordEnd + 1));
    const plain = commaItem && /^[a-z]{2,14}$/u.test(word[0]) && !VALUE_STOP.has(word[0]);
    if (!SPELLED.test(word[0]) && !plain) {
      break;
    }
    items += 1;
    end = wordEnd;
    pos = end;
  }
  return { end, items };
}

const CODE_TRIGGER =
  trigger(/\b(?:(?:pin|p[-. ]i[-. ]n)(?: number| code)?|passcode|pass code|(?:one|1)[- ]time (?:code|password|passcode|pin)|otp|verification code|verify code|auth(?:entication|orization|enticator)?(?: app)? code|authenticator(?: app)? (?:says|shows|reads|is showing)|(?:(?:four|six|eight|4|6|8)[- ]digit|2fa|(?:two|2)[- ]factor|mfa|sms|text|login|sign[- ]in|access|security|reset|backup|recovery) code|code (?:i|you|we|they) (?:just )?(?:got|received|sent|texted|emailed)|(?:got|received|have|opened|checked) (?:the|a|your|my|that) (?:text|sms|text message),? (?:and )?it (?:says|reads|shows))\b/gu);
// What may sit between a code trigger and the code: "from the email, ", "shows ".
// Not a preposition right before the digits: "a 6-digit code to 415 555 0199" names where it goes.
const CODE_BRIDGE_RE = /^(?![a-z' ]*\b(?:to|at|on|by|in|for|of|from|until|before|after)\s*$)[a-z' ]*(?:is|was|'s|:)?,?\s*$/u;
// An SMS read out ("I got the text, it says ...") is a code only when digits come right after.
const READ_OUT_TRIGGER = /^(?:got|received|have|opened|checked)\b/u;

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
    const readOut = READ_OUT_TRIGGER.test(word);
    const bridged = near !== undefined && (readOut ? near.start === from : CODE_BRIDGE_RE.test(ctx.lower.slice(from, near.start)));
    const run = bridged ? near : aside;
    if (word === 'pin' && original !== 'PIN' && !spelledOut && run?.start !== from && run?.start !== valueAt) {
      continue;
    }
    // A read-out SMS may be a time or a year ("it says 1430"): one-time codes there have 5+ digits.
    if (run !== undefined && readOut && (run.digits.length < 5 || hasReferenceCue(ctx, run.start, run.end))) {
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
