/**
 * Many cue phrases matched over one short text without running every phrase's regex over it.
 * Each phrase is a whole-word regex; its leading literal (the "anchor": "litigat" for
 * "litigat*", "cut" for "cut(?:ting)? ...") is indexed by its first two characters. A text is
 * read once: at each word start the phrases whose anchor is there are tried with a sticky copy
 * of their regex. Phrases without an anchor (leading character class, top-level alternation)
 * are run over the whole text as before. The matches are exactly the global regex's matches
 * plus possibly overlapping ones of the same phrase, which callers skip as overlapping evidence.
 */

export interface PhraseMatch<T> {
  readonly payload: T;
  /** Position of the phrase in the list given to the index: the order callers resolve overlaps in. */
  readonly order: number;
  readonly start: number;
  readonly end: number;
}

interface Entry<T> {
  readonly payload: T;
  readonly order: number;
  readonly anchor: string;
  /**
   * The anchor and the literals after it up to the first other construct, split where the
   * phrase has a blank (`\\s+`): "the\\s+doctor\\s+said" -> ["the", "doctor", "said"]. A
   * position that does not spell them out cannot match, so the regex is not run there.
   */
  readonly lead: readonly string[];
  readonly sticky: RegExp;
  /**
   * How the phrase ends when it is nothing but its lead: 'word' for a whole word (`(?![\\w-])`
   * after it), 'stem' for a stem (`[\\w-]*` after it), undefined when the regex must decide.
   * Such a phrase is matched by comparing characters, without running its regex.
   */
  readonly tail: 'word' | 'stem' | undefined;
}

/** The entries of one slot whose lead starts with the same word: that word is compared once for all of them. */
interface LeadGroup<T> {
  readonly word: string;
  readonly entries: Entry<T>[];
}

interface Unanchored<T> {
  readonly payload: T;
  readonly order: number;
  readonly global: RegExp;
  /** Literals one of which every match contains (empty when none is known): the regex is skipped when all are absent. */
  readonly requires: readonly string[];
  /** `requires` as ids into the index's literal table (see `PhraseIndex.literals`). */
  readonly requiredIds: readonly number[];
}

/** `[\w-]` in ASCII, by char code: what the phrases' `(?<![\w-])` boundary refuses before a match. */
function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;
}

const LITERAL = /^[a-z0-9&'-]$/u;
/** U+017F, which a case-insensitive Unicode regex matches for "s" but lower-casing leaves alone. */
const LONG_S = '\u017f';

/**
 * The literal the phrase must start with, '' when there is none. `source` is the phrase's regex
 * body without the leading boundary. A quantifier after a character makes it optional, so that
 * character is left out ("rumou?r" -> "rumo").
 */
export function anchorOf(source: string): string {
  let depth = 0;
  for (const ch of source) {
    if (ch === '(' || ch === '[') {
      depth += 1;
    } else if (ch === ')' || ch === ']') {
      depth -= 1;
    } else if (ch === '|' && depth === 0) {
      return '';
    }
  }
  let anchor = '';
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i] ?? '';
    if (!LITERAL.test(ch)) {
      const quantified = ch === '?' || ch === '*' || ch === '+' || ch === '{';
      return quantified ? anchor.slice(0, -1) : anchor;
    }
    anchor += ch;
  }
  return anchor;
}

/** `anchorOf` continued over blanks: the literal words every match starts with (see `Entry.lead`). */
export function leadOf(source: string): string[] {
  const parts: string[] = [];
  let part = '';
  let i = 0;
  while (i < source.length) {
    const ch = source[i] ?? '';
    const next = source[i + 1] ?? '';
    if (source.startsWith('\\s+', i) && part.length > 0 && !'?*+{'.includes(source[i + 3] ?? '')) {
      parts.push(part);
      part = '';
      i += 3;
      continue;
    }
    if (!LITERAL.test(ch) || (next !== '' && '?*{'.includes(next))) {
      break;
    }
    part += ch;
    i += 1;
  }
  // A blank already consumed with nothing literal after it still requires that blank.
  parts.push(part);
  return parts;
}

/** `\s` of a JavaScript regex, by char code. */
function isSpace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * Where `lead` ends when `lower` at `p` spells it out (its words in order, one or more blanks
 * between them), or -1.
 */
