/**
 * A transcript is scanned as one text, a segment per line, so a number split over two turns
 * ("... 0366." / "And then the last four are 1204.") is still seen whole. A finding that
 * crosses a line break is cut into one finding per segment: review, placeholders and audio
 * muting all work within one segment's words and times, and each part is still sensitive.
 */
import type { Finding } from './types';

// A pasted key block has line breaks of its own and is one value; speech never produces one.
const KEEPS_LINES = new Set<string>(['api-key.private-key']);

const isAlnum = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code > 127;
// Where a number goes on in a later segment; the talk before it ("And the last four are",
// another speaker's "Mm-hmm.") is not part of the value.
const ANNOUNCED = /^.*?\b(?:last|final|next|remaining|other|first) \w+(?: digits?| numbers?)?(?: (?:are|is|would be|will be))?\b/iu;
const NUMBERISH = /\d|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|double|triple|treble)\b/iu;

/** The findings with every one that crosses a "\n" cut at it; blank-only parts are dropped. */
export function splitAtLineBreaks(text: string, findings: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const firstBreak = text.indexOf('\n', finding.start);
    if (firstBreak < 0 || firstBreak >= finding.end || KEEPS_LINES.has(finding.rule)) {
      out.push(finding);
      continue;
    }
    const numeric = NUMBERISH.test(text.slice(finding.start, firstBreak));
    let from = finding.start;
    while (from < finding.end) {
      const br = text.indexOf('\n', from);
      const to = br < 0 || br >= finding.end ? finding.end : br;
      let start = from;
      if (numeric && from > finding.start) {
        const part = text.slice(from, to);
        const skip = ANNOUNCED.exec(part)?.[0].length ?? 0;
        const at = NUMBERISH.exec(part.slice(skip));
        start = at === null ? to : from + skip + at.index;
      }
      let end = to;
      while (start < end && !isAlnum(text.charCodeAt(start))) {
        start += 1;
      }
      while (end > start && !isAlnum(text.charCodeAt(end - 1))) {
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
