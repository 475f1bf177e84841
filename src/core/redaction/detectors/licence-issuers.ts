/**
 * Driving licences named by who issued them rather than by "driver's licence": "a California
 * licence, Y4932683", "my Irish license number is ...", "the licence is Ontario, P4281-...",
 * "my licence is 1403 8862, New South Wales", an issuer answering a licence question in the
 * turn before ("Which state is it from?" / "Arizona. D08416327"), and an issuer followed by a
 * number in a licence's shape (a letter, then seven or more digits: "Wisconsin, D512-7740-...").
 * A licence word alone stays software licensing ("250 licenses for the Texas office").
 */
import { findingAt, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { readIdValue } from '../id-values';
import { LICENCE_ISSUER } from '../licence-issuers';
import type { Finding } from '../types';

const LICENCE = `(?:(?:driver'?s?|drivers|driving)\\s+)?licen[cs]e(?:\\s+(?:number|no\\.?|#|id))?`;
// capture 1: what precedes the value: "<issuer> licence[ number][ is|,]" or "licence[ number] is <issuer>,".
const ISSUER_THEN_LICENCE = trigger(new RegExp(`\\b${LICENCE_ISSUER}(?:[- ]issued)?\\s+${LICENCE}\\b`, 'gu'));
const LICENCE_THEN_ISSUER = trigger(new RegExp(`\\b${LICENCE}\\s*(?:is|was|:|,)?\\s*(?:from\\s+|issued in\\s+|an?\\s+)?${LICENCE_ISSUER}\\b(?:\\s+one)?\\s*[,.:;-]?\\s*`, 'gu'));
// "my licence is 1403 8862, New South Wales": the issuer after the value, in the same sentence.
const LICENCE_WORD = trigger(new RegExp(`\\b${LICENCE}\\b`, 'gu'));
const ISSUER_AFTER = new RegExp(`^[\\s,.;:-]*(?:(?:it's|its|from|issued (?:in|by)|in|the state of)\\s+)?${LICENCE_ISSUER}\\b`, 'u');
// An issuer said right before the value: "..., it's Illinois. S876-5595-8143", "Arizona. D08416327".
const ISSUER_BEFORE_VALUE = trigger(new RegExp(`\\b${LICENCE_ISSUER}\\s*[,.:;-]\\s*(?=[a-z0-9])`, 'gu'));
const LICENCE_SHAPE = /^[A-Za-z]{1,2}[ -]?\d/u;
const NOT_DRIVING = /\b(?:software|seat|user|enterprise|site|volume|product|commercial|business|liquor|marriage|pilot|medical|nursing|teaching|real estate|contractor|key|keys|count|fee|agreement|renewal|server|named)\s*$/u;
const LICENCE_CONTEXT = /\blicen[cs]e|\bwhich (?:state|province|country)\b|\bdriv(?:er|ing)\b/u;
const SOFTWARE_CONTEXT = /\b(?:software|seats?|users?|subscription|renewal|enterprise|keys?|activation)\b/u;
/** How far back a licence word counts as the context of an issuer and value (a question one turn before). */
const CONTEXT_REACH = 160;

export function detectLicencesByIssuer(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  // The first three passes need a licence word: skip their long issuer alternations without one.
  const licenceWord = ctx.lower.includes('licen');
  for (const m of licenceWord ? triggers(ctx, ISSUER_THEN_LICENCE) : []) {
    const value = readIdValue(ctx, m.index + m[0].length, 6, 18, 4);
    if (value !== undefined) {
      findings.push(findingAt(ctx, value.start, value.end, 'DRIVERS_LICENSE', 0.88, 'drivers-license.issuer'));
    }
  }
  for (const m of licenceWord ? triggers(ctx, LICENCE_THEN_ISSUER) : []) {
    if (NOT_DRIVING.test(ctx.lower.slice(Math.max(0, m.index - 16), m.index))) {
      continue;
    }
    const value = readIdValue(ctx, m.index + m[0].length, 6, 18, 4);
    if (value !== undefined) {
      findings.push(findingAt(ctx, value.start, value.end, 'DRIVERS_LICENSE', 0.88, 'drivers-license.issuer'));
    }
  }
  for (const m of licenceWord ? triggers(ctx, LICENCE_WORD) : []) {
    if (NOT_DRIVING.test(ctx.lower.slice(Math.max(0, m.index - 16), m.index))) {
      continue;
    }
    const value = readIdValue(ctx, m.index + m[0].length, 6, 18, 4);
    if (value !== undefined && ISSUER_AFTER.test(ctx.lower.slice(value.end, value.end + 40))) {
      findings.push(findingAt(ctx, value.start, value.end, 'DRIVERS_LICENSE', 0.88, 'drivers-license.issuer-after'));
    }
  }
  for (const m of triggers(ctx, ISSUER_BEFORE_VALUE)) {
    const valueFrom = m.index + m[0].length;
    const value = readIdValue(ctx, valueFrom, 6, 18, 4);
    if (value === undefined) {
      continue;
    }
    const context = ctx.lower.slice(Math.max(0, m.index - CONTEXT_REACH), m.index);
    const licenceNear = LICENCE_CONTEXT.test(context) && !SOFTWARE_CONTEXT.test(context);
    const digits = value.compact.replace(/\D/gu, '').length;
    if (licenceNear || (LICENCE_SHAPE.test(ctx.norm.text.slice(value.start, value.end)) && digits >= 7)) {
      findings.push(findingAt(ctx, value.start, value.end, 'DRIVERS_LICENSE', 0.88, licenceNear ? 'drivers-license.issuer-answer' : 'drivers-license.issuer-shape'));
    }
  }
  return findings;
}
