/**
 * The one normalisation that search applies to indexed text and to queries alike, so that a
 * number matches whichever way it was written: "4242", "4,242", "four two four two", "forty-two
 * forty-two" and "four thousand two hundred forty-two" all become the digit terms 4 2 4 2;
 * "twenty" and "20" both become 2 0; "three point five" and "3.5" become 3 point 5; "21st" and
 * "twenty-first" become 2 1 th. Every number is spelled as its digits, one term per digit, so a
 * phrase of digits also finds the same digits inside a longer number (the last four digits of a
 * card number find the whole number; "20" also finds "2020").
 *
 * Words are case-folded, stripped of accents and apostrophes. Each term keeps the character span
 * of the text it came from, so matches can be highlighted in the original text. Terms hold
 * letters and digits only: nothing in a term can be read as full-text query syntax.
 */

export interface SearchTerm {
  /** Letters and digits only, lower case, no accents. */
  readonly term: string;
  /** The span in the original text this term was read from. */
  readonly start: number;
  readonly end: number;
  /** Terms read from one uninterrupted number share a run id; other terms have none. */
  readonly run?: number;
}

interface Atom {
  /** Folded text of the atom: digits, or lower-case letters. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly digits: boolean;
  /** The characters between the previous atom and this one (in the original text). */
  readonly gap: string;
  /** Directly attached to the previous atom ("20k", "1st"): no character between them. */
  readonly attached: boolean;
  /** For digits: each digit's span in the original text. */
  readonly spans?: readonly { start: number; end: number }[];
}

const UNITS: Readonly<Record<string, number>> = { zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
const TEENS: Readonly<Record<string, number>> = { ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19 };
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const SCALES: Readonly<Record<string, number>> = { hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000 };
const ORDINALS: Readonly<Record<string, string>> = {
  first: 'one', second: 'two', third: 'three', fourth: 'four', fifth: 'five', sixth: 'six', seventh: 'seven', eighth: 'eight', ninth: 'nine',
  tenth: 'ten', eleventh: 'eleven', twelfth: 'twelve', thirteenth: 'thirteen', fourteenth: 'fourteen', fifteenth: 'fifteen', sixteenth: 'sixteen',
  seventeenth: 'seventeen', eighteenth: 'eighteen', nineteenth: 'nineteen', twentieth: 'twenty', thirtieth: 'thirty', fortieth: 'forty',
  fiftieth: 'fifty', sixtieth: 'sixty', seventieth: 'seventy', eightieth: 'eighty', ninetieth: 'ninety', hundredth: 'hundred', thousandth: 'thousand',
  millionth: 'million', billionth: 'billion',
};
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);
const REPEATS: ReadonlyMap<string, number> = new Map([['double', 2], ['triple', 3]]);
const ORDINAL_TERM = 'th';
const POINT_TERM = 'point';