function leadEnd(lower: string, p: number, lead: readonly string[]): number {
  let at = p;
  for (let k = 0; k < lead.length; k += 1) {
    if (k > 0) {
      if (!isSpace(lower.charCodeAt(at))) {
        return -1;
      }
      do {
        at += 1;
      } while (isSpace(lower.charCodeAt(at)));
    }
    const word = lead[k] ?? '';
    if (!lower.startsWith(word, at)) {
      return -1;
    }
    at += word.length;
  }
  return at;
}

const WORD_TAIL = '(?![\\w-])';
const STEM_TAIL = '[\\w-]*';

/** `Entry.tail` of a phrase body with this lead. */
function tailOf(body: string, lead: readonly string[]): 'word' | 'stem' | undefined {
  const spelled = lead.join('\\s+');
  return body === `${spelled}${WORD_TAIL}` ? 'word' : body === `${spelled}${STEM_TAIL}` ? 'stem' : undefined;
}

/** The longest literal outside any group that every match of `source` contains ('' if none). */
export function requiredLiteral(source: string): string {
  let depth = 0;
  let best = '';
  let run = '';
  let escaped = false;
  for (const ch of source) {
    if (escaped || ch === '\\') {
      // An escape ("\\s") is not a literal, nor is the character it escapes.
      escaped = !escaped;
      best = run.length > best.length ? run : best;
      run = '';
      continue;
    }
    if (ch === '(' || ch === '[') {
      depth += 1;
    } else if (ch === ')' || ch === ']') {
      depth -= 1;
    } else if (ch === '|' && depth === 0) {
      return '';
    }
    if (depth === 0 && LITERAL.test(ch)) {
      run += ch;
      continue;
    }
    const quantified = ch === '?' || ch === '*' || ch === '+' || ch === '{';
    const kept = quantified ? run.slice(0, -1) : run;
    best = kept.length > best.length ? kept : best;
    run = '';
  }
  return run.length > best.length ? run : best;
}

/**
 * The top-level groups of `source` that every match passes through (`(?:a|b)` or `(a|b)`, not a
 * lookaround, not made optional by `?`, `*` or `{`): for each, the leading literal of every
 * alternative. A group with an alternative without a leading literal is left out.
 */
function requiredGroups(source: string): string[][] {
  const groups: string[][] = [];
  let depth = 0;
  let open = -1;
  let escaped = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (escaped || ch === '\\') {
      escaped = !escaped;
      continue;
    }
    if (ch === '|' && depth === 0) {
      // Alternatives at the top: a group in one of them is not passed through by the others.
      return [];
    }
    if (ch === '(' || ch === '[') {
      if (depth === 0 && ch === '(') {
        open = i;
      }
      depth += 1;
    } else if (ch === ')' || ch === ']') {
      depth -= 1;
      const next = source[i + 1];
      if (depth === 0 && ch === ')' && open >= 0 && next !== '?' && next !== '*' && next !== '{') {
        const inner = source.slice(open + 1, i);
        const plain = !inner.startsWith('?') ? inner : inner.startsWith('?:') ? inner.slice(2) : undefined;
        const alternatives = plain === undefined ? [] : splitTopLevel(plain).map(anchorOf);
        if (alternatives.length > 0 && alternatives.every((a) => a.length > 0)) {
          groups.push(alternatives);
        }
        open = -1;
      }
    }
  }
  return groups;
}

