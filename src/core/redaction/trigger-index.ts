/**
 * The detectors' trigger regexes without running each one over the whole text. Each trigger is
 * registered once (module level) with `trigger(re)`; the literals every match must start with
 * (its "leads": "card", "visa", "master" for `\b(?:card|visa|master ?card)...`) are read from
 * its source. A text is read once, at word starts only, and the positions where some trigger's
 * lead is spelled out are recorded per trigger (`TriggerCues`). The matches are then found by
 * trying a sticky copy of the regex at those positions only, in order, each search resuming
 * where the previous match ended, exactly as a global regex's `exec` loop does: the same
 * matches, with the same captures. A trigger whose leads cannot be read (no `\b` before a word
 * character, a leading character class or lookaround) is run as a global regex, as before.
 * tests/unit/redaction/trigger-index.test.ts checks every trigger against its plain regex.
 */
import { execAll } from './regex';

export interface Trigger {
  readonly id: number;
  /** The global regex the trigger is defined by: the reference its matches equal. */
  readonly re: RegExp;
  readonly sticky: RegExp;
  /** Literals one of which starts every match at a word start; undefined: run `re` over the text. */
  readonly leads: readonly string[] | undefined;
}

const registry: Trigger[] = [];

/** Most leads one trigger may expand to, and how much of each is kept (a prefix is enough). */
const MAX_LEADS = 512;
const MAX_LEAD_LENGTH = 8;

/** `\w` of a non-`i` Unicode regex, by char code: what `\b` compares. */
function isWordCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
}

/** A character that stands for itself outside a class. */
const PLAIN = /^[a-z0-9 '&#,:;@%=_/"-]$/u;
/** Escapes that stand for one literal character. */
const ESCAPED = /^[.\-/#$&'"?+*()[\]{}|\\^:=,!@%;_]$/u;

/** One piece of a regex source: a literal character, a group's alternatives, or anything else. */
type Piece =
  | { readonly kind: 'char'; readonly chars: readonly string[]; readonly optional: boolean }
  | { readonly kind: 'group'; readonly alternatives: readonly Piece[][]; readonly optional: boolean }
  | { readonly kind: 'stop' };

class SourceReader {
  private at = 0;

  constructor(private readonly source: string) {}

  /** Alternatives up to the end of the source or the closing parenthesis of the current group. */
  alternatives(): Piece[][] {
    const all: Piece[][] = [[]];
    while (this.at < this.source.length) {
      const ch = this.source[this.at] ?? '';
      if (ch === ')') {
        return all;
      }
      if (ch === '|') {
        this.at += 1;
        all.push([]);
        continue;
      }
      all[all.length - 1]?.push(this.piece());
    }
    return all;
  }

  private piece(): Piece {
    const ch = this.source[this.at] ?? '';
    if (ch === '(') {
      const lookaround = this.source.startsWith('(?=', this.at) || this.source.startsWith('(?!', this.at) || this.source.startsWith('(?<', this.at);
      this.at += this.source.startsWith('(?:', this.at) ? 3 : lookaround ? 3 : 1;
      const alternatives = this.alternatives();
      this.at += 1; // ')'
      const optional = this.quantifier();
      if (lookaround || optional === 'repeat') {
        return { kind: 'stop' };
      }
      return { kind: 'group', alternatives, optional: optional === 'optional' };
    }
    if (ch === '[') {
      const close = this.classEnd();
      const body = this.source.slice(this.at + 1, close);
      this.at = close + 1;
      const optional = this.quantifier();
      const chars = classChars(body);
      return chars === undefined || optional === 'repeat' ? { kind: 'stop' } : { kind: 'char', chars, optional: optional === 'optional' };
    }
    let literal: string | undefined;
    if (ch === '\\') {
      const next = this.source[this.at + 1] ?? '';
      literal = ESCAPED.test(next) ? next : undefined;
      this.at += 2;
    } else {
      literal = PLAIN.test(ch) ? ch : undefined;
      this.at += 1;
    }
    const optional = this.quantifier();
    return literal === undefined || optional === 'repeat' ? { kind: 'stop' } : { kind: 'char', chars: [literal], optional: optional === 'optional' };
  }

  /** Index of the `]` closing the class that starts at `this.at`. */
  private classEnd(): number {
    let i = this.at + 1;
    while (i < this.source.length && this.source[i] !== ']') {
      i += this.source[i] === '\\' ? 2 : 1;
    }
    return i;
  }

  /** Reads a quantifier after a piece: `?` makes it optional, anything else makes it a stop. */
  private quantifier(): 'none' | 'optional' | 'repeat' {
    const ch = this.source[this.at] ?? '';
    if (ch === '?') {
      this.at += 1;
      return 'optional';
    }
    if (ch === '*' || ch === '+' || ch === '{') {
      return 'repeat';
    }
    return 'none';
  }
}

/** The characters of a small literal class such as `[-. ]`, or undefined (ranges, escapes, negation). */
function classChars(body: string): string[] | undefined {
  if (body.startsWith('^') || body.length === 0) {
    return undefined;
  }
  const chars: string[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i] ?? '';
    const isRange = ch === '-' && i > 0 && i < body.length - 1;
    if (ch === '\\' || isRange || (ch !== '.' && !PLAIN.test(ch))) {
      return undefined;
    }
    chars.push(ch);
  }
  return chars;
}

/**
 * Every literal prefix a match of `pieces[from...]` can start with, each extended from `prefix`,
 * or undefined when there are too many. A prefix ends at the first construct that is not a literal.
 */
function expand(pieces: readonly Piece[], from: number, prefix: string, out: Set<string>): boolean {
  if (prefix.length >= MAX_LEAD_LENGTH || from >= pieces.length) {
    out.add(prefix);
    return out.size <= MAX_LEADS;
  }
  const piece = pieces[from];
  if (piece === undefined || piece.kind === 'stop') {
    out.add(prefix);
    return out.size <= MAX_LEADS;
  }
  if (piece.optional && !expand(pieces, from + 1, prefix, out)) {
    return false;
  }
  if (piece.kind === 'char') {
    return piece.chars.every((ch) => expand(pieces, from + 1, prefix + ch, out));
  }
  return piece.alternatives.every((alternative) => expand([...alternative, ...pieces.slice(from + 1)], 0, prefix, out));
}

/**
 * The leads of a trigger's source: every top-level alternative must start with `\b` and then
 * spell a word character, or there are none (undefined).
 */
export function leadsOf(source: string): string[] | undefined {
  const top: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '\\') {
      i += 1;
    } else if (ch === '[') {
      while (i < source.length && source[i] !== ']') {
        i += source[i] === '\\' ? 2 : 1;
      }
    } else if (ch === '(') {
      depth += 1;
    } else if (ch === ')') {
      depth -= 1;
    } else if (ch === '|' && depth === 0) {
      top.push(source.slice(start, i));
      start = i + 1;
    }
  }
  top.push(source.slice(start));
  const leads = new Set<string>();
  for (const alternative of top) {
    if (!alternative.startsWith('\\b')) {
      return undefined;
    }
    const reader = new SourceReader(alternative.slice(2));
    const found = new Set<string>();
    if (!reader.alternatives().every((pieces) => expand(pieces, 0, '', found))) {
      return undefined;
    }
    for (const lead of found) {
      if (lead.length === 0 || !isWordCode(lead.charCodeAt(0))) {
        return undefined;
      }
      leads.add(lead);
    }
  }
  // A lead that extends another adds no position: keep the shortest.
  const shortest = [...leads].filter((lead) => ![...leads].some((other) => other !== lead && lead.startsWith(other)));
  return shortest.length > 0 && shortest.length <= MAX_LEADS ? shortest : undefined;
}

