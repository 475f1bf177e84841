/**
 * Turns one group of adjacent number words into digit chunks. Speech has two grammars for
 * numbers and a recogniser does not say which one it heard:
 *  - digit strings: "four two four two", "forty-two eleven", "double five", "nineteen eighty"
 *    (each chunk's digits are concatenated by the caller);
 *  - quantities: "one hundred and five", "two thousand nineteen", "twenty-five hundred".
 * A quantity is only read when a scale word (hundred, thousand, million) follows; after a
 * scale, a bare unit is absorbed only at the end of the group, so "one eight hundred five five
 * five" stays the digit string 1 800 5 5 5 instead of 1 805 5 5.
 */
import type { NumberWord } from './number-words';

export interface GroupItem {
  readonly word: NumberWord | undefined;
  readonly start: number;
  readonly end: number;
  /** Connector words kept in the group so a quantity can span them. */
  readonly special: 'and' | Joiner | undefined;
}

/** Spoken punctuation inside a number: "two point five", "oh three slash twenty nine". */
export type Joiner = 'point' | 'slash' | 'dash';

export interface NumberChunk {
  readonly digits: string;
  readonly start: number;
  readonly end: number;
  /** Set for a spoken joiner between two chunks; digits is then empty. */
  readonly joiner: Joiner | undefined;
}

interface Sub {
  readonly value: number;
  readonly next: number;
}

function kindAt(items: readonly GroupItem[], index: number): NumberWord['kind'] | 'and' | Joiner | undefined {
  const item = items[index];
  if (item === undefined) {
    return undefined;
  }
  return item.special ?? item.word?.kind;
}

function valueAt(items: readonly GroupItem[], index: number): number {
  return items[index]?.word?.value ?? 0;
}

/** A value below one hundred: "forty two", "forty", "twelve", "seven". */
function parseSub(items: readonly GroupItem[], index: number): Sub | undefined {
  const kind = kindAt(items, index);
  switch (kind) {
    case 'tens': {
      const tensOrdinal = items[index]?.word?.ordinal ?? false;
      if (!tensOrdinal && kindAt(items, index + 1) === 'unit' && valueAt(items, index + 1) > 0) {
        return { value: valueAt(items, index) + valueAt(items, index + 1), next: index + 2 };
      }
      return { value: valueAt(items, index), next: index + 1 };
    }
    case 'teen':
    case 'unit':
      return { value: valueAt(items, index), next: index + 1 };
    case 'hundred':
    case 'thousand':
    case 'million':
    case 'repeat':
    case 'and':
    case 'point':
    case 'slash':
    case 'dash':
    case undefined:
      return undefined;
  }
}

function isScale(kind: ReturnType<typeof kindAt>): boolean {
  return kind === 'hundred' || kind === 'thousand' || kind === 'million';
}

function parseQuantity(items: readonly GroupItem[], index: number, first: Sub): Sub {
  let total = 0;
  let current = first.value;
  let j = first.next;
  let lastBigScale = Number.POSITIVE_INFINITY;
  let afterScale = false;
  while (j < items.length) {
    const kind = kindAt(items, j);
    if (kind === 'hundred' && current > 0 && current < 100) {
      current *= 100;
      j += 1;
      afterScale = true;
      continue;
    }
    if ((kind === 'thousand' || kind === 'million') && valueAt(items, j) < lastBigScale && current > 0) {
      total += current * valueAt(items, j);
      current = 0;
      lastBigScale = valueAt(items, j);
      j += 1;
      afterScale = true;
      continue;
    }
    if (!afterScale) {
      break;
    }
    const joined = kind === 'and';
    const k = joined ? j + 1 : j;
    const sub = parseSub(items, k);
    if (sub === undefined || current % 100 !== 0) {
      break;
    }
    const startsWithUnit = kindAt(items, k) === 'unit';
    const endsGroup = sub.next >= items.length;
    const feedsScale = isScale(kindAt(items, sub.next));
    if (!(joined || !startsWithUnit || endsGroup || feedsScale)) {
      break;
    }
    current += sub.value;
    j = sub.next;
    afterScale = false;
  }
  return { value: total + current, next: j };
}

function span(items: readonly GroupItem[], from: number, to: number, digits: string, joiner?: Joiner): NumberChunk {
  return { digits, start: items[from]?.start ?? 0, end: items[to - 1]?.end ?? 0, joiner };
}

export function parseNumberGroup(items: readonly GroupItem[]): NumberChunk[] {
  const chunks: NumberChunk[] = [];
  let i = 0;
  while (i < items.length) {
    const kind = kindAt(items, i);
    if (kind === 'point' || kind === 'slash' || kind === 'dash') {
      chunks.push(span(items, i, i + 1, '', kind));
      i += 1;
      continue;
    }
    if (kind === 'repeat') {
      const unit = items[i + 1]?.word;
      if (unit?.kind === 'unit') {
        chunks.push(span(items, i, i + 2, String(unit.value).repeat(valueAt(items, i))));
        i += 2;
        continue;
      }
    }
    const sub = parseSub(items, i);
    if (sub === undefined) {
      // A stray scale or connector ("hundred" alone): keep it as its own value.
      const value = kind === 'and' ? '' : String(valueAt(items, i));
      if (value !== '') {
        chunks.push(span(items, i, i + 1, value));
      }
      i += 1;
      continue;
    }
    if (isScale(kindAt(items, sub.next))) {
      const quantity = parseQuantity(items, i, sub);
      chunks.push(span(items, i, quantity.next, String(quantity.value)));
      i = quantity.next;
      continue;
    }
    chunks.push(span(items, i, sub.next, String(sub.value)));
    i = sub.next;
  }
  return chunks;
}
