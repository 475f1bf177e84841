/**
 * Runs every detector family over one transcript text and resolves overlaps. A finding is
 * dropped only when stronger findings already cover all of it, so resolving never leaves a
 * sensitive character unredacted.
 */
import { buildContext, type DetectionContext } from './context';
import { detectAnswers } from './detectors/answers';
import { detectApiKeys } from './detectors/api-keys';
import { detectBanking } from './detectors/banking';
import { detectCards } from './detectors/cards';
import { detectCredentials } from './detectors/credentials';
import { detectEmails } from './detectors/emails';
import { detectGovernmentIds } from './detectors/government-ids';
import { detectPersonal } from './detectors/personal';
import { detectPhones } from './detectors/phones';
import { detectSpelledKeys } from './detectors/spelled-keys';
import { splitAtLineBreaks } from './segment-split';
import { compareFindings, type Finding } from './types';

type Detector = (ctx: DetectionContext) => Finding[];

/** Detectors that can find something in text without a single digit. */
const ALWAYS: readonly Detector[] = [detectApiKeys, detectSpelledKeys, detectEmails, detectCredentials, detectAnswers];
/** Detectors whose every finding contains digits: skipped for digit-free text (most speech). */
const NUMERIC: readonly Detector[] = [detectBanking, detectCards, detectGovernmentIds, detectPersonal, detectPhones];

/**
 * Findings in `text`, a transcript laid out a segment per line (or any single text). Values may
 * run across a line break; their findings are cut at it, one per segment.
 */
export function detectSensitive(text: string): Finding[] {
  if (text.length === 0) {
    return [];
  }
  const ctx = buildContext(text);
  const all: Finding[] = [];
  collect(all, ALWAYS, ctx);
  if (ctx.runs.length > 0) {
    collect(all, NUMERIC, ctx);
  }
  return splitAtLineBreaks(text, resolveOverlaps(all));
}

function collect(into: Finding[], detectors: readonly Detector[], ctx: DetectionContext): void {
  for (const detect of detectors) {
    for (const finding of detect(ctx)) {
      if (finding.end > finding.start) {
        into.push(finding);
      }
    }
  }
}

export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  if (findings.length < 2) {
    // One finding is kept unless it is empty, exactly as the general path below decides.
    return findings.filter((f) => f.end > f.start);
  }
  const byStrength = [...findings].sort((a, b) => b.confidence - a.confidence || b.end - b.start - (a.end - a.start));
  const kept = new KeptFindings();
  for (const finding of byStrength) {
    if (!kept.covers(finding)) {
      kept.add(finding);
    }
  }
  return kept.all.sort(compareFindings);
}

/**
 * Findings kept so far, also ordered by start so that the ones overlapping a candidate are
 * found by binary search instead of a scan of all of them (long transcripts have thousands).
 */
class KeptFindings {
  readonly all: Finding[] = [];
  private readonly byStart: Finding[] = [];
  private longest = 0;

  /** Index of the first kept finding whose start is >= `start`. */
  private firstFrom(start: number): number {
    let lo = 0;
    let hi = this.byStart.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.byStart[mid]?.start ?? 0) < start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  add(finding: Finding): void {
    this.all.push(finding);
    this.byStart.splice(this.firstFrom(finding.start), 0, finding);
    this.longest = Math.max(this.longest, finding.end - finding.start);
  }

  /** True when kept findings cover every character of `finding` (an empty one always is). */
  covers(finding: Finding): boolean {
    let cursor = finding.start;
    if (cursor >= finding.end) {
      return true;
    }
    // Only findings starting after finding.start - longest can reach into it.
    for (let i = this.firstFrom(finding.start - this.longest + 1); i < this.byStart.length; i += 1) {
      const other = this.byStart[i];
      if (other === undefined || other.start >= finding.end) {
        break;
      }
      if (other.end <= finding.start) {
        continue;
      }
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
}
