/**
 * Home addresses. Introduced ones ("I live at", "my address, uh, it's", "the address on it
 * is", "ship it to my place at") count from the street number on; an address said with no
 * introduction counts only when its shape is a home's: an apartment or unit, or a full city,
 * state and ZIP tail. Offices, stores and venues are not personal data and are left alone.
 */
import { after, before, findingAt, skipToValue, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import type { Finding } from '../types';

const ADDRESS_TRIGGER =
  trigger(/\b(?:i live at|we live at|we're at|we are at|(?:send|ship|mail|deliver|post|courier|fedex) (?:it|them|that|this|the \w+|the \w+ \w+) to my (?:home|house|place|apartment|flat)(?: address)?(?: at| on)?|(?:my|our) (?:home|house|place|apartment|flat) is (?:at|on)|(?:he|she|they) lives? at|live over at|address(?:es)?|my house is at|our house is at|i'm at|i am at|i'm located at|send (?:it|them|that|the \w+) to(?: my (?:house|home|place)(?: address)?)?(?: at)?|ship (?:it|them|that|the \w+) to(?: my (?:house|home|place)(?: address)?)?(?: at)?|we moved to|i moved to)\b/gu);
// "office address", "the store's address": a business, not a person's home.
export const BUSINESS_BEFORE =
  /\b(?:office|offices|company|company's|business|headquarters|hq|store|store's|shop|branch|warehouse|venue|restaurant|hotel|clinic|hospital|campus|factory|plant|site|event|conference|email|e-mail|ip|web|mac|wallet)(?:'s)?\s+(?:[\w']+\s+){0,3}$/u;
export const SUFFIX =
  '(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct|way|place|pl|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|crescent|close|square|sq|row|alley|loop|run|pike|path|walk|grove|gardens)';
const UNIT = '(?:,?\\s*(?:apt|apartment|unit|suite|ste|flat|#|number|no)\\.?\\s*#?\\s*[a-z0-9]+(?:[ -](?:\\d+|[a-z]\\b))*)?';
const HOME_UNIT_RE = /\b(?:apt|apartment|unit|flat)\b|#/u;
const OFFICE_UNIT_RE = /\b(?:suite|ste|floor|fl)\b/u;
const ZIP = '(?:\\d ?){4}\\d(?:[ -]\\d{4})?';
// A UK postcode: "LS6 2AB", "SW1A 1AA", "M1 1AE".
const UK_POSTCODE = '[a-z]{1,2}\\d[a-z\\d]? ?\\d[a-z]{2}\\b';
const CITY_STATE_ZIP = `(?:,?\\s+[a-z][a-z]+(?:\\s(?!${UK_POSTCODE})[a-z]+){0,2}(?:,\\s*(?!${UK_POSTCODE})[a-z]{2,}(?:\\s(?!${UK_POSTCODE})[a-z]+)?)?(?:,?\\s+(?:${ZIP}|${UK_POSTCODE}))?)?`;
const STREET_REST = `(?:[ -]\\d+){0,3}[a-z]?\\s+(?:[a-z0-9'.]+\\s+){0,4}?${SUFFIX}\\b\\.?${UNIT}`;
const STREET_RE = new RegExp(`^(?:\\d+${STREET_REST}|p\\.?\\s?o\\.? box\\s+\\d+(?:\\s\\d+)*)`, 'u');
// A street number that does not continue a word, number or reference ("A-12", "3.5"). The
// lookbehind sits after the first digit so the scan only stops at digits.
const ANY_STREET_RE = new RegExp(`\\d(?<![\\w.,-]\\d)\\d*${STREET_REST}`, 'gu');
// Every street ends in a suffix word; most segments with digits have none.
const HAS_SUFFIX_RE = new RegExp(`\\b${SUFFIX}\\b`, 'u');
const CITY_RE = new RegExp(`^${CITY_STATE_ZIP}`, 'u');
const STATE_ZIP_RE = new RegExp(`,\\s*[a-z]{2,}(?:\\s[a-z]+)?,?\\s+${ZIP}$|,\\s*[a-z]{2,}(?:\\s[a-z]+)?,?\\s+${UK_POSTCODE}$`, 'u');
// The label after the address: "..., Leeds LS6 2AB is my home address", "that's where I live".
const HOME_LABEL_AFTER_RE =
  /^\s*,?\s*(?:(?:is|was|that's|that is|it's|which is)\s+(?:my|our|his|her|their)\s+(?:(?:home|house|current|new|old|mailing|postal|billing|shipping|delivery|residential|permanent)\s+)*address\b|(?:that's|that is|is)\s+where\s+(?:i|we|he|she|they)\s+(?:live|lives|stay|stays)\b)/u;
const CITY_STOP = /^(?:and|but|so|if|or|because|just|please|thanks|thank|then|which|for|in|on|by|that|is|it|to|okay|ok|right|uh|um)$/u;

export function detectAddresses(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, ADDRESS_TRIGGER)) {
    if (trigger[0].startsWith('address') && BUSINESS_BEFORE.test(before(ctx, trigger.index, 30))) {
      continue;
    }
    const from = skipToValue(ctx, trigger.index + trigger[0].length);
    const street = STREET_RE.exec(after(ctx, from, 120));
    if (street !== null) {
      findings.push(findingAt(ctx, from, withCity(ctx, from + street[0].length), 'ADDRESS', 0.9, 'address.context'));
    }
  }
  return [...findings, ...untriggered(ctx, findings)];
}

/** A home-shaped address said without an introduction. */
function untriggered(ctx: DetectionContext, introduced: readonly Finding[]): Finding[] {
  const findings: Finding[] = [];
  if (!HAS_SUFFIX_RE.test(ctx.lower)) {
    return findings;
  }
  ANY_STREET_RE.lastIndex = 0;
  for (let match = ANY_STREET_RE.exec(ctx.lower); match !== null; match = ANY_STREET_RE.exec(ctx.lower)) {
    const start = match.index;
    const end = withCity(ctx, start + match[0].length);
    const orig = ctx.norm.origStart[start] ?? 0;
    if (introduced.some((f) => f.start <= orig && orig < f.end) || BUSINESS_BEFORE.test(before(ctx, start, 40))) {
      continue;
    }
    const text = ctx.lower.slice(start, end);
    if (OFFICE_UNIT_RE.test(text)) {
      continue;
    }
    if (HOME_UNIT_RE.test(match[0]) || STATE_ZIP_RE.test(text)) {
      findings.push(findingAt(ctx, start, end, 'ADDRESS', 0.75, 'address.shape'));
    } else if (HOME_LABEL_AFTER_RE.test(after(ctx, end, 60))) {
      findings.push(findingAt(ctx, start, end, 'ADDRESS', 0.88, 'address.label-after'));
    }
  }
  return findings;
}

/** End of the city, state and ZIP after a street, or the street's end. */
function withCity(ctx: DetectionContext, streetEnd: number): number {
  const city = CITY_RE.exec(after(ctx, streetEnd, 60));
  return city !== null && city[0] !== '' ? streetEnd + trimCity(city[0]).length : streetEnd;
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
