/**
 * US SSNs and ITINs (structure-checked), passports and driver's licences (only when
 * introduced as such: their formats are too varied to find alone).
 */
import { itinStructureValid, ssnStructureValid } from '../checksums';
import { acronym, after, before, findingAt, hasReferenceCue, runsAfter, skipFiller, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { groupShape, phraseShape, windowSeps, windowsOf, type DigitWindow } from '../digit-runs';
import { readIdValue, readIdValueBefore } from '../id-values';
import { detectLicencesByIssuer } from './licence-issuers';
import type { Finding } from '../types';
import { statePrefixLength } from '../us-states';

const SSN_CUE = new RegExp(`\\b(?:social(?: security)?|${acronym('ssn')}|ss ?#|ss number|ss no)\\b`, 'u');
// Not "tax id": that is usually a business EIN, which is not personal data.
const ITIN_CUE = new RegExp(`\\b(?:${acronym('itin')}|individual taxpayer|taxpayer id(?:entification)?)\\b`, 'u');

// Words that, further back, announce a full SSN read in its 3-2-4 phrases.
const SSN_WEAK_CUE = new RegExp(
  `\\b(?:social(?: security)?|${acronym('ssn')}|last (?:four|4)|the whole (?:thing|number|one)|(?:the )?full (?:number|one|thing)|all nine(?: digits)?|all 9(?: digits)?)\\b`,
  'u',
);

export function detectGovernmentIds(ctx: DetectionContext): Finding[] {
  return [...detectSsnAndItin(ctx), ...detectLastFour(ctx), ...detectPassports(ctx), ...detectDriversLicences(ctx), ...detectLicencesByIssuer(ctx)];
}

function detectSsnAndItin(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const run of ctx.runs) {
    if (run.digits.length < 9) {
      continue;
    }
    let consumedUntil = -1;
    for (const window of windowsOf(run, 9, 9)) {
      if (window.from <= consumedUntil) {
        continue;
      }
      const finding = classifyNine(ctx, window);
      if (finding !== undefined) {
        findings.push(finding);
        consumedUntil = window.to - 1;
      }
    }
  }
  return findings;
}

function classifyNine(ctx: DetectionContext, window: DigitWindow): Finding | undefined {
  // The structure checks are cheap and rule out most windows of longer numbers: read the words
  // around only for a window that could be an SSN or ITIN.
  const isItin = itinStructureValid(window.digits);
  const isSsn = !isItin && ssnStructureValid(window.digits);
  if (!isItin && !isSsn) {
    return undefined;
  }
  // The cue may come after the number too: "...one eight four nine, that's my social".
  const context = `${before(ctx, window.start, 70)} ${after(ctx, window.end, 40)}`;
  const ssnCue = SSN_CUE.test(context);
  const itinCue = ITIN_CUE.test(context);
  const shape = groupShape(window).join('-');
  const seps = windowSeps(window);
  // 3-2-4 with one kind of separator is how SSNs and ITINs are written down.
  const written = shape === '3-2-4' && new Set(seps).size === 1 && (seps[0] === '-' || seps[0] === ' ');
  const clean = !hasReferenceCue(ctx, window.start, window.end);
  // The number's structure decides between SSN and ITIN; the words only decide whether it counts.
  if (isItin) {
    if (itinCue || ssnCue) {
      return findingAt(ctx, window.start, window.end, 'ITIN', 0.95, 'itin.context');
    }
    return written && clean ? findingAt(ctx, window.start, window.end, 'ITIN', 0.8, 'itin.shape') : undefined;
  }
  if (!isSsn) {
    return undefined;
  }
  if (ssnCue) {
    return findingAt(ctx, window.start, window.end, 'SSN', 0.96, 'ssn.context');
  }
  if (itinCue) {
    return findingAt(ctx, window.start, window.end, 'ITIN', 0.7, 'itin.context-unverified');
  }
  if (written && seps[0] === '-' && clean) {
    return findingAt(ctx, window.start, window.end, 'SSN', 0.8, 'ssn.shape');
  }
  // Said in 3-2-4 phrases after talk of the whole number ("they want the whole thing. Fine,
  // two seven oh, um, three nine, ..."), or with the social named further back.
  if (clean && phraseShape(window).join('-') === '3-2-4' && SSN_WEAK_CUE.test(before(ctx, window.start, 160))) {
    return findingAt(ctx, window.start, window.end, 'SSN', 0.85, 'ssn.spoken-shape');
  }
  return undefined;
}

const LAST_FOUR_TRIGGER =
  trigger(/\b(?:last (?:four|4)(?: digits)?(?: of)?(?: (?:my|your|his|her|the))? (?:social(?: security)?(?: number)?|ssn)|(?:social(?: security)?(?: number)?|ssn) (?:ends|ending) (?:in|with))\b/gu);

/** "last four of my social is 6789": four digits that answer a knowledge-based check. */
function detectLastFour(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, LAST_FOUR_TRIGGER)) {
    const from = skipFiller(ctx, trigger.index + trigger[0].length);
    const run = runsAfter(ctx, from, 6)[0];
    if (run?.digits.length === 4) {
      findings.push(findingAt(ctx, run.start, run.end, 'SSN', 0.85, 'ssn.last-four'));
    }
  }
  return findings;
}

const PASSPORT_TRIGGER = trigger(/\bpassport(?: number| no\.?| #| id)?\b/gu);
const LICENCE_TRIGGER =
  trigger(/\b(?:driver'?s?|drivers|driving) licen[cs]e(?: number| no\.?| ?#| id)?(?:\b|(?<=#))|\bd[-. ]?l(?: number\b| no\b| ?#)|\blicen[cs]e number\b/gu);

function detectPassports(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, PASSPORT_TRIGGER)) {
    const value = readIdValue(ctx, trigger.index + trigger[0].length, 6, 12, 5) ?? readIdValueBefore(ctx, trigger.index, 6, 12, 5);
    if (value !== undefined) {
      findings.push(findingAt(ctx, value.start, value.end, 'PASSPORT', 0.92, 'passport.context'));
    }
  }
  return findings;
}

function detectDriversLicences(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  for (const trigger of triggers(ctx, LICENCE_TRIGGER)) {
    const from = trigger.index + trigger[0].length;
    // "my driver's license is Texas, 4 0 4 9, ...": the issuing state sits before the number.
    const afterFiller = skipFiller(ctx, from);
    const state = statePrefixLength(ctx.lower.slice(afterFiller, afterFiller + 48));
    // "license number" alone is software licensing unless a driver word is near or a state
    // name comes right after it ("License number, New York, ...").
    if (trigger[0] === 'license number' || trigger[0] === 'licence number') {
      if (state === 0 && !/\b(?:driver|driving|dmv|state|dl)\b/u.test(ctx.lower.slice(Math.max(0, trigger.index - 40), from + 60))) {
        continue;
      }
    }
    const valueFrom = state > 0 ? afterFiller + state : from;
    const value = readIdValue(ctx, valueFrom, 5, 18, 4) ?? readIdValueBefore(ctx, trigger.index, 5, 18, 4);
    if (value !== undefined) {
      findings.push(findingAt(ctx, value.start, value.end, 'DRIVERS_LICENSE', 0.9, 'drivers-license.context'));
    }
  }
  return findings;
}
