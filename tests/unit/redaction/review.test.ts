import { describe, expect, it } from 'vitest';
import {
  addFinding,
  detectSensitive,
  dismissFinding,
  finalRedactionSet,
  findingId,
  restoreFinding,
  ReviewError,
  startReview,
} from '../../../src/core/redaction';

const text = 'Call 415-555-0142 about order 7, my colleague Priya Raman will join.';

describe('review model', () => {
  const detected = detectSensitive(text);
  const phone = detected[0];

  it('starts with every detected finding in the final set', () => {
    const state = startReview(text.length, detected);
    expect(finalRedactionSet(state).map((f) => f.type)).toEqual(['PHONE']);
  });

  it('lets the rep add what the detectors missed', () => {
    const start = text.indexOf('Priya Raman');
    const state = addFinding(startReview(text.length, detected), { start, end: start + 11, type: 'HEALTH_ID' });
    const final = finalRedactionSet(state);
    expect(final.map((f) => [f.type, f.origin])).toEqual([
      ['PHONE', 'detected'],
      ['HEALTH_ID', 'rep'],
    ]);
    expect(final[1]?.rule).toBe('review.rep-added');
  });

  it('dismisses with a reason, and restore brings it back', () => {
    expect(phone).toBeDefined();
    const id = findingId(phone!);
    const dismissed = dismissFinding(startReview(text.length, detected), id, 'Company switchboard, public number');
    expect(finalRedactionSet(dismissed)).toEqual([]);
    expect(dismissed.dismissals.get(id)?.reason).toBe('Company switchboard, public number');
    expect(finalRedactionSet(restoreFinding(dismissed, id)).map((f) => f.type)).toEqual(['PHONE']);
  });

  it('re-adding a dismissed finding redacts it again', () => {
    const id = findingId(phone!);
    const dismissed = dismissFinding(startReview(text.length, detected), id, 'not sensitive');
    const readded = addFinding(dismissed, { start: phone!.start, end: phone!.end, type: 'PHONE' });
    expect(finalRedactionSet(readded)).toHaveLength(1);
  });

  it('refuses a dismissal without a reason or for an unknown finding', () => {
    const state = startReview(text.length, detected);
    expect(() => dismissFinding(state, findingId(phone!), '  ')).toThrow(ReviewError);
    expect(() => dismissFinding(state, findingId({ start: 0, end: 1, type: 'SSN' }), 'because')).toThrow(ReviewError);
  });

  it('refuses an added span outside the transcript', () => {
    const state = startReview(text.length, detected);
    expect(() => addFinding(state, { start: 5, end: text.length + 1, type: 'SSN' })).toThrow(ReviewError);
    expect(() => addFinding(state, { start: 5, end: 5, type: 'SSN' })).toThrow(ReviewError);
  });

  it('never mutates a previous state', () => {
    const state = startReview(text.length, detected);
    dismissFinding(state, findingId(phone!), 'not sensitive');
    expect(finalRedactionSet(state)).toHaveLength(1);
  });
});
