import { describe, expect, it } from 'vitest';
import { addSpan, counts, dismiss, draftFrom, isDirty, pieces, restore, reviewStatusText, saveInput, type Draft } from '../../../src/renderer/features/redaction/review-draft';
import type { RedactionReviewView } from '../../../src/shared/contract';

const TEXT = 'my card is 4111 1111 1111 1111\ncall 212 555 0187 after five';
const VIEW: RedactionReviewView = {
  recordingId: '00000000-0000-4000-8000-000000000001',
  version: 3,
  text: TEXT,
  segments: [
    { speaker: 'customer', startMs: 0, endMs: 4000, charStart: 0, charEnd: 30 },
    { speaker: 'customer', startMs: 4000, endMs: 8000, charStart: 31, charEnd: TEXT.length },
  ],
  findings: [
    { id: 'CARD:11-30', type: 'CARD', start: 11, end: 30, rule: 'card.luhn', origin: 'detected', confidence: 0.99, dismissed: null },
    { id: 'PHONE:36-48', type: 'PHONE', start: 36, end: 48, rule: 'phone.us', origin: 'detected', confidence: 0.95, dismissed: null },
  ],
  topics: [],
  findingTypes: ['CARD', 'PHONE', 'ADDRESS'],
  saved: null,
  shareBlocked: null,
};

function ok(change: ReturnType<typeof dismiss>): Draft {
  if (!change.ok) {
    throw new Error(change.message);
  }
  return change.draft;
}

describe('the rep’s redaction draft', () => {
  it('keeps a finding only with a reason, and can redact it again', () => {
    const draft = draftFrom(VIEW);
    expect(dismiss(draft, 'PHONE:36-48', ' ok ')).toEqual({ ok: false, message: expect.stringMatching(/Say why/) as unknown });
    const kept = ok(dismiss(draft, 'PHONE:36-48', '  our public support line '));
    expect(kept.find((f) => f.type === 'PHONE')?.dismissed).toBe('our public support line');
    expect(counts(kept)).toEqual({ redacted: 1, kept: 1 });
    expect(isDirty(VIEW, kept)).toBe(true);
    const again = restore(kept, 'PHONE:36-48');
    expect(isDirty(VIEW, again)).toBe(false);
    expect(draft).toEqual(draftFrom(VIEW)); // drafts are values: the old one is untouched
  });

  it('adds a selected span trimmed of spaces, only inside one turn, and removes it again', () => {
    const draft = draftFrom(VIEW);
    const added = ok(addSpan(draft, VIEW, { start: 54, end: 48 }, 'ADDRESS'));
    const rep = added.find((f) => f.origin === 'rep');
    expect(rep).toMatchObject({ id: 'ADDRESS:49-54', start: 49, end: 54, dismissed: null });
    expect(added.map((f) => f.start)).toEqual([11, 36, 49]);
    expect(addSpan(draft, VIEW, { start: 25, end: 40 }, 'CARD')).toEqual({ ok: false, message: expect.stringMatching(/within one turn/) as unknown });
    expect(addSpan(draft, VIEW, { start: 30, end: 31 }, 'CARD')).toEqual({ ok: false, message: expect.stringMatching(/Select the words/) as unknown });
    expect(restore(added, 'ADDRESS:49-54')).toEqual(draft);
    // Re-adding a kept finding's exact span redacts it again instead of duplicating it.
    const kept = ok(dismiss(draft, 'CARD:11-30', 'a test card number'));
    expect(ok(addSpan(kept, VIEW, { start: 11, end: 30 }, 'CARD'))).toEqual(draft);
  });

  it('sends additions and dismissals, never the detectors’ untouched findings', () => {
    let draft = ok(dismiss(draftFrom(VIEW), 'PHONE:36-48', 'our public support line'));
    draft = ok(addSpan(draft, VIEW, { start: 49, end: 54 }, 'ADDRESS'));
    expect(saveInput(VIEW, draft)).toEqual({
      recordingId: VIEW.recordingId,
      version: 3,
      added: [{ start: 49, end: 54, type: 'ADDRESS' }],
      dismissed: [{ start: 36, end: 48, type: 'PHONE', reason: 'our public support line' }],
    });
  });

  it('cuts a turn into marked pieces: redacted, kept, and plain text', () => {
    const draft = ok(dismiss(draftFrom(VIEW), 'PHONE:36-48', 'our public support line'));
    expect(pieces(0, 30, draft)).toEqual([
      { start: 0, end: 11, mark: null, types: [] },
      { start: 11, end: 30, mark: 'redact', types: ['CARD'] },
    ]);
    expect(pieces(31, TEXT.length, draft)).toEqual([
      { start: 31, end: 36, mark: null, types: [] },
      { start: 36, end: 48, mark: 'kept', types: ['PHONE'] },
      { start: 48, end: TEXT.length, mark: null, types: [] },
    ]);
    // A rep's span over a kept finding redacts the overlap.
    const overlapped = ok(addSpan(draft, VIEW, { start: 40, end: 54 }, 'ADDRESS'));
    expect(pieces(31, TEXT.length, overlapped).map((p) => [TEXT.slice(p.start, p.end), p.mark])).toEqual([
      ['call ', null],
      ['212 ', 'kept'],
      ['555 0187', 'redact'],
      [' after', 'redact'],
      [' five', null],
    ]);
  });

  it('says whether a review was saved, and when a saved one no longer holds', () => {
    const date = (iso: string) => iso.slice(0, 10);
    expect(reviewStatusText(null, date)).toMatch(/^Not reviewed yet/);
    expect(reviewStatusText({ reviewedAt: '2026-11-28T10:00:00Z', reviewedBy: 'Rita', upToDate: true }, date)).toBe('Reviewed by Rita on 2026-11-28.');
    expect(reviewStatusText({ reviewedAt: '2026-11-28T10:00:00Z', reviewedBy: 'Rita', upToDate: false }, date)).toMatch(/out of date/);
  });
});
