/**
 * API keys and tokens spelled out character by character after their name: "the API key is
 * s k underscore live underscore four f h nine two...". A key is a run of at least ten spoken
 * characters (single letters, digits, separator words, short vendor words such as "live"
 * between separators) right after a key word.
 */
import { findingAt, skipFiller, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import type { Finding } from '../types';

const KEY_CUE = trigger(/\b(?:api[ _-]?key|secret(?: key)?|access (?:key|token)|auth(?:entication)? token|bearer token|client secret|personal access token|token|(?:the |my |our )key)\b/gu);
// One spoken character of a key: a letter or digit said alone, a digit group, or a separator word.
const ITEM = /(?:[a-z]|\d+|underscore|dash|hyphen|dot|period|slash|colon|capital|uppercase|lowercase|upper case|lower case|caps)(?=[\s,.]|$)/uy;
// A short word spelled whole between separators ("live", "test", "proj").
const WORD_ITEM = /[a-z]{2,6}(?=[\s,.]|$)/uy;
const SEPARATOR = /^(?:underscore|dash|hyphen|dot|period|slash|colon)$/u;
const MIN_ITEMS = 10;
// A vendor prefix read out before its separator marks a key with no key word: "s k underscore
// live underscore ...", "ghp underscore ...", "x o x b dash ...".
const VENDOR_PREFIX =
  trigger(/\b(?:s ?k|p ?k|r ?k|g ?h ?[pousr]|x ?o ?x ?[abposr]|a ?k ?i ?a|whsec|npm|sk ?proj|github pat)(?= (?:underscore|dash|hyphen) )/gu);

export function detectSpelledKeys(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const cue of triggers(ctx, KEY_CUE)) {
    const key = spelledKeyAt(ctx, skipFiller(ctx, cue.index + cue[0].length), false);
    if (key !== undefined) {
      findings.push(key);
    }
  }
  if (ctx.lower.includes('underscore') || ctx.lower.includes('dash') || ctx.lower.includes('hyphen')) {
    for (const prefix of triggers(ctx, VENDOR_PREFIX)) {
      const key = spelledKeyAt(ctx, prefix.index, true);
      if (key !== undefined) {
        findings.push(key);
      }
    }
  }
  return findings;
}

/**
 * A key spelled from `start`, or undefined. `prefixed`: it starts with a vendor prefix (whose
 * letters may be said together, "ghp") and needs no key word before it.
 */
function spelledKeyAt(ctx: DetectionContext, start: number, prefixed: boolean): Finding | undefined {
  let pos = start;
  let end = start;
  let items = 0;
  let singles = 0;
  let afterSeparator = false;
  for (;;) {
    ITEM.lastIndex = pos;
    let match = ITEM.exec(ctx.lower);
    const single = match !== null && match[0].length === 1;
    // A vendor prefix said as one word leads the key ("ghp underscore", "rk underscore").
    if (match === null && (afterSeparator || items === 0)) {
      WORD_ITEM.lastIndex = pos;
      match = WORD_ITEM.exec(ctx.lower);
    }
    if (match === null) {
      break;
    }
    items += 1;
    singles += single ? 1 : 0;
    afterSeparator = SEPARATOR.test(match[0]);
    end = pos + match[0].length;
    const gap = /^[ ,]{1,2}/u.exec(ctx.lower.slice(end, end + 2));
    if (gap === null) {
      break;
    }
    pos = end + gap[0].length;
  }
  if (items >= MIN_ITEMS && singles >= 4) {
    return findingAt(ctx, start, end, 'API_KEY', prefixed ? 0.8 : 0.85, prefixed ? 'api-key.spelled-prefix' : 'api-key.spelled');
  }
  return undefined;
}
