/**
 * Addresses outside the US, found from their postcode back to where the address starts: a
 * national postcode shape (UK, Canada, Ireland's Eircode, the Netherlands, five-digit European
 * codes before a city, Australian state + postcode, Indian PIN after a city) with, just before
 * it, a house number (postcode digits may be spoken one by one), a flat or unit, or a street word ("Rue", "Calle", "-straße", "-gracht").
 * A postcode alone, or one whose address is a business's, is left alone.
 */
import { before, findingAt, type DetectionContext } from '../context';
import type { Finding } from '../types';
import { BUSINESS_BEFORE, SUFFIX } from './addresses';

const AU_STATE = '(?:nsw|vic|qld|wa|sa|tas|act|nt|victoria|queensland|tasmania|new south wales|western australia|south australia|northern territory)';
const POSTCODE_RE = new RegExp(
  [
    '\\b[a-z]\\d[a-z] ?\\d[a-z]\\d\\b', // Canada: K1A 0B1
    '\\b[a-z]\\d[\\dw] ?(?=[a-z\\d]{0,3}[a-z])[a-z\\d]{4}\\b', // Ireland: D04 X2K7
    '\\b[a-z]{1,2}\\d[a-z\\d]? ?\\d[a-z]{2}\\b', // UK: SW1A 1AA
    '\\b\\d{4} ?[a-z]{2}\\b(?= \\p{L})', // Netherlands: 1017 KH, then the city
    '\\b\\d(?: ?\\d){4}\\b(?= \\p{L})', // Germany, France, Spain, Italy: 80331, then the city
    `\\b${AU_STATE},? \\d(?: ?\\d){3}\\b`, // Australia: NSW 2000
    '\\b\\p{L}{3,},? \\d(?: ?\\d){5}\\b', // India: Bengaluru 560041
  ].join('|'),
  'gu',
);
const CITY_AFTER_RE = /^ [\p{L}-]+/u;
/** Where an address can begin: after a sentence break or an introduction ("to", "is", "at"). */
const BOUNDARY_RE = /(?<!\b(?:co|st|no|apt|ave|rd))[.!?;:](?=\s|$)|\b(?:is|to|at|it's|its|was|address|adresse|live|here)\b/gu;
const START_RE =
  /^[\s,]*(?:(?:(?:flat|apartment|apt|unit|suite|house|villa|block|door|no\.?)\s*#?\s*[a-z]?-?\d+[a-z]?|[a-z]?-?\d+[a-z]?)\b|(?:calle|carrer|avenida|av\.|rue|avenue|boulevard|quai|chemin|via|viale|piazza|rua|plaza|paseo)\b|\p{L}+(?:straße|strasse|weg|gracht|laan|straat|gasse|platz|allee|damm|kade|singel)\b)/u;
const LEADING_RE = /^[\s,]*/u;
/** The part before the postcode must name a street, a flat or a block, not just hold a number. */
const STREET_CUE_RE = new RegExp(
  `\\b(?:${SUFFIX}|flat|apartment|apt|unit|house|block|villa|parade|mews|quay|esplanade|park|calle|carrer|avenida|rue|quai|chemin|via|viale|piazza|rua|plaza|paseo|cross|main|layout|nagar|colony|vihar|sector|marg)\\b|\\p{L}+(?:straße|strasse|weg|gracht|laan|straat|gasse|platz|allee|damm|kade|singel)\\b|^[a-z]-\\d`,
  'u',
);
const REACH = 110;

export function detectPostcodeAddresses(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  const text = ctx.lower;
  POSTCODE_RE.lastIndex = 0;
  for (let m = POSTCODE_RE.exec(text); m !== null; m = POSTCODE_RE.exec(text)) {
    const codeStart = m.index;
    const windowStart = Math.max(0, codeStart - REACH);
    const window = text.slice(windowStart, codeStart);
    let from = 0;
    BOUNDARY_RE.lastIndex = 0;
    for (let b = BOUNDARY_RE.exec(window); b !== null; b = BOUNDARY_RE.exec(window)) {
      from = b.index + b[0].length;
    }
    const rest = window.slice(from);
    if (!START_RE.test(rest)) {
      continue;
    }
    const start = windowStart + from + (LEADING_RE.exec(rest)?.[0].length ?? 0);
    const street = text.slice(start, codeStart);
    if (!STREET_CUE_RE.test(street) || BUSINESS_BEFORE.test(before(ctx, start, 40))) {
      continue;
    }
    let end = codeStart + m[0].length;
    if (/^\d/u.test(m[0])) {
      end += CITY_AFTER_RE.exec(text.slice(end, end + 40))?.[0].length ?? 0;
    }
    findings.push(findingAt(ctx, start, end, 'ADDRESS', 0.85, 'address.postcode'));
  }
  return findings;
}
