/**
 * Personal identifiers that only mean something once introduced: dates of birth, home
 * addresses and health or insurance ids. Without the introduction a date is a meeting and an
 * address is an office, which are not redacted.
 */
import { nhsNumberValid } from '../checksums';
import { after, findingAt, skipFiller, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { readIdValue, readIdValueBefore } from '../id-values';
import type { Finding } from '../types';
import { detectAddresses } from './addresses';
import { detectPostcodeAddresses } from './postcode-addresses';

export function detectPersonal(ctx: DetectionContext): Finding[] {
  return [...detectDatesOfBirth(ctx), ...detectAddresses(ctx), ...detectPostcodeAddresses(ctx), ...detectHealthIds(ctx)];
}

const DOB_TRIGGER = trigger(/\b(?:date of birth|d\.?o\.?b\.?|birth ?date|birthday|born on|born in|i was born|she was born|he was born|born)\b/gu);
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// A date chain: month names, numbers with ordinal suffixes, and the joiners between them.
const DATE_CHAIN_RE = new RegExp(
  `^(?:(?:the|of|on)\\s+)?(?:(?:${MONTH}|\\d{1,4}(?:st|nd|rd|th)?)(?:\\s*[,/.\\-]\\s*|\\s+(?:of\\s+|the\\s+)?|(?=$))?){1,5}`,
  'u',
);
const MONTH_RE = new RegExp(`\\b${MONTH}`, 'u');
// Not "birthday party is on ...": a party or a dinner has a date, not a birth date.
const DOB_BRIDGE_RE =
  /^\s*,?\s*(?:for|on|in|of|from|as)\s+(?:[a-z']+\s+){0,2}[a-z']+,?\s+(?:it's|its|it is|is|was|that's|that is|reads|says)\b/u;
const PARTY_RE = /\b(?:party|parties|cake|dinner|lunch|celebration|present|gift|card|trip|drinks|surprise|event)\b/u;

function detectDatesOfBirth(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, DOB_TRIGGER)) {
    const triggerEnd = trigger.index + trigger[0].length;
    const direct = skipFiller(ctx, triggerEnd);
    // "birthday for the policy, it's the 13 of November": a short bridge ending in "it's"/"is".
    const bridged = DOB_BRIDGE_RE.exec(after(ctx, triggerEnd, 48));
    const bridge = bridged === null || PARTY_RE.test(bridged[0]) ? null : bridged;
    const from = DATE_CHAIN_RE.test(after(ctx, direct, 48)) || bridge === null ? direct : skipFiller(ctx, triggerEnd + bridge[0].length);
    const chain = DATE_CHAIN_RE.exec(after(ctx, from, 48));
    if (chain === null) {
      continue;
    }
    const raw = chain[0].replace(/[\s,/.-]+$/u, '').replace(/\s+(?:of|the)$/u, '');
    const numbers = raw.match(/\d+/gu) ?? [];
    const hasMonth = MONTH_RE.test(raw);
    const yearOnly = numbers.length === 1 && !hasMonth && /^(?:19|20)\d{2}$/u.test(numbers[0]);
    if (numbers.length === 0 || (!hasMonth && numbers.length < 2 && !yearOnly)) {
      continue;
    }
    // "born in 1985" is a birth year; "born in Ohio" never reached here (no number).
    const offset = /^(?:the|of|on)\s+/u.exec(raw)?.[0].length ?? 0;
    findings.push(findingAt(ctx, from + offset, from + raw.length, 'DOB', yearOnly ? 0.6 : 0.93, yearOnly ? 'dob.year' : 'dob.context'));
  }
  return findings;
}

// "no.", "#" and "id" stand for "number" after every label: "NHS no. 301 ...", "member #".
const HEALTH_TRIGGER =
  trigger(/\b(?:member (?:id|number|no\.?|#)(?: (?:printed |shown |written )?on the (?:front|back) of (?:the|my|his|her|your|their) card)?|ohip(?: number| no\.?| #)?|ramq(?: number)?|(?:health|care|medicare) card(?: number| no\.?| #)?|(?:ehic|ghic|european health insurance card)(?: number| no\.?| #)?|insurance (?:id|number|no\.?|#|card number|policy number|member id)|policy (?:number|no\.?|#)|subscriber (?:id|number|no\.?|#)|medicare (?:number|no\.?|#|id|card number|beneficiary identifier)|medicaid (?:number|no\.?|#|id)|health (?:plan |insurance |card )?(?:id|number|no\.?|#)|medical record(?: number| no\.?| #)?|mrn|nhs(?: number| no\.?| #| id)?|patient (?:id|number|no\.?|#)|group (?:number|no\.?|#)|beneficiary id|mbi)(?!\w)/gu);

const PAYER_PREFIXED_RE = /^[A-Za-z]{2,4}\d{6,}$/u;

function detectHealthIds(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, HEALTH_TRIGGER)) {
    // "group number" and "member id" also appear in CRM talk: require a health word nearby.
    const gated = /^(?:group|member|policy)/u.test(trigger[0]) && !/\b(?:insurance|insurer|health|medical|dental|vision|plan|aetna|cigna|humana|kaiser|blue cross|bcbs|united ?healthcare|anthem|medicare|medicaid|policy|coverage|doctor|clinic|hospital|pharmacy|claim)\b/u.test(ctx.lower.slice(Math.max(0, trigger.index - 120), trigger.index + trigger[0].length + 60));
    const value = readIdValue(ctx, trigger.index + trigger[0].length, 5, 20, 3) ?? readIdValueBefore(ctx, trigger.index, 5, 20, 3);
    // Without a health word nearby, a member id counts only in an insurer's shape: a 2-4 letter
    // prefix and 6+ digits ("XEH 4829 1760"); CRM and gym member numbers are plain digits.
    if (value === undefined || (gated && !PAYER_PREFIXED_RE.test(value.compact))) {
      continue;
    }
    // An NHS number carries a mod-11 check digit: a valid one outranks the phone it resembles.
    const nhs = trigger[0].startsWith('nhs');
    const checked = nhs && nhsNumberValid(value.compact);
    if (trigger[0] === 'nhs' && !checked) {
      continue;
    }
    findings.push(findingAt(ctx, value.start, value.end, 'HEALTH_ID', checked ? 0.96 : 0.9, checked ? 'health-id.nhs' : 'health-id.context'));
  }
  return findings;
}
