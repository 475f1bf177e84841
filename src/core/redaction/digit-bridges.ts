/**
 * How people actually say one number on a call: in groups with pauses, hesitations and
 * announcements between them ("4862, uh, 6556, and then 3704", "six one seven, five five five,
 * and then the last four are oh one four one", "oh six oh... three four... nine three six
 * eight"), and with self-corrections ("oh one... sorry, oh one five two", where the corrected
 * group replaces the abandoned fragment). These helpers decide when the gap between two digit
 * runs is only such talk, so the runs are one number.
 */

const HESITATION =
  "(?:u+h+|u+m+|uhm|e+r+m?|a+h+|eh|hmm+|mm+|you know|let me see|let's see|let me check|let me look|let me find it|(?:hold|hang) on(?: (?:a|x) (?:sec|second|x|moment|minute))?|(?:x|a|just a|give me a) (?:sec|moment|x)|bear with me|where was i|okay|ok|right|yeah|yep)";
// What the other speaker says in a turn of its own while a number is read out.
const ACK = "(?:mm-?hmm|mhm|uh-huh|okay|ok|yep|yeah|yes|right|got it|go on|go ahead|sure|alright|all right|and|then)";
const CONNECTOR = '(?:and then|and|then|so|next|after that|followed by)';
// Digits inside an announcement are masked as "x" before runs are found (see maskAnnouncements).
const ANNOUNCER = "(?:the |and )*(?:last|final|next|remaining|other|first) x(?: digits?| numbers?)?(?: (?:are|is|would be|will be|'re))?|the rest (?:is|are)";
const CORRECTION = "(?:sorry|i'm sorry|i mean|no wait|wait|no|nope|actually|correction|scratch that|my bad|oops|let me (?:start|try|say) (?:again|over|that again))";
const PUNCT = '(?:[,;:]|\\.{2,}|\u2026|[.?!](?=\\s)|[-\u2013\u2014]{1,2})';

