/**
 * A new password given without the word "password": "I changed it to Marble#88", "reset it to
 * ...". The value must read as a password (letters with digits or symbols, 6+ characters, not a
 * version, quarter or date), since "changed it to Tuesday" or "set it to 30 days" are not secrets.
 * Said in words, it needs a spoken symbol, case word or spelled letters.
 */
import { findingAt, triggers, type DetectionContext } from '../context';
import { trigger } from '../trigger-index';
import { spokenPasswordEnd } from '../spoken-password';
import type { Finding } from '../types';

const CHANGED_IT_TO = trigger(/\b(?:reset|changed?|set|updated?|switched) it to\s+/gu);
const VALUE_RE = /^[^\s,;]+/u;
const PASSWORD_SHAPE = /^(?=.*[A-Za-z])(?=.*(?:\d|[^\sA-Za-z0-9]))(?!(?:v|version|q|fy|h)\d)[^\s]{6,}$/u;
const NOT_A_SECRET = /^\d+(?:[.,:/-]\d+)*$/u;

export function detectPasswordChangedIt(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  const text = ctx.norm.text;
  for (const trigger of triggers(ctx, CHANGED_IT_TO)) {
    const start = trigger.index + trigger[0].length;
    const raw = VALUE_RE.exec(text.slice(start, start + 64))?.[0] ?? '';
    const value = raw.replace(/[.?]+$/u, '');
    if (PASSWORD_SHAPE.test(value) && !NOT_A_SECRET.test(value.toLowerCase())) {
      findings.push(findingAt(ctx, start, start + value.length, 'CREDENTIAL', 0.85, 'credential.changed-it'));
      continue;
    }
    // Said in words: "I set it to sunflower 37 dollar sign", "capital t igerlily 1 2 exclamation point".
    const lineEnd = ctx.lower.indexOf('\n', start);
    const end = spokenPasswordEnd(ctx, start, lineEnd < 0 ? ctx.lower.length : lineEnd, true);
    if (end !== undefined) {
      findings.push(findingAt(ctx, start, end, 'CREDENTIAL', 0.8, 'credential.changed-it-spoken'));
    }
  }
  return findings;
}