/** Registers a global trigger regex (at module level, before any text is read). */
export function trigger(re: RegExp): Trigger {
  if (!re.global || re.ignoreCase || re.multiline || re.sticky) {
    throw new Error(`A trigger must be a global regex without i, m or y flags: /${re.source}/${re.flags}`);
  }
  const registered: Trigger = { id: registry.length, re, sticky: new RegExp(re.source, re.flags.replace('g', 'y')), leads: leadsOf(re.source) };
  registry.push(registered);
  tables = undefined;
  return registered;
}

/** One lead and the triggers that have it (the issuer lists share theirs). */
interface LeadEntry {
  readonly ids: number[];
  readonly lead: string;
}

/**
 * Leads by how they start: one-character leads by that character, two-character leads by both,
 * longer ones by their first three (a third character above ASCII shares one slot).
 */
interface Tables {
  readonly count: number;
  /** 1 where some lead starts with that ASCII character: other words are skipped whole. */
  readonly starts: Uint8Array;
  readonly byFirst: (LeadEntry[] | undefined)[];
  readonly byPair: (LeadEntry[] | undefined)[];
  /** Longer leads: open addressing by their first three characters (`tripleKeys`), slot -> `triples` index + 1. */
  readonly tripleSlots: Int32Array;
  readonly tripleKeys: Int32Array;
  readonly triples: LeadEntry[][];
}

const TRIPLE_BITS = 12;
const TRIPLE_MASK = (1 << TRIPLE_BITS) - 1;
const tripleHash = (key: number): number => (Math.imul(key, 0x9e3779b1) >>> (32 - TRIPLE_BITS)) & TRIPLE_MASK;

const WIDTH = 129;
const slotOf = (code: number): number => Math.min(code, 128);
let tables: Tables | undefined;