const TALK = `${PUNCT}|\\b(?:${HESITATION}|${CONNECTOR}|${ANNOUNCER}|${CORRECTION})\\b`;
// Within one segment: blanks, punctuation and filler talk.
const BRIDGE_RE = new RegExp(`^(?:[^\\S\\n\\r\\u2028\\u2029]+|${TALK})+$`, 'u');
// Across segments (a line each): the same, plus short acknowledgements from the other speaker.
const BRIDGE_LINES_RE = new RegExp(`^(?:\\s+|${TALK}|\\b${ACK}\\b)+$`, 'u');
// Talk that says the number goes on: "and then the last four are", "the rest is".
const GOES_ON_RE = new RegExp(`\\b(?:and then|then|after that|followed by|${ANNOUNCER})\\b`, 'u');
const CORRECTION_RE = new RegExp(`\\b${CORRECTION}\\b`, 'u');
// A full stop, question or exclamation mark that ends a sentence (not an ellipsis).
const SENTENCE_END_RE = /(?<![.])[.?!](?![.])/u;
const ANNOUNCEMENT_RE = /\b(?:last|final|next|remaining|other|first) (\d)(?= (?:digits?|numbers?|are|is|would|will)\b|'re\b)/gu;
const MAY_ANNOUNCE = /\b(?:last|final|next|remaining|other|first) \d|\b(?:1 (?:sec|moment)|a 2)\b/u;
// "one sec", "hold on a second" (normalised "1 sec", "a 2"): the number is a pause, not a digit.
const PAUSE_NUMBER_RE = /\b1(?= (?:sec|moment)\b)|(?<=\b(?:on|just|me) a )2\b/gu;
/** Longest gap of talk that still joins two parts of one number. */
export const MAX_BRIDGE = 64;

/**
 * Replaces the digit in "the last 4 are" with "x" (same length) so that the announcement is
 * not read as part of the number it announces.
 */
export function maskAnnouncements(lower: string): string {
  if (!MAY_ANNOUNCE.test(lower)) {
    return lower;
  }
  return lower.replace(ANNOUNCEMENT_RE, (match) => match.replace(/\d/u, 'x')).replace(PAUSE_NUMBER_RE, 'x');
}

// Talk at the end of a segment after the first part, or at the start of the next before the rest.
const EDGE_TALK_RE = new RegExp(`^(?:[^\\S\\n\\r\\u2028\\u2029]+|${TALK}|\\b${ACK}\\b)*$`, 'u');
// An aside that asks for something else ("what about the zip?") ends the number.
const ASKS_ELSE_RE = /\b(?:what|what's|whats|which|how|when|where|who|why|and (?:the|your|a|an|my))\b|\d/u;
const MAX_ASIDE_WORDS = 8;
// An aside that asks for the rest of the same number ("got it, and the rest?") keeps it open.
const ASKS_REST_RE = /\b(?:the rest|the remaining|what's left|go on|keep going|carry on|the last (?:part|bit|few|ones?|digits|group))\b/u;

/**
 * A number cut by segment breaks: the text between is edge talk on both segments and at most
 * two short turns in between (acknowledgements or asides of at most eight words that ask for
 * nothing else).
 */
function cutAtSegmentEnd(lines: readonly string[]): boolean {
  // A first part that ends its sentence ("... 6761.") goes on only after a turn between that
  // acknowledges it or asks for the rest ("Mm-hmm." / "And the rest?"), not straight into a
  // read-back of the whole number.
  const first = lines.length >= 3 ? (lines[0] ?? '').replace(/[.?!]$/u, '') : (lines[0] ?? '');
  if (lines.length > 4 || !EDGE_TALK_RE.test(first) || !EDGE_TALK_RE.test(lines[lines.length - 1] ?? '')) {
    return false;
  }
  for (let k = 1; k < lines.length - 1; k += 1) {
    const line = lines[k] ?? '';
    if (BRIDGE_LINES_RE.test(line)) {
      continue;
    }
    const asksRest = ASKS_REST_RE.test(line) && !/\d/u.test(line);
    if ((ASKS_ELSE_RE.test(line) && !asksRest) || line.split(/\s+/u).filter((w) => w !== '').length > MAX_ASIDE_WORDS) {
      return false;
    }
  }
  return true;
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
export function bridgeBetween(gap: string, spokenBothSides: boolean, blocks = false): BridgeVerdict {
  if (gap.length === 0 || gap.length > MAX_BRIDGE) {
    return NO_BRIDGE;
  }
  const corrects = CORRECTION_RE.test(gap);
  if (gap.includes('\n')) {
    // A new segment continues the number when it was spoken, is announced as going on, or
    // corrects it ("... 4489?" / "No, 4498."), or when the number was cut where a segment
    // ends and goes on where the next begins, with at most a short aside of the other speaker
    // between ("4776 8772" / "Hang on, let me type that." / "9869 3388").
    const goesOn = spokenBothSides || corrects || GOES_ON_RE.test(gap);
    if (goesOn && BRIDGE_LINES_RE.test(gap)) {
      return { joins: true, corrects };
    }
    // Only the speaker who reads the number can take part of it back, not the aside between.
    const lines = gap.split('\n');
    return cutAtSegmentEnd(lines) ? { joins: true, corrects: CORRECTION_RE.test(`${lines[0] ?? ''} ${lines[lines.length - 1] ?? ''}`) } : NO_BRIDGE;
  }
  if (!BRIDGE_RE.test(gap)) {
    return NO_BRIDGE;
  }
  // Written digits after a sentence break start a new number ("ends in 42. 5 more"), unless the
  // recogniser cut equal blocks into sentences ("4111. 1111.") or the talk says it goes on.
  if (!spokenBothSides && !blocks && SENTENCE_END_RE.test(gap) && !GOES_ON_RE.test(gap)) {
    return NO_BRIDGE;
  }
  return { joins: true, corrects };
}
