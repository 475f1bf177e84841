/**
 * US state names, which callers say between a licence trigger and its number ("my driver's
 * license is Texas, four oh four nine, ..."): the state tells the issuer, not the id.
 */
const STATES = [
  'alabama', 'alaska', 'arizona', 'arkansas', 'california', 'colorado', 'connecticut', 'delaware', 'florida', 'georgia',
  'hawaii', 'idaho', 'illinois', 'indiana', 'iowa', 'kansas', 'kentucky', 'louisiana', 'maine', 'maryland',
  'massachusetts', 'michigan', 'minnesota', 'mississippi', 'missouri', 'montana', 'nebraska', 'nevada', 'new hampshire',
  'new jersey', 'new mexico', 'new york', 'north carolina', 'north dakota', 'ohio', 'oklahoma', 'oregon', 'pennsylvania',
  'rhode island', 'south carolina', 'south dakota', 'tennessee', 'texas', 'utah', 'vermont', 'virginia', 'washington',
  'west virginia', 'wisconsin', 'wyoming', 'district of columbia', 'puerto rico',
];

/** Regex source matching one state name (lower case), longest names first. */
export const US_STATE = `(?:${[...STATES].sort((a, b) => b.length - a.length).join('|')})`;

// "Texas, ", "the state of New York ", "it's Ohio, " and the filler after it.
const STATE_PREFIX_RE = new RegExp(`^(?:(?:it's|its|is|from|in|issued in|the state of|state of)\\s+)*${US_STATE}\\b(?:\\s+(?:state|issued))?(?:\\s*[,:-]\\s*|\\s+(?:one|number|and it's|it's|is)\\s+|\\s+)`, 'u');

/** Length of a state name (with its joiners) at the start of lower-case `text`, or 0. */
export function statePrefixLength(text: string): number {
  return STATE_PREFIX_RE.exec(text)?.[0].length ?? 0;
}
