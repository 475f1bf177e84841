/**
 * How people actually say one number on a call: in groups with pauses, hesitations and
 * announcements between them ("4862, uh, 6556, and then 3704", "six one seven, five five five,
 * and then the last four are oh one four one", "oh six oh... three four... nine three six
 * eight"), and with self-corrections ("oh one... sorry, oh one five two", where the corrected
 * group replaces the abandoned fragment). These helpers decide when the gap between two digit
 * runs is only such talk, so the runs are one number.
 */

const HESITATION = "(?:u+h+|u+m+|uhm|e+r+m?|a+h+|eh|hmm+|mm+|you know|let me see|let's see|hold on|hang on)";
const CONNECTOR = '(?:and then|and|then|so|next|after that|followed by)';
// Digits inside an announcement are masked as "x" before runs are found (see maskAnnouncements).
const ANNOUNCER = "(?:the |and )*(?:last|final|next|remaining|other|first) x(?: digits?| numbers?)?(?: (?:are|is|would be|will be|'re))?|the rest (?:is|are)";
const CORRECTION = "(?:sorry|i'm sorry|i mean|no wait|wait|no|nope|actually|correction|scratch that|my bad|oops|let me (?:start|try|say) (?:again|over|that again))";
const PUNCT = '(?:[,;:]|\\.{2,}|\u2026|[.?!](?=\\s)|[-\u2013\u2014]{1,2})';

// Blanks but not line breaks: a new line is a new segment or speaker, never the same number.
const BRIDGE_RE = new RegExp(`^(?:[^\\S\\n\\r\\u2028\\u2029]+|${PUNCT}|\\b(?:${HESITATION}|${CONNECTOR}|${ANNOUNCER}|${CORRECTION})\\b)+$`, 'u');
const CORRECTION_RE = new RegExp(`\\b${CORRECTION}\\b`, 'u');
// A full stop, question or exclamation mark that ends a sentence (not an ellipsis).
const SENTENCE_END_RE = /(?<![.])[.?!](?![.])/u;
const ANNOUNCEMENT_RE = /\b(?:last|final|next|remaining|other|first) (\d)(?= (?:digits?|numbers?|are|is|would|will)\b|'re\b)/gu;
const MAY_ANNOUNCE = /\b(?:last|final|next|remaining|other|first) \d/u;
/** Longest gap of talk that still joins two parts of one number. */
export const MAX_BRIDGE = 48;

/**
 * Replaces the digit in "the last 4 are" with "x" (same length) so that the announcement is
 * not read as part of the number it announces.
 */
export function maskAnnouncements(lower: string): string {
  if (!MAY_ANNOUNCE.test(lower)) {
    return lower;
  }
  return lower.replace(ANNOUNCEMENT_RE, (match) => match.replace(/\d/u, 'x'));
}

export interface BridgeVerdict {
  /** The gap is only pauses and filler talk. */
  readonly joins: boolean;
  /** The gap takes back what came before it ("sorry", "I mean"). */
  readonly corrects: boolean;
}

const NO_BRIDGE: BridgeVerdict = { joins: false, corrects: false };

/**
 * Whether `gap` (lower-case text between two digit runs) joins them. A sentence break joins
 * only digits that were spoken on both sides ("One one eight. Two three."): written digits
 * after a full stop start a new number ("ends in 42. 5 more").
 */
export function bridgeBetween(gap: string, spokenBothSides: boolean): BridgeVerdict {
  if (gap.length === 0 || gap.length > MAX_BRIDGE || !BRIDGE_RE.test(gap)) {
    return NO_BRIDGE;
  }
  if (!spokenBothSides && SENTENCE_END_RE.test(gap)) {
    return NO_BRIDGE;
  }
  return { joins: true, corrects: CORRECTION_RE.test(gap) };
}
