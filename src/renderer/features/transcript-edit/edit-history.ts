// The transcript editor's state as a pure value: the edits made on the base version (in the order
// the contract applies them) and the speakers' names, with undo and redo over both.
import type { TranscriptEditInput } from '../../../shared/contract';

export interface SpeakerNames {
  readonly rep: string | null;
  readonly customer: string | null;
}

export interface EditDraft {
  readonly edits: readonly TranscriptEditInput[];
  readonly names: SpeakerNames;
}

export interface EditHistory {
  readonly past: readonly EditDraft[];
  readonly present: EditDraft;
  readonly future: readonly EditDraft[];
  /** The names the base version had: a save sends only names that differ. */
  readonly baseNames: SpeakerNames;
}

/** Undo goes back this many steps at most (a long session stays small). */
export const MAX_UNDO = 500;

export function startHistory(baseNames: SpeakerNames): EditHistory {
  return { past: [], present: { edits: [], names: baseNames }, future: [], baseNames };
}

function push(history: EditHistory, next: EditDraft): EditHistory {
  return { ...history, past: [...history.past, history.present].slice(-MAX_UNDO), present: next, future: [] };
}

export function withEdit(history: EditHistory, edit: TranscriptEditInput): EditHistory {
  return push(history, { ...history.present, edits: [...history.present.edits, edit] });
}

export function withNames(history: EditHistory, names: SpeakerNames): EditHistory {
  if (names.rep === history.present.names.rep && names.customer === history.present.names.customer) {
    return history;
  }
  return push(history, { ...history.present, names });
}

export function undo(history: EditHistory): EditHistory {
  const previous = history.past.at(-1);
  if (previous === undefined) {
    return history;
  }
  return { ...history, past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future] };
}

export function redo(history: EditHistory): EditHistory {
  const [next, ...rest] = history.future;
  if (next === undefined) {
    return history;
  }
  return { ...history, past: [...history.past, history.present], present: next, future: rest };
}

/** The names to send with a save: only those that differ from the base (null removes a name). */
export function changedNames(history: EditHistory): { rep?: string | null; customer?: string | null } | undefined {
  const { names } = history.present;
  const out: { rep?: string | null; customer?: string | null } = {};
  if (names.rep !== history.baseNames.rep) {
    out.rep = names.rep;
  }
  if (names.customer !== history.baseNames.customer) {
    out.customer = names.customer;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

export function isDirty(history: EditHistory): boolean {
  return history.present.edits.length > 0 || changedNames(history) !== undefined;
}

/**
 * Which word a caret at `offset` in `text` stands before (for a split): words are separated by
 * whitespace, and a caret inside a word splits before that word.
 */
export function wordIndexAt(text: string, offset: number): number {
  const before = text.slice(0, offset).split(/\s+/).filter((w) => w !== '').length;
  const insideWord = offset > 0 && offset < text.length && /\S/.test(text[offset - 1] ?? '') && /\S/.test(text[offset] ?? '');
  return insideWord ? before - 1 : before;
}
