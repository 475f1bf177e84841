/**
 * Digit runs: maximal stretches of digit groups in the normalised text, joined by the
 * separators people and recognisers put inside numbers ("4242 4242", "555-0199", "4 2 4 2",
 * "12/27", "1,200"). Detectors look at group-aligned windows of a run, so one run that glues
 * a card number to the expiry after it still yields the card.
 */
import { bridgeBetween, maskAnnouncements } from './digit-bridges';

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
  /** seps[k] separates groups[k] and groups[k + 1]; trimmed, a blank is ' ', filler talk is PAUSE. */
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

// A run is digit groups joined by " - ", "-", "–", "." or "/" (no blanks: "2.5", "12/27"),
// ", " or "," and single blanks: the regex /\d+(?:(?: ?[-–] ?|[./]|, ?| )\d+)*/ read by hand,
// because it runs on every segment. A blank after a full stop ends the number ("ends in 42.
// 5 more") unless both sides were spoken (see digit-bridges).
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
const isDash = (code: number): boolean => code === 45 || code === 0x2013;

/** Length of the separator at `at` when a digit follows it, and the separator recorded. */
function separatorAt(scan: string, at: number): readonly [number, string] | undefined {
  const c0 = scan.charCodeAt(at);
  const c1 = scan.charCodeAt(at + 1);
  // " ?[-–] ?" then a digit.
  const dashAt = c0 === 32 && isDash(c1) ? at + 1 : isDash(c0) ? at : -1;
  if (dashAt >= 0) {
    const afterDash = scan.charCodeAt(dashAt + 1);
    if (afterDash === 32 && isDigit(scan.charCodeAt(dashAt + 2))) {
      return [dashAt + 2 - at, scan.charAt(dashAt)];
    }
    if (isDigit(afterDash)) {
      return [dashAt + 1 - at, scan.charAt(dashAt)];
    }
  }
  if ((c0 === 46 || c0 === 47) && isDigit(c1)) {
    return [1, scan.charAt(at)];
  }
  if (c0 === 44) {
    if (c1 === 32 && isDigit(scan.charCodeAt(at + 2))) {
      return [2, ','];
    }
    return isDigit(c1) ? [1, ','] : undefined;
  }
  return c0 === 32 && isDigit(c1) ? [1, ' '] : undefined;
}

interface OpenRun {
  start: number;
  end: number;
  groups: DigitGroup[];
  seps: string[];
}