/** A word's folded form: NFKD, no combining marks, lower case, no apostrophes. */
export function foldWord(word: string): string {
  if (/^[a-z]+$/.test(word)) {
    return word;
  }
  if (/^[\x20-\x7e]+$/.test(word)) {
    return word.toLowerCase().replaceAll("'", '');
  }
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/['’ʼ]/g, '');
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu;

/** Splits text into atoms: runs of digits and runs of letters, each with its original span. */
function atomsOf(text: string): Atom[] {
  const atoms: Atom[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const at = match.index;
    if (/^[A-Za-z]+$/.test(word)) {
      // The common case: one atom of ASCII letters.
      atoms.push({ text: foldWord(word), start: at, end: at + word.length, digits: false, gap: text.slice(last, at), attached: false });
      last = at + word.length;
      continue;
    }
    let first = true;
    for (const part of word.matchAll(/\p{Nd}+|[^\p{Nd}]+/gu)) {
      const start = at + part.index;
      const end = start + part[0].length;
      const digits = /^\p{Nd}/u.test(part[0]);
      const folded = digits ? asciiDigits(part[0]) : foldWord(part[0]);
      if (folded !== '') {
        const atom = { text: folded, start, end, digits, gap: text.slice(last, start), attached: !first && last === start };
        atoms.push(digits ? { ...atom, spans: charSpans(part[0], start) } : atom);
      }
      last = end;
      first = false;
    }
  }
  return atoms;
}

/** Where each script's block of ten decimal digits starts (ASCII and fullwidth fold by NFKD). */
const DIGIT_ZEROS = [0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0];

/** Decimal digits of any script as ASCII digits, leading zeros kept. */
function asciiDigits(digits: string): string {
  let out = '';
  for (const ch of digits.normalize('NFKD')) {
    const cp = ch.codePointAt(0) ?? 0x30;
    const zero = DIGIT_ZEROS.findLast((z) => z <= cp && cp - z < 10);
    out += String(zero === undefined ? 0 : cp - zero);
  }
  return out;
}

/** The span of each character (code point) of `raw`, which starts at `at`. */
function charSpans(raw: string, at: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let cursor = at;
  for (const ch of raw) {
    spans.push({ start: cursor, end: cursor + ch.length });
    cursor += ch.length;
  }
  return spans;
}

type Kind = 'unit' | 'teen' | 'tens' | 'hundred' | 'scale';

type NumberWord = { readonly kind: Kind; readonly value: number; readonly ordinal: boolean };

/** Every number word (cardinal and ordinal) by its folded spelling, looked up once per word. */
const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = (() => {
  const map = new Map<string, NumberWord>();
  const add = (table: Readonly<Record<string, number>>, kind: (value: number) => Kind): void => {
    for (const [word, value] of Object.entries(table)) {
      map.set(word, { kind: kind(value), value, ordinal: false });
    }
  };
  add(UNITS, () => 'unit');
  add(TEENS, () => 'teen');
  add(TENS, () => 'tens');
  add(SCALES, (value) => (value === 100 ? 'hundred' : 'scale'));
  for (const [ordinal, base] of Object.entries(ORDINALS)) {
    const cardinal = map.get(base);
    if (cardinal) {
      map.set(ordinal, { ...cardinal, ordinal: true });
    }
  }
  return map;
})();

/** A cardinal number word (not an ordinal), or undefined. */
function wordKind(word: string): NumberWord | undefined {
  const found = NUMBER_WORDS.get(word);
  return found?.ordinal === false ? found : undefined;
}

/** A number word, an ordinal number word, or neither. */
function numberWord(word: string): NumberWord | undefined {
  return NUMBER_WORDS.get(word);
}

/** Word numbers combine only across spaces and hyphens ("forty-two"), never across punctuation. */
const JOINS = /^[\s\-\u2010\u2011\u2013]*$/u;
/** A number run goes on across spaces, hyphens, commas, slashes and full stops. */
const RUN_GAP = /^[\s\-\u2010\u2011\u2013,/.]*$/u;

interface Point {
  readonly point: true;
  readonly start: number;
  readonly end: number;
}

interface Group {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
  /** Each digit's own span, when the group was written in digits. */
  readonly spans?: readonly { start: number; end: number }[] | undefined;
  readonly ordinal?: boolean;
}

/** A number said in words, being read: `total` (whole scales) plus `current` (below 1000). */
interface Open {
  readonly total: number;
  readonly current: number;
  readonly last: Kind;
  /** The last scale word applied; a later one must be smaller ("two million three thousand"). */
  readonly lastScale: number;
  readonly start: number;
  readonly end: number;
  readonly ordinal: boolean;
}

function unitDigit(word: string): string | undefined {
  const found = wordKind(word);
  return found?.kind === 'unit' ? String(found.value) : undefined;
}

/** Words that may start a number run besides number words themselves. */
const STARTS_NUMBER = new Set(['a', 'double', 'triple']);

const isZeroWord = (word: string): boolean => word === 'oh' || word === 'o';

/**
 * Reads the atoms from `i` as one number run, if one starts there, and returns its groups (each
 * spelled in digits) and the index after it. A run is a sequence of numbers written in words or
 * digits; within it, word numbers combine the way they are said ("forty two" is 42, "twelve
 * hundred" is 1200, "four thousand two hundred" is 4200), and a new number starts where they
 * cannot ("four two" is 4 then 2, "twenty twenty" is 20 then 20).
 */
function readRun(atoms: readonly Atom[], i: number): { groups: (Group | Point)[]; next: number } | undefined {
  const first = atoms[i];
  if (!first || (!first.digits && !STARTS_NUMBER.has(first.text) && numberWord(first.text) === undefined)) {
    return undefined;
  }
  const groups: (Group | Point)[] = [];
  let open: Open | undefined;
  const close = (): void => {
    if (open) {
      groups.push({ digits: String(open.total + open.current), start: open.start, end: open.end, ordinal: open.ordinal });
      open = undefined;
    }
  };
  const isNumberAt = (k: number): boolean => {
    const atom = atoms[k];
    return atom !== undefined && (atom.digits || numberWord(atom.text) !== undefined || (isZeroWord(atom.text) && isNumberAt(k + 1)));
  };
  let j = i;
  for (; j < atoms.length; j += 1) {
    const atom = atoms[j];
    if (!atom) {
      break;
    }
    const inRun = groups.length > 0 || open !== undefined;
    if (inRun && !RUN_GAP.test(atom.gap)) {
      break;
    }
    const next = atoms[j + 1];
    if (atom.digits) {
      const value = Number(atom.text);
      const below = open?.last === 'scale' ? open.lastScale : open?.last === 'hundred' ? 100 : 0;
      if (open && JOINS.test(atom.gap) && !atom.text.startsWith('0') && value > 0 && value < below && open.current % 100 === 0) {
        // "4 thousand 200", "five hundred 20": digits completing a number said with a scale word.
        open = { ...open, current: open.current + value, last: 'unit', end: atom.end };
        continue;
      }
      close();
      const previous = groups.at(-1);
      if (atom.gap === '.' && previous !== undefined && !('point' in previous) && previous.spans !== undefined && previous.end === atom.start - 1) {
        // "3.5": a decimal point written between digits reads as the word "point".
        groups.push({ point: true, start: atom.start - 1, end: atom.start });
      }
      if (next?.attached === true && next.text === 'k') {
        // "20k": a thousand times the digits.
        groups.push({ digits: `${BigInt(atom.text) * 1000n}`, start: atom.start, end: next.end });
        j += 1;
      } else if (next?.attached === true && ORDINAL_SUFFIXES.has(next.text)) {
        groups.push({ digits: atom.text, start: atom.start, end: next.end, spans: atom.spans, ordinal: true });
        j += 1;
      } else {
        const scale = next && !next.digits && JOINS.test(next.gap) ? wordKind(next.text) : undefined;
        if ((scale?.kind === 'hundred' || scale?.kind === 'scale') && atom.text.length <= 3 && !atom.text.startsWith('0')) {
          // "20 thousand", "5 hundred": read on as words would be.
          open = { total: 0, current: Number(atom.text), last: 'tens', lastScale: Infinity, start: atom.start, end: atom.end, ordinal: false };
        } else {
          groups.push({ digits: atom.text, start: atom.start, end: atom.end, spans: atom.spans });
        }
      }
      continue;
    }
    const word = atom.text;
    if (word === POINT_TERM && inRun && isNumberAt(j + 1)) {
      close();
      groups.push({ point: true, start: atom.start, end: atom.end });
      continue;
    }
    if (isZeroWord(word)) {
      // "five five oh one": a spoken zero between numbers ("oh I see" stays a word).
      if (!inRun || !isNumberAt(j + 1)) {
        break;
      }
      close();
      groups.push({ digits: '0', start: atom.start, end: atom.end });
      continue;
    }
    const repeat = REPEATS.get(word);
    if (repeat !== undefined) {
      const digit = next === undefined || !JOINS.test(next.gap) ? undefined : next.digits && next.text.length === 1 ? next.text : isZeroWord(next.text) ? '0' : unitDigit(next.text);
      if (!next || digit === undefined) {
        break;
      }
      close();
      groups.push({ digits: digit.repeat(repeat), start: atom.start, end: next.end });
      j += 1;
      continue;
    }
    if (word === 'a') {
      // "a hundred", "a thousand": one of the scale.
      const scale = next && JOINS.test(next.gap) ? wordKind(next.text) : undefined;
      if (inRun || (scale?.kind !== 'hundred' && scale?.kind !== 'scale')) {
        break;
      }
      open = { total: 0, current: 1, last: 'unit', lastScale: Infinity, start: atom.start, end: atom.end, ordinal: false };
      continue;
    }
    if (word === 'and') {
      // "one hundred and five": "and" inside a number only.
      const kind = next && JOINS.test(next.gap) && JOINS.test(atom.gap) ? numberWord(next.text)?.kind : undefined;
      if (open && (open.last === 'hundred' || open.last === 'scale') && (kind === 'unit' || kind === 'teen' || kind === 'tens')) {
        continue;
      }
      break;
    }
    const number = numberWord(word);
    if (!number) {
      break;
    }
    const combined = open && JOINS.test(atom.gap) ? combine(open, number, atom) : undefined;
    if (!combined) {
      close();
    }
    open = combined ?? start(number, atom);
    if (number.ordinal) {
      close();
    }
  }
  close();
  // A run never ends in "point": there it is a word.
  if (groups.at(-1) !== undefined && 'point' in (groups.at(-1) ?? {})) {
    groups.pop();
    j -= 1;
  }
  return groups.length > 0 ? { groups, next: j } : undefined;
}

function start(number: { kind: Kind; value: number; ordinal: boolean }, atom: Atom): Open {
  const scale = number.kind === 'scale';
  return {
    total: scale ? number.value : 0,
    current: scale ? 0 : number.value,
    last: number.kind,
    lastScale: scale ? number.value : Infinity,
    start: atom.start,
    end: atom.end,
    ordinal: number.ordinal,
  };
}

/** The open number with this word added, or undefined when the word starts a new number. */
function combine(open: Open, number: { kind: Kind; value: number; ordinal: boolean }, atom: Atom): Open | undefined {
  const next = { ...open, end: atom.end, ordinal: number.ordinal };
  const afterScale = open.last === 'hundred' || open.last === 'scale';
  switch (number.kind) {
    case 'unit':
      if ((open.last === 'tens' && open.current % 10 === 0) || (afterScale && number.value > 0)) {
        return { ...next, current: open.current + number.value, last: 'unit' };
      }
      return undefined;
    case 'teen':
    case 'tens':
      return afterScale && open.current % 100 === 0 ? { ...next, current: open.current + number.value, last: number.kind } : undefined;
    case 'hundred':
      return open.current > 0 && open.current < 100 && open.last !== 'hundred' ? { ...next, current: open.current * 100, last: 'hundred' } : undefined;
    case 'scale':
      return open.current > 0 && number.value < open.lastScale
        ? { ...next, total: open.total + open.current * number.value, current: 0, last: 'scale', lastScale: number.value }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * The search terms of a text, in order, each with the span it was read from. Numbers become one
 * term per digit (with a shared run id); "%" after a number becomes "percent".
 */
export function searchTerms(text: string): SearchTerm[] {
  const atoms = atomsOf(text);
  const terms: SearchTerm[] = [];
  let runs = 0;
  let i = 0;
  while (i < atoms.length) {
    const atom = atoms[i];
    if (!atom) {
      break;
    }
    const run = readRun(atoms, i);
    if (run) {
      runs += 1;
      for (const group of run.groups) {
        if ('point' in group) {
          terms.push({ term: POINT_TERM, start: group.start, end: group.end, run: runs });
          continue;
        }
        // Digits are ASCII here (asciiDigits), one UTF-16 unit each.
        for (let k = 0; k < group.digits.length; k += 1) {
          const span = group.spans?.[k];
          terms.push({ term: group.digits.charAt(k), start: span?.start ?? group.start, end: span?.end ?? group.end, run: runs });
        }
        if (group.ordinal === true) {
          terms.push({ term: ORDINAL_TERM, start: group.start, end: group.end, run: runs });
        }
      }
      const lastAtom = atoms[run.next - 1];
      if (lastAtom && text[lastAtom.end] === '%') {
        terms.push({ term: 'percent', start: lastAtom.end, end: lastAtom.end + 1, run: runs });
      }
      i = run.next;
      continue;
    }
    terms.push({ term: atom.text, start: atom.start, end: atom.end });
    i += 1;
  }
  return terms;
}

/** The text as the index stores it: its terms separated by single spaces. */
export function searchBody(text: string): string {
  return searchTerms(text)
    .map((t) => t.term)
    .join(' ');
}
