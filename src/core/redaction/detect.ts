/**
 * Runs every detector family over one transcript text and resolves overlaps. A finding is
 * dropped only when stronger findings already cover all of it, so resolving never leaves a
 * sensitive character unredacted.
 */
import { buildContext, type DetectionContext } from './context';
import { detectApiKeys } from './detectors/api-keys';
import { detectBanking } from './detectors/banking';
import { detectCards } from './detectors/cards';
import { detectCredentials } from './detectors/credentials';
import { detectEmails } from './detectors/emails';
import { detectGovernmentIds } from './detectors/government-ids';
import { detectPersonal } from './detectors/personal';
import { detectPhones } from './detectors/phones';
import { compareFindings, type Finding } from './types';

type Detector = (ctx: DetectionContext) => Finding[];

/** Detectors that can find something in text without a single digit. */
const ALWAYS: readonly Detector[] = [detectApiKeys, detectEmails, detectCredentials];
/** Detectors whose every finding contains digits: skipped for digit-free text (most speech). */
const NUMERIC: readonly Detector[] = [detectBanking, detectCards, detectGovernmentIds, detectPersonal, detectPhones];

export function detectSensitive(text: string): Finding[] {
  if (text.length === 0) {
    return [];
  }
  const ctx = buildContext(text);
  const detectors = ctx.runs.length === 0 ? ALWAYS : [...ALWAYS, ...NUMERIC];
  const all = detectors.flatMap((detect) => detect(ctx)).filter((f) => f.end > f.start);
  return resolveOverlaps(all);
}

export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const byStrength = [...findings].sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start));
  const kept: Finding[] = [];
  for (const finding of byStrength) {
    if (!coveredBy(finding, kept)) {
      kept.push(finding);
    }
  }
  return kept.sort(compareFindings);
}

function coveredBy(finding: Finding, others: readonly Finding[]): boolean {
  let cursor = finding.start;
  const overlapping = others.filter((o) => o.start < finding.end && finding.start < o.end).sort(compareFindings);
  for (const other of overlapping) {
    if (other.start > cursor) {
      return false;
    }
    cursor = Math.max(cursor, other.end);
    if (cursor >= finding.end) {
      return true;
    }
  }
  return cursor >= finding.end;
}