function basicRuns(scan: string): OpenRun[] {
  const runs: OpenRun[] = [];
  const n = scan.length;
  let i = 0;
  while (i < n) {
    if (!isDigit(scan.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const start = i;
    const groups: DigitGroup[] = [];
    const seps: string[] = [];
    for (;;) {
      const groupStart = i;
      while (i < n && isDigit(scan.charCodeAt(i))) {
        i += 1;
      }
      groups.push({ start: groupStart, end: i, digits: scan.slice(groupStart, i) });
      const sep = separatorAt(scan, i);
      if (sep === undefined) {
        break;
      }
      seps.push(sep[1]);
      i += sep[0];
    }
    runs.push({ start, end: i, groups, seps });
  }
  return runs;
}

/** Separator recorded between two runs joined across filler talk ("4862, uh, 6556"). */
export const PAUSE = '~';

/**
 * Index of the first group of the trailing phrase: the groups after the last pause or comma,
 * or only the last group when it was written as a block ("4862 6556 3704" -> "3704").
 */
function lastPhraseStart(run: OpenRun): number {
  let k = run.groups.length - 1;
  while (k > 0) {
    const sep = run.seps[k - 1];
    const joined = sep === ' ' && (run.groups[k]?.digits.length ?? 0) <= 2 && (run.groups[k - 1]?.digits.length ?? 0) <= 2;
    if (!joined) {
      break;
    }
    k -= 1;
  }
  return k;
}

/** Written blocks of the same size (3-4 digits) on both sides: "4111. 1111." cut by the recogniser. */
function equalBlocks(open: OpenRun, next: OpenRun): boolean {
  const last = open.groups[open.groups.length - 1]?.digits.length ?? 0;
  const first = next.groups[0]?.digits.length ?? 0;
  return last === first && last >= 3 && last <= 4;
}

/** Digits in the run's trailing phrase (digits read one or two at a time count together). */
function lastPhraseSize(run: OpenRun): number {
  let size = 0;
  for (let k = lastPhraseStart(run); k < run.groups.length; k += 1) {
    size += run.groups[k]?.digits.length ?? 0;
  }
  return size;
}

/** Digits in the run's leading phrase. */
function firstPhraseSize(run: OpenRun): number {
  let size = run.groups[0]?.digits.length ?? 0;
  for (let k = 1; k < run.groups.length; k += 1) {
    const joined = run.seps[k - 1] === ' ' && (run.groups[k]?.digits.length ?? 0) <= 2 && (run.groups[k - 1]?.digits.length ?? 0) <= 2;
    if (!joined) {
      break;
    }
    size += run.groups[k]?.digits.length ?? 0;
  }
  return size;
}

// Nothing but a sentence mark between two parts: "404. 209. 4223", "zero three oh. 38. nine five".
const BARE_STOP_RE = /^[.?!][^\S\n\r\u2028\u2029]+$/u;

/**
 * Parts of one number the recogniser cut into sentences: only a full stop between them, each
 * part two to five digits, and the number read in words (either part, or where it began) or
 * both parts at least three digits ("ends in 42. 5 more" stays two numbers).
 */
function cutIntoSentences(gap: string, open: OpenRun, next: OpenRun, spokenEither: boolean): boolean {
  if (!BARE_STOP_RE.test(gap)) {
    return false;
  }
  const last = lastPhraseSize(open);
  const first = firstPhraseSize(next);
  return last >= 2 && last <= 5 && first >= 2 && first <= 5 && (spokenEither || (last >= 3 && first >= 3));
}

function closeRun(run: OpenRun): DigitRun {
  return { start: run.start, end: run.end, digits: run.groups.map((g) => g.digits).join(''), groups: run.groups, seps: run.seps };
}

/**
 * Finds the digit runs of a normalised text. `spokenAt(i)` says whether the digit at index i
 * came from a spoken number word; sentence breaks join only spoken digits.
 */
export function findDigitRuns(
  text: string,
  spokenAt: (index: number) => boolean = () => false,
  applyCorrections = true,
  /** Set to true when a self-correction replaced a fragment (so reading without corrections differs). */
  corrected: { value: boolean } = { value: false },
): DigitRun[] {
  const scan = maskAnnouncements(text.toLowerCase());
  const runs: DigitRun[] = [];
  let open: OpenRun | undefined;
  for (const next of basicRuns(scan)) {
    // "$4,500, uh, 4,800": formatted amounts stay apart, so they are still recognised as amounts.
    if (open !== undefined && !isFormattedQuantity(text, open) && !isFormattedQuantity(text, next)) {
      const gap = scan.slice(open.end, next.start);
      const spokenBefore = spokenAt(open.end - 1);
      const spokenAfter = spokenAt(next.start);
      const parts = equalBlocks(open, next) || cutIntoSentences(gap, open, next, spokenBefore || spokenAfter || spokenAt(open.start));
      const verdict = bridgeBetween(gap, spokenBefore && spokenAfter, parts);
      if (verdict.joins) {
        if (verdict.corrects && applyCorrections) {
          corrected.value = true;
          // The corrected group replaces the abandoned fragment (or the whole number, when the
          // caller starts it again); the span still covers both.
          const from = open.groups[0]?.digits === next.groups[0]?.digits && open.groups.length > 1 ? 0 : lastPhraseStart(open);
          open.groups.splice(from);
          open.seps.splice(Math.max(0, from - 1));
        }
        if (open.groups.length > 0) {
          open.seps.push(PAUSE);
        }
        open.groups.push(...next.groups);
        open.seps.push(...next.seps);
        open.end = next.end;
        continue;
      }
    }
    if (open !== undefined) {
      runs.push(closeRun(open));
    }
    open = next;
  }
  if (open !== undefined) {
    runs.push(closeRun(open));
  }
  return runs;
}

export function makeWindow(run: DigitRun, from: number, to: number): DigitWindow {
  const first = run.groups[from];
  const last = run.groups[to - 1];
  if (first === undefined || last === undefined || from >= to) {
    throw new RangeError(`empty digit window ${from}..${to}`);
  }
  let offset = 0;
  for (let k = 0; k < from; k += 1) {
    offset += run.groups[k]?.digits.length ?? 0;
  }
  let length = 0;
  for (let k = from; k < to; k += 1) {
    length += run.groups[k]?.digits.length ?? 0;
  }
  // run.digits is its groups' digits concatenated, so a window's digits are a slice of it.
  // A window from the first group also covers a fragment the caller took back before it.
  return { run, from, to, digits: run.digits.slice(offset, offset + length), start: from === 0 ? run.start : first.start, end: last.end };
}

/** All group-aligned windows whose digit count lies in [min, max], longest first per start. */
export function windowsOf(run: DigitRun, min: number, max: number): DigitWindow[] {
  const windows: DigitWindow[] = [];
  if (run.digits.length < min) {
    return windows;
  }
  const groups = run.groups;
  let offset = 0;
  for (let from = 0; from < groups.length; offset += groups[from]?.digits.length ?? 0, from += 1) {
    // Longest first per start: find the last group that still fits, then walk back.
    let count = 0;
    let to = from;
    while (to < groups.length && count + (groups[to]?.digits.length ?? 0) <= max) {
      count += groups[to]?.digits.length ?? 0;
      to += 1;
    }
    const first = groups[from];
    for (; to > from && count >= min; to -= 1) {
      const last = groups[to - 1];
      if (first === undefined || last === undefined) {
        break;
      }
      windows.push({ run, from, to, digits: run.digits.slice(offset, offset + count), start: from === 0 ? run.start : first.start, end: last.end });
      count -= last.digits.length;
    }
  }
  return windows;
}

/** "1,200" or "4,155,550,142": comma-grouped thousands with no blanks. */
export function isFormattedQuantity(text: string, run: Pick<DigitRun, 'groups'>): boolean {
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

/**
 * Sizes of the spoken or written phrases of a window: digits said one or two at a time and
 * joined by blanks form one phrase ("4 1 5, 5 5 5, 0 1 4 2" -> [3, 3, 4]); a written block is
 * a phrase of its own ("415 555 0142" -> [3, 3, 4]).
 */
export function phraseShape(window: DigitWindow): number[] {
  const groups = window.run.groups;
  const sizes: number[] = [];
  let current = 0;
  for (let k = window.from; k < window.to; k += 1) {
    const size = groups[k]?.digits.length ?? 0;
    if (k > window.from) {
      const joined = window.run.seps[k - 1] === ' ' && size <= 2 && (groups[k - 1]?.digits.length ?? 0) <= 2;
      if (!joined) {
        sizes.push(current);
        current = 0;
      }
    }
    current += size;
  }
  sizes.push(current);
  return sizes;
}
