/**
 * Passwords said in the other ways people say them: the value before its label ("log in with
 * Falcon88 as the password", "Harbor#19 is my password"), a lone password-like token after a
 * comma ("password, bluebird42"; "a temporary password, Welcome123, ..."), and a login pair
 * ("my login is jsmith slash Tulip2020"). A plain dictionary word needs an explicit label.
 */
import { findingAt, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { spokenPasswordEnd } from '../spoken-password';
import type { Finding } from '../types';

// A token that reads as a password: letters with a digit or symbol, or an inner capital.
const PASSWORD_TOKEN = /^(?=[^\s]*[A-Za-z])(?=[^\s]*(?:\d|[!@#$%^&*_+=~?-]|[a-z][A-Z]))[^\s,;"']{4,40}$/u;

// capture 1: the value, before "as/for the password" or "is my password".
const VALUE_BEFORE =
  trigger(/\b(?:log ?in|sign ?in|use|using|try|with|enter|type(?: in)?|it's|its)\s+(?:with\s+)?([^\s,;]{4,40})\s+(?:as|for|is|for the)\s+(?:the|my|your|our|his|her|their)?\s*(?:temporary |temp |new |verbal |account |login )?(?:password|passcode|passphrase)\b/gu);
// capture 1: "password, X" or "temporary password, X,": one password-like token after a comma.
const COMMA_VALUE = trigger(/\b(?:password|passphrase|passcode)\s*,\s*(?:(?:it's|its|uh|um|so)\s*,?\s*)?([^\s,;]{4,40})(?=[\s,.;!?]|$)/gu);
// capture 1: a value of several spoken words before its label: "log in with lantern 23 dollar sign as the password".
const SPOKEN_BEFORE =
  trigger(/\b(?:log ?in|sign ?in|use|using|try|enter|type(?: in)?)\s+(?:with\s+)?((?:[^\s;]+\s+){2,12}?)(?:as|for)\s+(?:the|my|your|our)\s+(?:temporary |temp |new |account |login )?(?:password|passcode|passphrase)\b/gu);
// capture 1: the value after "password ... it's": "a temporary password for you, it's Riverside39!".
const PASSWORD_ITS = trigger(/\b(?:password|passphrase|passcode)(?:\s+for\s+(?:you|it|the account|the portal|him|her|them))?\s*,?\s+(?:it's|its|it is)\s+([^\s,;]{4,40})/gu);
/** How far a password said in words may run after its introduction. */
const SPOKEN_REACH = 80;
// capture 1: the password of a login pair "login is jsmith slash Tulip2020", "username jsmith, password ...".
const LOGIN_PAIR = trigger(/\b(?:login|log-in|user ?name|user id|credentials?)\s+(?:is|are|:)?\s*[^\s,;]+\s+(?:slash|\/|and then|then)\s+([^\s,;]{4,40})/gu);

export function detectPasswordPhrasings(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  // VALUE_BEFORE and COMMA_VALUE need "pass" (password, passcode, passphrase).
  const pass = ctx.lower.includes('pass');
  for (const match of pass ? triggers(ctx, VALUE_BEFORE) : []) {
    pushValue(ctx, findings, match, !/\bverbal|is my\b/u.test(match[0]), 'credential.password-before-label');
  }
  for (const match of pass ? triggers(ctx, COMMA_VALUE) : []) {
    pushValue(ctx, findings, match, true, 'credential.password-after-comma');
  }
  for (const match of triggers(ctx, LOGIN_PAIR)) {
    pushValue(ctx, findings, match, true, 'credential.login-pair');
  }
  for (const match of pass ? triggers(ctx, PASSWORD_ITS) : []) {
    pushValue(ctx, findings, match, true, 'credential.password-its');
  }
  for (const match of pass ? triggers(ctx, SPOKEN_BEFORE) : []) {
    const start = match.index + match[0].indexOf(match[1] ?? '', match[0].search(/\s/u));
    const end = start + (match[1] ?? '').trimEnd().length;
    // The words before the label are the value only when they read as a password said aloud.
    if (spokenPasswordEnd(ctx, start, end, true) === end) {
      findings.push(findingAt(ctx, start, end, 'CREDENTIAL', 0.88, 'credential.password-before-label'));
    }
  }
  return findings;
}

/** End of the line holding normalised index `from`, at most SPOKEN_REACH characters on. */
function lineLimit(ctx: DetectionContext, from: number): number {
  const newline = ctx.lower.indexOf('\n', from);
  return Math.min(newline < 0 ? ctx.lower.length : newline, from + SPOKEN_REACH);
}

// Module level, not a closure per call: this runs on every segment.
function pushValue(ctx: DetectionContext, findings: Finding[], match: RegExpExecArray, needsShape: boolean, rule: string): void {
  const value = match[1]?.replace(/[.!?]+$/u, (tail) => (tail.includes('!') ? tail.replace(/[.?]+$/u, '') : ''));
  if (value === undefined || value === '') {
    return;
  }
  const start = match.index + match[0].lastIndexOf(match[1] ?? '');
  const original = ctx.norm.text.slice(start, start + value.length);
  if (needsShape && !PASSWORD_TOKEN.test(original)) {
    // A password said in words from here ("harbor 89 at sign", "capital o, r b i, 6, 5").
    const spokenEnd = spokenPasswordEnd(ctx, start, lineLimit(ctx, start), true);
    if (spokenEnd !== undefined) {
      findings.push(findingAt(ctx, start, spokenEnd, 'CREDENTIAL', 0.85, `${rule}.spoken`));
    }
    return;
  }
  findings.push(findingAt(ctx, start, start + value.length, 'CREDENTIAL', 0.88, rule));
}
