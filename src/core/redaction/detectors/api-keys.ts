/**
 * API keys and tokens recognised by shape alone: vendor prefixes are distinctive enough that
 * no introduction is needed. Read on the original text, because a key is pasted, not spoken,
 * and its letters must not be touched by the number normaliser.
 */
import { findingAtOriginal, type DetectionContext } from '../context';
import type { Finding } from '../types';

interface KeyShape {
  readonly rule: string;
  readonly re: RegExp;
  readonly score: number;
}

const SHAPES: readonly KeyShape[] = [
  // An unterminated block is still redacted to the end of the text: fail closed.
  { rule: 'api-key.private-key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/gu, score: 0.99 },
  { rule: 'api-key.aws-access-key', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/gu, score: 0.98 },
  { rule: 'api-key.aws-secret', re: /\baws_secret_access_key\s*[=:]\s*[A-Za-z0-9/+]{40}\b/giu, score: 0.98 },
  { rule: 'api-key.stripe', re: /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/gu, score: 0.99 },
  { rule: 'api-key.stripe-webhook', re: /\bwhsec_[A-Za-z0-9]{24,}\b/gu, score: 0.99 },
  { rule: 'api-key.github', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/gu, score: 0.99 },
  { rule: 'api-key.jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/gu, score: 0.97 },
  { rule: 'api-key.slack', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/gu, score: 0.98 },
  { rule: 'api-key.google', re: /\bAIza[0-9A-Za-z_-]{35}\b/gu, score: 0.97 },
  { rule: 'api-key.openai', re: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b/gu, score: 0.95 },
  { rule: 'api-key.npm', re: /\bnpm_[A-Za-z0-9]{36}\b/gu, score: 0.98 },
];

// "api key is <token>": a long mixed token after a key word, whatever the vendor.
const GENERIC_RE =
  /\b(?:api[ _-]?key|secret(?: key)?|access token|auth token|bearer(?: token)?|client secret|token)(?:\s+(?:is|was)|\s*[:=])?\s+["']?([A-Za-z0-9_\-./+=]{20,})/giu;

// Every shape is a long unbroken token or a PEM block; most sentences have neither.
const MAY_HOLD_KEY = /[A-Za-z0-9_\-./+=]{16}|-----BEGIN/u;

export function detectApiKeys(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  if (!MAY_HOLD_KEY.test(ctx.original)) {
    return findings;
  }
  for (const shape of SHAPES) {
    for (const match of ctx.original.matchAll(shape.re)) {
      findings.push(findingAtOriginal(match.index, match.index + match[0].length, 'API_KEY', shape.score, shape.rule));
    }
  }
  for (const match of ctx.original.matchAll(GENERIC_RE)) {
    const token = match[1] ?? '';
    // Mixed letters and digits: a secret, not a long word or a URL path of words.
    if (!/\d/u.test(token) || !/[A-Za-z]/u.test(token) || /^https?:/u.test(token)) {
      continue;
    }
    const start = match.index + match[0].length - token.length;
    findings.push(findingAtOriginal(start, start + token.length, 'API_KEY', 0.85, 'api-key.generic'));
  }
  return findings;
}
