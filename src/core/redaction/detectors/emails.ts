/**
 * Email addresses, written ("jane.doe@acme.com") and spoken ("jane dot doe at acme dot com",
 * "j smith forty two at gmail dot com"). A spoken address must end in a known top-level
 * domain after "dot": that is what keeps "meet at the office" from reading as an address.
 */
import { findingAt, findingAtOriginal, type DetectionContext } from '../context';
import type { Finding } from '../types';
import { execAll } from '../regex';

const WRITTEN_RE = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/gu;

const TLDS = 'com|org|net|edu|gov|mil|io|co|uk|us|de|fr|nl|es|it|ch|se|no|dk|fi|ie|be|at|pl|ca|au|nz|in|jp|ai|app|dev|info|biz|me|tech|cloud|health|bank|law';
const DOT = '(?:\\s+(?:dot|period|point)\\s+|\\.)';
const LABEL = "[a-z0-9]+(?:['-][a-z0-9]+)*(?:\\s+(?:dash|hyphen)\\s+[a-z0-9]+)*";
// The domain after "at": one or two labels per part, parts joined by "dot", ending in a TLD.
const SPOKEN_DOMAIN_RE = new RegExp(
  `\\s+(?:at|@)\\s+(?:${LABEL}(?:\\s${LABEL})?${DOT})+(?:${TLDS})\\b`,
  'gu',
);
const CONNECTOR = /^(?:dot|period|underscore|dash|hyphen|minus)$/u;
const LOCAL_TOKEN_RE = /[a-z0-9][a-z0-9._+'-]*/gu;
const STOP_WORDS = new Set([
  'is', 'email', 'e-mail', 'mail', 'address', 'me', 'my', 'your', 'to', 'at', 'it', 'its', 'it\'s', 'the', 'and', 'or',
  'send', 'reach', 'write', 'contact', 'was', 'be', 'use', 'try', 'either', 'also', 'just', 'so', 'that', 'by', 'on',
]);

export function detectEmails(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  if (ctx.original.includes('@')) {
    for (const match of execAll(WRITTEN_RE, ctx.original)) {
      findings.push(findingAtOriginal(match.index, match.index + match[0].length, 'EMAIL', 0.98, 'email.written'));
    }
  }
  // A spoken address needs "dot" (or a written dot) before its top-level domain.
  if (!/\bdot\b|\./u.test(ctx.lower)) {
    return findings;
  }
  for (const match of execAll(SPOKEN_DOMAIN_RE, ctx.lower)) {
    if (match[0].includes('@') && !/\s@\s/u.test(match[0])) {
      continue;
    }
    const localStart = spokenLocalPartStart(ctx.lower, match.index);
    if (localStart === undefined) {
      continue;
    }
    const end = match.index + match[0].length;
    const orig = { start: ctx.norm.origStart[localStart] ?? 0, end: ctx.norm.origEnd[end - 1] ?? 0 };
    if (!findings.some((f) => f.start < orig.end && orig.start < f.end)) {
      findings.push(findingAt(ctx, localStart, end, 'EMAIL', 0.9, 'email.spoken'));
    }
  }
  return findings;
}

/**
 * Walks back from " at " over the local part: one word, extended over spoken connectors
 * ("jane dot doe"), punctuation ("jane.doe") and spelled characters ("j a n e", "42").
 */
const ALL_DIGITS = /^\d+$/u;
const short = (value: string): boolean => value.length <= 2 || ALL_DIGITS.test(value);

function spokenLocalPartStart(lower: string, atIndex: number): number | undefined {
  const tokens = execAll(LOCAL_TOKEN_RE, lower.slice(Math.max(0, atIndex - 80), atIndex));
  const offset = Math.max(0, atIndex - 80);
  let i = tokens.length - 1;
  const last = tokens[i];
  if (last === undefined || STOP_WORDS.has(last[0])) {
    return undefined;
  }
  let start = offset + last.index;
  let previousShort = short(last[0]);
  i -= 1;
  while (i >= 0) {
    const token = tokens[i];
    const before = tokens[i - 1];
    if (token === undefined) {
      break;
    }
    if (CONNECTOR.test(token[0]) && before !== undefined && !STOP_WORDS.has(before[0])) {
      start = offset + before.index;
      previousShort = short(before[0]);
      i -= 2;
      continue;
    }
    // Spelled-out letters and digits continue the local part ("j smith 4 2", "j a n e").
    if ((short(token[0]) || previousShort) && !STOP_WORDS.has(token[0])) {
      start = offset + token.index;
      previousShort = short(token[0]);
      i -= 1;
      continue;
    }
    break;
  }
  return start;
}
