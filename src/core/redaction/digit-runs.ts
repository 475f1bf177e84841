/**
 * Digit runs: maximal stretches of digit groups in the normalised text, joined by the
 * separators people and recognisers put inside numbers ("4242 4242", "555-0199", "4 2 4 2",
 * "12/27", "1,200"). Detectors look at group-aligned windows of a run, so one run that glues
 * a card number to the expiry after it still yields the card.
 */
export interface DigitGroup {
  /** Normalised-text offsets. */
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

export interface DigitRun {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  readonly groups: readonly DigitGroup[];
  /** seps[k] separates groups[k] and groups[k + 1]; trimmed, a blank is ' '. */
  readonly seps: readonly string[];
}

export interface DigitWindow {
  readonly run: DigitRun;
  /** First and one-past-last group index. */
  readonly from: number;
  readonly to: number;
  readonly digits: string;
  readonly start: number;
  readonly end: number;
}

// Dots and slashes join only without blanks ("2.5", "12/27"); a blank after a full stop ends
// the number ("ends in 42. 5 more").
const RUN_RE = /\d+(?:(?: ?[-\u2013] ?|[./]|, ?| )\d+)*/gu;
const SEP_RE = /^(?: ?([-\u2013]) ?|([./])|(,) ?|( ))$/u;

export function findDigitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  for (const match of text.matchAll(RUN_RE)) {
    const start = match.index;
    const groups: DigitGroup[] = [];
    const seps: string[] = [];
    let lastEnd = -1;
    for (const group of match[0].matchAll(/\d+/gu)) {
      const groupStart = start + group.index;
      if (lastEnd >= 0) {
        const sep = SEP_RE.exec(text.slice(lastEnd, groupStart));
        seps.push(sep?.[1] ?? sep?.[2] ?? sep?.[3] ?? ' ');
      }
      groups.push({ start: groupStart, end: groupStart + group[0].length, digits: group[0] });
      lastEnd = groupStart + group[0].length;
    }
    runs.push({ start, end: start + match[0].length, digits: groups.map((g) => g.digits).join(''), groups, seps });
  }
  return runs;
}

export function makeWindow(run: DigitRun, from: number, to: number): DigitWindow {
  const first = run.groups[from];
  const last = run.groups[to - 1];
  if (first === undefined || last === undefined || from >= to) {
    throw new RangeError(`empty digit window ${from}..${to}`);
  }
  const digits = run.groups
    .slice(from, to)
    .map((g) => g.digits)
    .join('');
  return { run, from, to, digits, start: first.start, end: last.end };
}

/** All group-aligned windows whose digit count lies in [min, max], longest first per start. */
export function windowsOf(run: DigitRun, min: number, max: number): DigitWindow[] {
  const windows: DigitWindow[] = [];
  for (let from = 0; from < run.groups.length; from += 1) {
    let count = 0;
    const found: DigitWindow[] = [];
    for (let to = from + 1; to <= run.groups.length; to += 1) {
      count += run.groups[to - 1]?.digits.length ?? 0;
      if (count > max) {
        break;
      }
      if (count >= min) {
        found.push(makeWindow(run, from, to));
      }
    }
    windows.push(...found.reverse());
  }
  return windows;
}

/** "1,200" or "4,155,550,142": comma-grouped thousands with no blanks. */
export function isFormattedQuantity(text: string, run: DigitRun): boolean {
  if (run.groups.length < 2 || (run.groups[0]?.digits.length ?? 0) > 3) {
    return false;
  }
  return run.groups.every((group, index) => {
    if (index === 0) {
      return true;
    }
    const previous = run.groups[index - 1];
    return group.digits.length === 3 && previous !== undefined && text.slice(previous.end, group.start) === ',';
  });
}

/** Group sizes of a window, e.g. [3, 2, 4] for "123-45-6789". */
export function groupShape(window: DigitWindow): number[] {
  return window.run.groups.slice(window.from, window.to).map((g) => g.digits.length);
}

/** Separators inside a window. */
export function windowSeps(window: DigitWindow): string[] {
  return window.run.seps.slice(window.from, window.to - 1);
}

/** True when every group is one or two digits: the shape of digits read out one by one. */
export function isSpokenShape(window: DigitWindow): boolean {
  return groupShape(window).every((size) => size <= 2) && window.to - window.from > 2;
}