function buildTables(): Tables {
  const byFirst: (LeadEntry[] | undefined)[] = new Array<LeadEntry[] | undefined>(128).fill(undefined);
  const byPair: (LeadEntry[] | undefined)[] = new Array<LeadEntry[] | undefined>(128 * WIDTH).fill(undefined);
  const byTriple = new Map<number, LeadEntry[]>();
  const tripleSlots = new Int32Array(1 << TRIPLE_BITS);
  const tripleKeys = new Int32Array(1 << TRIPLE_BITS);
  const triples: LeadEntry[][] = [];
  const starts = new Uint8Array(128);
  const byLead = new Map<string, LeadEntry>();
  for (const t of registry) {
    for (const lead of t.leads ?? []) {
      const known = byLead.get(lead);
      if (known !== undefined) {
        known.ids.push(t.id);
        continue;
      }
      const entry: LeadEntry = { ids: [t.id], lead };
      byLead.set(lead, entry);
      const first = lead.charCodeAt(0);
      starts[first] = 1;
      if (lead.length === 1) {
        (byFirst[first] ??= []).push(entry);
      } else if (lead.length === 2) {
        (byPair[first * WIDTH + slotOf(lead.charCodeAt(1))] ??= []).push(entry);
      } else {
        const key = (first * WIDTH + slotOf(lead.charCodeAt(1))) * WIDTH + slotOf(lead.charCodeAt(2));
        byTriple.set(key, [...(byTriple.get(key) ?? []), entry]);
      }
    }
  }
  for (const [key, entries] of byTriple) {
    let slot = tripleHash(key);
    while (tripleSlots[slot] !== 0) {
      slot = (slot + 1) & TRIPLE_MASK;
    }
    triples.push(entries);
    tripleSlots[slot] = triples.length;
    tripleKeys[slot] = key;
  }
  return { count: registry.length, starts, byFirst, byPair, tripleSlots, tripleKeys, triples };
}

/**
 * Where each trigger's leads occur in one lower-cased text, read in one pass on first use.
 * Triggers registered after that pass are run as global regexes.
 */
export class TriggerCues {
  private positions: (number[] | undefined)[] | undefined;
  private count = 0;

  /** `text`: the lower-cased normalised text the triggers are matched on. */
  constructor(readonly text: string) {}

  /** All matches of `t` over the text: the same as `execAll(t.re, text)`. */
  matches(t: Trigger): RegExpExecArray[] {
    if (this.positions === undefined) {
      this.read();
    }
    if (t.leads === undefined || t.id >= this.count) {
      return execAll(t.re, this.text);
    }
    const at = this.positions?.[t.id];
    const found: RegExpExecArray[] = [];
    if (at === undefined) {
      return found;
    }
    const sticky = t.sticky;
    let from = 0;
    for (const p of at) {
      if (p < from) {
        continue;
      }
      sticky.lastIndex = p;
      const match = sticky.exec(this.text);
      if (match !== null) {
        found.push(match);
        // A global exec loop resumes at the match's end (one code point on, after an empty match).
        from = match[0] === '' ? p + 1 : sticky.lastIndex;
      }
    }
    sticky.lastIndex = 0;
    return found;
  }

  private read(): void {
    tables ??= buildTables();
    const { starts, byFirst, byPair, tripleSlots, tripleKeys, triples, count } = tables;
    const positions: (number[] | undefined)[] = new Array<number[] | undefined>(count).fill(undefined);
    const lower = this.text;
    const n = lower.length;
    let p = 0;
    while (p < n) {
      const code = lower.charCodeAt(p);
      if (!isWordCode(code)) {
        p += 1;
        continue;
      }
      // A word start (`\b` before a word character): look up leads only when one starts with it.
      if (starts[code] === 1) {
        record(positions, byFirst[code], lower, p, 1);
        if (p + 1 < n) {
          const pair = code * WIDTH + slotOf(lower.charCodeAt(p + 1));
          record(positions, byPair[pair], lower, p, 2);
          if (p + 2 < n) {
            const key = pair * WIDTH + slotOf(lower.charCodeAt(p + 2));
            for (let slot = tripleHash(key); tripleSlots[slot] !== 0; slot = (slot + 1) & TRIPLE_MASK) {
              if (tripleKeys[slot] === key) {
                record(positions, triples[(tripleSlots[slot] ?? 0) - 1], lower, p, 3);
                break;
              }
            }
          }
        }
      }
      // The rest of the word holds no word start.
      p += 1;
      while (p < n && isWordCode(lower.charCodeAt(p))) {
        p += 1;
      }
    }
    this.positions = positions;
    this.count = count;
  }
}

/** Records `p` for each entry whose lead is spelled out at `p` (its first `known` characters already are). */
function record(positions: (number[] | undefined)[], entries: readonly LeadEntry[] | undefined, lower: string, p: number, known: number): void {
  if (entries === undefined) {
    return;
  }
  for (const entry of entries) {
    const lead = entry.lead;
    let k = known;
    while (k < lead.length && lower.charCodeAt(p + k) === lead.charCodeAt(k)) {
      k += 1;
    }
    if (k < lead.length) {
      continue;
    }
    for (const id of entry.ids) {
      const list = positions[id];
      if (list === undefined) {
        positions[id] = [p];
      } else if (list[list.length - 1] !== p) {
        list.push(p);
      }
    }
  }
}

/** The registered triggers (for tests: each is checked against its plain regex). */
export function registeredTriggers(): readonly Trigger[] {
  return registry;
}