/** `source` cut at its top-level `|`. */
function splitTopLevel(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  let escaped = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (escaped || ch === '\\') {
      escaped = !escaped;
      continue;
    }
    if (ch === '(' || ch === '[') {
      depth += 1;
    } else if (ch === ')' || ch === ']') {
      depth -= 1;
    } else if (ch === '|' && depth === 0) {
      parts.push(source.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(source.slice(from));
  return parts;
}

/**
 * Literals one of which every match of `source` contains: the required literal, or the
 * alternatives of a required group, whichever has the longest shortest literal (the most
 * selective test). Empty when nothing is known.
 */
export function requiredAlternatives(source: string): string[] {
  const single = requiredLiteral(source);
  let best: string[] = single.length > 0 ? [single] : [];
  let bestLength = single.length;
  for (const group of requiredGroups(source)) {
    const shortest = Math.min(...group.map((a) => a.length));
    if (shortest > bestLength) {
      best = group;
      bestLength = shortest;
    }
  }
  return best;
}


/**
 * Slot of an anchor's first one or two characters in a flat table (c1 = 0 for one-character
 * anchors): anchors are ASCII literals, so 128 x 128 slots cover them and a lookup is an array
 * read, not a string slice and a map lookup at every word start.
 */
const slotOf = (c0: number, c1: number): number => c0 * 128 + c1;
const SLOTS = 128 * 128;
const LITERALS = 1;
const GROUPS = 2;

export class PhraseIndex<T> {
  /** Anchors of two or more characters, by their first two; of one character, by it. */
  private readonly bySlot: (LeadGroup<T>[] | undefined)[] = new Array<LeadGroup<T>[] | undefined>(SLOTS).fill(undefined);
  /** Every indexed entry (for the whole-text fallback). */
  private readonly indexed: Entry<T>[] = [];
  private readonly unanchored: Unanchored<T>[] = [];
  /**
   * The unanchored phrases' required literals, each once (one id per distinct literal), found
   * in a text by the same character pass that tries the anchors: by their first one or two
   * characters, like the anchors, at every position rather than only at word starts.
   */
  private readonly literals: string[] = [];
  private readonly literalsBySlot: (number[] | undefined)[] = new Array<number[] | undefined>(SLOTS).fill(undefined);
  /** The reading in which each literal was last seen (a literal is present when it equals the current one). */
  private readonly literalSeen: Uint32Array;
  private reading = 0;
  /**
   * Per slot: LITERALS when required literals start with its characters, GROUPS when anchors
   * do. Most positions of a text have neither, and one byte read skips them.
   */
  private readonly occupied = new Uint8Array(SLOTS);

  /** `phrases`: regex bodies (lower-case literals) each matched as a whole word, case-insensitively. */
  constructor(phrases: readonly { readonly body: string; readonly payload: T }[]) {
    phrases.forEach(({ body, payload }, order) => {
      const anchor = anchorOf(body);
      const source = `(?<![\\w-])${body}`;
      if (anchor.length === 0) {
        const requires = requiredAlternatives(body);
        this.unanchored.push({ payload, order, global: new RegExp(source, 'giu'), requires, requiredIds: requires.map((literal) => this.literalId(literal)) });
        return;
      }
      const slot = slotOf(anchor.charCodeAt(0), anchor.length > 1 ? anchor.charCodeAt(1) : 0);
      const lead = leadOf(body);
      const entry = { payload, order, anchor, lead, sticky: new RegExp(source, 'iuy'), tail: tailOf(body, lead) };
      const groups = this.bySlot[slot] ?? [];
      const word = entry.lead[0] ?? anchor;
      const group = groups.find((g) => g.word === word);
      if (group === undefined) {
        groups.push({ word, entries: [entry] });
      } else {
        group.entries.push(entry);
      }
      this.bySlot[slot] = groups;
      this.occupied[slot] = (this.occupied[slot] ?? 0) | GROUPS;
      this.indexed.push(entry);
    });
    this.literalSeen = new Uint32Array(this.literals.length);
  }

  /** The id of a required literal (lower-case ASCII, see LITERAL), registering it once. */
  private literalId(literal: string): number {
    const known = this.literals.indexOf(literal);
    if (known >= 0) {
      return known;
    }
    const id = this.literals.length;
    this.literals.push(literal);
    const slot = slotOf(literal.charCodeAt(0), literal.length > 1 ? literal.charCodeAt(1) : 0);
    const list = this.literalsBySlot[slot] ?? [];
    list.push(id);
    this.literalsBySlot[slot] = list;
    this.occupied[slot] = (this.occupied[slot] ?? 0) | LITERALS;
    return id;
  }

  /** Marks the required literals that start at `p` as seen in this reading. */
  private seeLiterals(lower: string, p: number, ids: readonly number[] | undefined): void {
    if (ids === undefined) {
      return;
    }
    for (const id of ids) {
      if (this.literalSeen[id] !== this.reading && lower.startsWith(this.literals[id] ?? '', p)) {
        this.literalSeen[id] = this.reading;
      }
    }
  }

  /** One of the phrase's required literals was seen in this reading (true when it has none). */
  private mayMatch(phrase: Unanchored<T>): boolean {
    if (phrase.requiredIds.length === 0) {
      return true;
    }
    for (const id of phrase.requiredIds) {
      if (this.literalSeen[id] === this.reading) {
        return true;
      }
    }
    return false;
  }

  /** Every match in `text`, in no particular order. */
  matches(text: string): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    const lower = text.toLowerCase();
    if (lower.length !== text.length || lower.includes(LONG_S)) {
      // Offsets would not line up with the lower-cased copy, or a case-insensitive "s" could be
      // a long s that no literal test sees: every phrase over the whole text.
      this.matchAllGlobally(text, out);
      return out;
    }
    const n = lower.length;
    // A new reading: literals seen in earlier texts no longer count (the table is reset on wrap-around).
    this.reading = this.reading === 0xffffffff ? 1 : this.reading + 1;
    if (this.reading === 1) {
      this.literalSeen.fill(0);
    }
    let previousIsWord = false;
    for (let p = 0; p < n; p += 1) {
      const c0 = lower.charCodeAt(p);
      const wordStart = !previousIsWord;
      previousIsWord = isWordChar(c0);
      // Anchors and required literals are ASCII: no non-ASCII character can begin one.
      if (c0 >= 128) {
        continue;
      }
      const c1 = p + 1 < n ? lower.charCodeAt(p + 1) : 128;
      const pair = c1 < 128 ? (this.occupied[slotOf(c0, c1)] ?? 0) : 0;
      const single = this.occupied[slotOf(c0, 0)] ?? 0;
      if ((pair | single) === 0) {
        continue;
      }
      if ((pair & LITERALS) !== 0) {
        this.seeLiterals(lower, p, this.literalsBySlot[slotOf(c0, c1)]);
      }
      if ((single & LITERALS) !== 0) {
        this.seeLiterals(lower, p, this.literalsBySlot[slotOf(c0, 0)]);
      }
      if (!wordStart) {
        continue;
      }
      if ((pair & GROUPS) !== 0) {
        this.tryAt(text, lower, p, this.bySlot[slotOf(c0, c1)], out);
      }
      if ((single & GROUPS) !== 0) {
        this.tryAt(text, lower, p, this.bySlot[slotOf(c0, 0)], out);
      }
    }
    for (const phrase of this.unanchored) {
      if (this.mayMatch(phrase)) {
        collectGlobal(phrase.global, text, phrase.payload, phrase.order, out);
      }
    }
    return out;
  }

  private tryAt(text: string, lower: string, p: number, groups: readonly LeadGroup<T>[] | undefined, out: PhraseMatch<T>[]): void {
    if (groups === undefined) {
      return;
    }
    for (const group of groups) {
      if (!lower.startsWith(group.word, p)) {
        continue;
      }
      for (const entry of group.entries) {
        const end = entry.lead.length > 1 || entry.tail !== undefined ? leadEnd(lower, p, entry.lead) : p;
        if (end < 0) {
          continue;
        }
        if (entry.tail !== undefined) {
          // The regex would read the same characters: its literals and blanks are the lead,
          // and case-insensitively `\\w` is what isWordChar accepts in the lower-cased copy
          // (the one non-ASCII character it also matches, the Kelvin sign, lower-cases to "k";
          // a long s sends the text to the global path).
          let stop = end;
          if (entry.tail === 'stem') {
            while (stop < lower.length && isWordChar(lower.charCodeAt(stop))) {
              stop += 1;
            }
          } else if (stop < lower.length && isWordChar(lower.charCodeAt(stop))) {
            continue;
          }
          if (stop > p) {
            out.push({ payload: entry.payload, order: entry.order, start: p, end: stop });
          }
          continue;
        }
        entry.sticky.lastIndex = p;
        const match = entry.sticky.exec(text);
        if (match !== null && match[0].length > 0) {
          out.push({ payload: entry.payload, order: entry.order, start: p, end: p + match[0].length });
        }
      }
    }
  }

  private matchAllGlobally(text: string, out: PhraseMatch<T>[]): void {
    for (const entry of this.indexed) {
      collectGlobal(new RegExp(entry.sticky.source, 'giu'), text, entry.payload, entry.order, out);
    }
    for (const phrase of this.unanchored) {
      collectGlobal(phrase.global, text, phrase.payload, phrase.order, out);
    }
  }
}

function collectGlobal<T>(re: RegExp, text: string, payload: T, order: number, out: PhraseMatch<T>[]): void {
  re.lastIndex = 0;
  for (let match = re.exec(text); match !== null; match = re.exec(text)) {
    if (match[0].length === 0) {
      re.lastIndex += 1;
      continue;
    }
    out.push({ payload, order, start: match.index, end: match.index + match[0].length });
  }
  re.lastIndex = 0;
}
