/**
 * Personal identifiers that only mean something once introduced: dates of birth, home
 * addresses and health or insurance ids. Without the introduction a date is a meeting and an
 * address is an office, which are not redacted.
 */
import { after, findingAt, readIdValue, skipFiller, triggers, type DetectionContext } from '../context';
import type { Finding } from '../types';

export function detectPersonal(ctx: DetectionContext): Finding[] {
  return [...detectDatesOfBirth(ctx), ...detectAddresses(ctx), ...detectHealthIds(ctx)];
}

const DOB_TRIGGER = /\b(?:date of birth|d\.?o\.?b\.?|birth ?date|birthday|born on|born in|i was born|she was born|he was born|born)\b/gu;
const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
// A date chain: month names, numbers with ordinal suffixes, and the joiners between them.
const DATE_CHAIN_RE = new RegExp(
  `^(?:(?:the|of|on)\\s+)?(?:(?:${MONTH}|\\d{1,4}(?:st|nd|rd|th)?)(?:\\s*[,/.\\-]\\s*|\\s+(?:of\\s+|the\\s+)?|(?=$))?){1,5}`,
  'u',
);
const MONTH_RE = new RegExp(`\\b${MONTH}`, 'u');

function detectDatesOfBirth(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, DOB_TRIGGER)) {
    const from = skipFiller(ctx, trigger.index + trigger[0].length);
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

const ADDRESS_TRIGGER =
  /\b(?:i live at|we live at|we're at|we are at|(?:send|ship|mail|deliver|post|courier|fedex) (?:it|them|that|this|the \w+|the \w+ \w+) to my (?:home|house|place|apartment|flat)(?: address)?(?: at| on)?|(?:my|our) (?:home|house|place|apartment|flat) is (?:at|on)|(?:he|she|they) lives? at|live over at|my address is|home address|mailing address|billing address|shipping address|residential address|street address|postal address|my house is at|our house is at|i'm at|i am at|i'm located at|send (?:it|them|that|the \w+) to(?: my (?:house|home|place)(?: address)?)?(?: at)?|ship (?:it|them|that|the \w+) to(?: my (?:house|home|place)(?: address)?)?(?: at)?|(?:his|her|their) address is|address on file is|we moved to|i moved to)\b/gu;
const SUFFIX =
  '(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|crescent|close|square|sq|row|alley|loop|run|pike|path|walk|grove|gardens)';
const UNIT = '(?:,?\\s*(?:apt|apartment|unit|suite|ste|flat|#|number|no)\\.?\\s*#?\\s*[a-z0-9]+(?:[ -]\\d+)*)?';
const CITY_STATE_ZIP = '(?:,?\\s+[a-z][a-z]+(?:\\s[a-z]+){0,2}(?:,\\s*[a-z]{2,}(?:\\s[a-z]+)?)?(?:,?\\s+\\d{5}(?:[ -]\\d{4})?)?)?';
const STREET_RE = new RegExp(
  `^(?:\\d+(?:[ -]\\d+){0,3}[a-z]?\\s+(?:[a-z0-9'.]+\\s+){0,4}?${SUFFIX}\\b\\.?${UNIT}|p\\.?\\s?o\\.? box\\s+\\d+(?:\\s\\d+)*)`,
  'u',
);
const CITY_RE = new RegExp(`^${CITY_STATE_ZIP}`, 'u');
const CITY_STOP = /^(?:and|but|so|if|or|because|just|please|thanks|thank|then|which|for|in|on|by|that|is|it|to|okay|ok|right)$/u;

function detectAddresses(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, ADDRESS_TRIGGER)) {
    const from = skipFiller(ctx, trigger.index + trigger[0].length);
    const street = STREET_RE.exec(after(ctx, from, 120));
    if (street === null) {
      continue;
    }
    let end = from + street[0].length;
    const city = CITY_RE.exec(after(ctx, end, 60));
    if (city !== null && city[0] !== '') {
      end += trimCity(city[0]).length;
    }
    findings.push(findingAt(ctx, from, end, 'ADDRESS', 0.9, 'address.context'));
  }
  return findings;
}

/** Drops conjunctions and chatter that the city pattern swallowed ("..., Denver and then"). */
function trimCity(city: string): string {
  const words = city.split(/(?=\s)/u);
  let kept = '';
  for (const word of words) {
    if (CITY_STOP.test(word.trim().replace(/^,/u, '').trim())) {
      break;
    }
    kept += word;
  }
  return kept.replace(/[\s,]+$/u, '');
}

const HEALTH_TRIGGER =
  /\b(?:member (?:id|number)|insurance (?:id|number|card number|policy number|member id)|policy (?:number|no\.?|#)|subscriber (?:id|number)|medicare (?:number|id|card number|beneficiary identifier)|medicaid (?:number|id)|health (?:plan |insurance |card )?(?:id|number)|medical record(?: number)?|mrn|nhs number|patient (?:id|number)|group (?:number|no\.?)|beneficiary id|mbi)\b/gu;

function detectHealthIds(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, HEALTH_TRIGGER)) {
    // "group number" and "member id" also appear in CRM talk: require a health word nearby.
    if (/^(?:group|member|policy)/u.test(trigger[0]) && !/\b(?:insurance|insurer|health|medical|dental|vision|plan|aetna|cigna|humana|kaiser|blue cross|bcbs|united ?healthcare|anthem|medicare|medicaid|policy|coverage|doctor|clinic|hospital|pharmacy|claim)\b/u.test(ctx.lower.slice(Math.max(0, trigger.index - 120), trigger.index + trigger[0].length + 60))) {
      continue;
    }
    const value = readIdValue(ctx, trigger.index + trigger[0].length, 5, 20, 3);
    if (value !== undefined) {
      findings.push(findingAt(ctx, value.start, value.end, 'HEALTH_ID', 0.9, 'health-id.context'));
    }
  }
  return findings;
}
