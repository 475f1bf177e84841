/**
 * A same-run yardstick for throughput: a plain regex scanner over the same text (written
 * emails, card-like digit runs, SSN and phone shapes, long key-like tokens), the floor any
 * detector pays for reading the text once. Its findings are not scored; only its speed is used,
 * so CallVault's MB/s can be reported as a ratio that moves less with the machine's load than
 * MB/s do.
 */
const PATTERNS: readonly RegExp[] = [
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu,
  /\b\d(?:[ -]?\d){12,18}\b/gu,
  /\b\d{3}[- ]\d{2}[- ]\d{4}\b/gu,
  /(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}\b/gu,
  /\b[A-Za-z0-9_-]{20,}\b/gu,
];

/** Spans the patterns match (overlaps kept): what a regex-only redactor would cut. */
export function regexBaselineScan(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const re of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}
