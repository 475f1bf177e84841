/**
 * A transcript is scanned as one text, a segment per line, so a number split over two turns
 * ("... 0366." / "And then the last four are 1204.") is still seen whole. A finding that
 * crosses a line break is cut into one finding per segment: review, placeholders and audio
 * muting all work within one segment's words and times, and each part is still sensitive.
 */
import type { Finding } from './types';

// A pasted key block has line breaks of its own and is one value; speech never produces one.
const KEEPS_LINES = new Set<string>(['api-key.private-key']);

const isBlank = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 160;

/** The findings with every one that crosses a "\n" cut at it; blank-only parts are dropped. */
export function splitAtLineBreaks(text: string, findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const firstBreak = text.indexOf('\n', finding.start);
    if (firstBreak < 0 || firstBreak >= finding.end || KEEPS_LINES.has(finding.rule)) {
      out.push(finding);
      continue;
    }
    let from = finding.start;
    while (from < finding.end) {
      const br = text.indexOf('\n', from);
      const to = br < 0 || br >= finding.end ? finding.end : br;
      let start = from;
      let end = to;
      while (start < end && isBlank(text.charCodeAt(start))) {
        start += 1;
      }
      while (end > start && isBlank(text.charCodeAt(end - 1))) {
        end -= 1;
      }
      if (end > start) {
        out.push({ ...finding, start, end });
      }
      from = to + 1;
    }
  }
  return out;
}
