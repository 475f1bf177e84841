/**
 * IBANs (country length and mod-97 checked, so they need no introduction), US routing numbers
 * (ABA check digit) and bank account numbers, the last two only when introduced as such.
 */
import { abaValid, IBAN_LENGTHS, ibanChecksumValid } from '../checksums';
import { findingAt, runsAfter, skipFiller, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { windowsOf } from '../digit-runs';
import type { Finding } from '../types';
import { execAll } from '../regex';

export function detectBanking(ctx: DetectionContext): Finding[] {
  return [...detectIbans(ctx), ...detectRouting(ctx), ...detectAccounts(ctx)];
}

const IBAN_START_RE = /\b([a-z]) ?([a-z])[ -]?(\d)[ -]?(\d)/giu;
const LOWER_PAIR_RE = /^[a-z]{2}$/u;
const isAlphanumeric = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

function detectIbans(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  const text = ctx.norm.text;
  for (const match of execAll(IBAN_START_RE, text)) {
    const country = `${match[1] ?? ''}${match[2] ?? ''}`.toUpperCase();
    const length = IBAN_LENGTHS[country];
    // "is 45", "at 20": two lower-case letters together are a word, never a spelled country.
    if (length === undefined || LOWER_PAIR_RE.test(text.slice(match.index, match.index + 2))) {
      continue;
    }
    let compact = `${country}${match[3] ?? ''}${match[4] ?? ''}`;
    let pos = match.index + match[0].length;
    let end = pos;
    // Take exactly the country's length of characters, across blanks, hyphens and ", ".
    while (compact.length < length && pos < text.length) {
      const code = text.charCodeAt(pos);
      if (isAlphanumeric(code)) {
        compact += text.charAt(pos).toUpperCase();
        pos += 1;
        end = pos;
      } else if ((code === 32 || code === 45 || code === 44) && pos - end < 2) {
        pos += 1;
      } else {
        break;
      }
    }
    const endsCleanly = !isAlphanumeric(text.charCodeAt(end));
    if (compact.length === length && endsCleanly && lettersLookSpelled(text.slice(match.index, end)) && ibanChecksumValid(compact)) {
      findings.push(findingAt(ctx, match.index, end, 'IBAN', 0.98, 'iban.mod97'));
    }
  }
  return findings;
}

/**
 * IBAN letters are written in capitals or spelled one by one ("D E 8 9", "G B 2 9 N W B K").
 * A lower-case word inside the candidate means ordinary speech that happened to line up,
 * e.g. "is ninety five dollars per user" read as an Icelandic IBAN that passed mod-97 by chance.
 */
function lettersLookSpelled(candidate: string): boolean {
  return !/[a-z]{2}/u.test(candidate);
}

const ROUTING_TRIGGER = trigger(/\b(?:routing|aba|transit|rtn|sort code)(?: number| no\.?| #| code)?\b/gu);

function detectRouting(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, ROUTING_TRIGGER)) {
    const from = skipFiller(ctx, trigger.index + trigger[0].length);
    const run = runsAfter(ctx, from, 6)[0];
    if (run === undefined) {
      continue;
    }
    if (trigger[0].startsWith('sort code')) {
      if (run.digits.length === 6) {
        findings.push(findingAt(ctx, run.start, run.end, 'ROUTING', 0.93, 'routing.sort-code'));
      }
      continue;
    }
    const valid = windowsOf(run, 9, 9).find((w) => abaValid(w.digits));
    if (valid !== undefined) {
      findings.push(findingAt(ctx, valid.start, valid.end, 'ROUTING', 0.97, 'routing.aba'));
    } else if (run.digits.length === 9) {
      // Introduced as a routing number but the check digit fails: likely mis-heard, still redact.
      findings.push(findingAt(ctx, run.start, run.end, 'ROUTING', 0.6, 'routing.context-unverified'));
    }
  }
  return findings;
}

const ACCOUNT_TRIGGER =
  trigger(/\b(?:(?:bank|checking|chequing|savings|deposit|current|brokerage|wire|ach) account(?: number| no\.?| #)?|account (?:number|no\.?|#)|acct(?: number| no\.?| #)?|account ending (?:in|with)|account(?: is| was|'s)?)\b/gu);
const BANK_CONTEXT = /\b(?:routing|bank|banking|checking|savings|wire|ach|deposit|iban|sort code|aba|transfer)\b/u;

function detectAccounts(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, ACCOUNT_TRIGGER)) {
    const from = skipFiller(ctx, trigger.index + trigger[0].length);
    const run = runsAfter(ctx, from, 6)[0];
    if (run === undefined) {
      continue;
    }
    // Bare "account is" is a CRM account as often as a bank one: it needs banking words nearby.
    if (/^account(?: is| was|'s)?$/u.test(trigger[0]) && !BANK_CONTEXT.test(ctx.lower.slice(Math.max(0, trigger.index - 100), trigger.index + 60))) {
      continue;
    }
    const ending = trigger[0].startsWith('account ending');
    const min = ending ? 4 : 5;
    if (run.digits.length >= min && run.digits.length <= 17) {
      findings.push(findingAt(ctx, run.start, run.end, 'BANK_ACCOUNT', ending ? 0.75 : 0.9, ending ? 'bank-account.ending' : 'bank-account.context'));
    }
  }
  return findings;
}
