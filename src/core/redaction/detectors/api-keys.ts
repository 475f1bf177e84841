/**
 * API keys and tokens recognised by shape alone: vendor prefixes are distinctive enough that
 * no introduction is needed. Read on the original text, because a key is pasted, not spoken,
 * and its letters must not be touched by the number normaliser.
 */
import { findingAtOriginal, type DetectionContext } from '../context';
import type { Finding } from '../types';
import { execAll } from '../regex';

interface KeyShape {
  readonly rule: string;
  readonly re: RegExp;
  readonly score: number;
  /** Literals of which one must occur for `re` to match (lower-cased text when `re` ignores case). */
  readonly cues: readonly string[];
}

const SHAPES: readonly KeyShape[] = [
  // An unterminated block is still redacted to the end of the text: fail closed.
  { rule: 'api-key.private-key', re: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)/gu, score: 0.99, cues: ['-----BEGIN'] },
  { rule: 'api-key.aws-access-key', re: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/gu, score: 0.98, cues: ['AKIA', 'ASIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA'] },
  { rule: 'api-key.aws-secret', re: /\baws_secret_access_key\s*[=:]\s*[A-Za-z0-9/+]{40}\b/giu, score: 0.98, cues: ['aws_secret_access_key'] },
  // The secret pasted right after its access key id: "AKIA... / wJalr...", "AKIA...:wJalr...".
  {
    rule: 'api-key.aws-secret-pair',
    re: /(?<=\b(?:AKIA|ASIA)[A-Z0-9]{16}(?:\s*[/:,;|]\s*|\s+(?:and|secret|with)?\s*))(?=[A-Za-z0-9/+]{0,39}[0-9])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gu,
    score: 0.97,
    cues: ['AKIA', 'ASIA'],
  },
  { rule: 'api-key.stripe', re: /\b(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b/gu, score: 0.99, cues: ['_live_', '_test_'] },
  { rule: 'api-key.stripe-webhook', re: /\bwhsec_[A-Za-z0-9]{24,}\b/gu, score: 0.99, cues: ['whsec_'] },
  { rule: 'api-key.github', re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/gu, score: 0.99, cues: ['gh', 'github_pat_'] },
  { rule: 'api-key.jwt', re: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/gu, score: 0.97, cues: ['eyJ'] },
  { rule: 'api-key.slack', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/gu, score: 0.98, cues: ['xox'] },
  { rule: 'api-key.google', re: /\bAIza[0-9A-Za-z_-]{35}\b/gu, score: 0.97, cues: ['AIza'] },
  { rule: 'api-key.openai', re: /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}\b/gu, score: 0.95, cues: ['sk-'] },
  { rule: 'api-key.npm', re: /\bnpm_[A-Za-z0-9]{36}\b/gu, score: 0.98, cues: ['npm_'] },
];

// "api key is <token>": a long mixed token after a key word, whatever the vendor.
const GENERIC_RE =
  /\b(?:api[ _-]?key|secret(?: key)?|access token|auth token|bearer(?: token)?|client secret|token)(?:\s+(?:is|was)|\s*[:=])?\s+["']?([A-Za-z0-9_\-./+=]{20,})/giu;

/** Characters of a key token: A-Z a-z 0-9 _ - . / + = */
function isKeyChar(code: number): boolean {
  return (
    (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 47 && code <= 57) || code === 95 || code === 45 || code === 46 || code === 43 || code === 61
  );
}

/** Every shape is a long unbroken token (16+ key characters) or a PEM block; most sentences have neither. */
function mayHoldKey(text: string): boolean {
  let streak = 0;
  for (let i = 0; i < text.length; i += 1) {
    streak = isKeyChar(text.charCodeAt(i)) ? streak + 1 : 0;
    if (streak >= 16) {
      return true;
    }
  }
  return text.includes('-----BEGIN');
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 127) {
      return false;
    }
  }
  return true;
}

/**
 * Literal pre-checks that skip a key regex when its fixed part is absent. Case-insensitive
 * regexes fold a few non-ASCII letters onto ASCII ones (Kelvin sign, long s), so for text
 * with non-ASCII characters those regexes always run.
 */
class CueText {
  private lower: string | undefined;
  private readonly ascii: boolean;

  constructor(private readonly text: string) {
    this.ascii = isAscii(text);
  }

  has(cues: readonly string[], caseless: boolean): boolean {
    if (caseless && !this.ascii) {
      return true;
    }
    const text = caseless ? (this.lower ??= this.text.toLowerCase()) : this.text;
    return cues.some((cue) => text.includes(cue));
  }
}

// Words of which one must occur for GENERIC_RE to match: "api key", "secret", "token", "bearer".
const GENERIC_CUES = ['key', 'secret', 'token', 'bearer'];

export function detectApiKeys(ctx: DetectionContext): Finding[] {
  const findings: Finding[] = [];
  if (!mayHoldKey(ctx.original)) {
    return findings;
  }
  const text = new CueText(ctx.original);
  for (const shape of SHAPES) {
    if (!text.has(shape.cues, shape.re.ignoreCase)) {
      continue;
    }
    for (const match of execAll(shape.re, ctx.original)) {
      findings.push(findingAtOriginal(match.index, match.index + match[0].length, 'API_KEY', shape.score, shape.rule));
    }
  }
  for (const match of text.has(GENERIC_CUES, true) ? execAll(GENERIC_RE, ctx.original) : []) {
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
