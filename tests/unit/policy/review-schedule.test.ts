import { describe, expect, it } from 'vitest';
import { addDuration, reviewNoticeFor, reviewStatus, type Duration, type ReviewStatus } from '../../../src/core/policy';

const schedule = { afterRollout: [{ amount: 30, unit: 'day' }, { amount: 90, unit: 'day' }] as Duration[], thenEvery: { amount: 6, unit: 'month' } as Duration };
const ROLLOUT = '2026-01-15';

function status(now: string, completedReviews: string[] = [], rolloutDate: string | null = ROLLOUT): ReviewStatus {
  return reviewStatus({ rolloutDate, schedule, completedReviews, now: new Date(`${now}T12:00:00Z`) });
}

describe('calendar arithmetic', () => {
  it('adds days across months and years, and months clamped to the month end', () => {
    expect(addDuration('2026-01-15', { amount: 30, unit: 'day' })).toBe('2026-02-14');
    expect(addDuration('2026-01-15', { amount: 90, unit: 'day' })).toBe('2026-04-15');
    expect(addDuration('2026-08-31', { amount: 6, unit: 'month' })).toBe('2027-02-28');
    expect(addDuration('2027-08-31', { amount: 6, unit: 'month' })).toBe('2028-02-29');
    expect(addDuration('2026-12-31', { amount: 2, unit: 'week' })).toBe('2027-01-14');
    expect(addDuration('2024-02-29', { amount: 1, unit: 'year' })).toBe('2025-02-28');
  });
});

describe('policy review schedule: 30 days, 90 days, then every six months', () => {
  it('first review is due 30 days after rollout', () => {
    expect(status('2026-01-20')).toMatchObject({ kind: 'scheduled', nextDue: '2026-02-14', state: 'upcoming', daysUntilDue: 25, milestone: { kind: 'after-rollout', index: 0 } });
    expect(status('2026-02-14')).toMatchObject({ nextDue: '2026-02-14', state: 'due', daysUntilDue: 0 });
    expect(status('2026-02-20')).toMatchObject({ nextDue: '2026-02-14', state: 'overdue', daysUntilDue: -6 });
  });

  it('after the 30-day review, the 90-day review', () => {
    expect(status('2026-02-20', ['2026-02-14'])).toMatchObject({ nextDue: '2026-04-15', state: 'upcoming', milestone: { kind: 'after-rollout', index: 1 } });
  });

  it('a late 30-day review still counts, and does not also count for the 90-day one', () => {
    expect(status('2026-03-01', ['2026-02-25'])).toMatchObject({ nextDue: '2026-04-15', milestone: { index: 1 } });
    expect(status('2026-04-20', ['2026-02-25'])).toMatchObject({ nextDue: '2026-04-15', state: 'overdue' });
  });

  it('a review held before the 30-day mark counts for it, but a second one before day 30 does not count for day 90', () => {
    expect(status('2026-02-20', ['2026-02-01', '2026-02-10'])).toMatchObject({ nextDue: '2026-04-15', milestone: { index: 1 } });
  });

  it('then every six months from the last review held', () => {
    expect(status('2026-05-01', ['2026-02-14', '2026-04-15'])).toMatchObject({ nextDue: '2026-10-15', state: 'upcoming', milestone: { kind: 'periodic', since: '2026-04-15' } });
    expect(status('2026-11-27', ['2026-02-14', '2026-04-15'])).toMatchObject({ nextDue: '2026-10-15', state: 'overdue', daysUntilDue: -43 });
    expect(status('2026-11-27', ['2026-04-15', '2026-02-14', '2026-10-20'])).toMatchObject({ nextDue: '2027-04-20', state: 'upcoming' });
  });

  it('ignores malformed dates and reviews before rollout (they cannot show a review happened)', () => {
    expect(status('2026-02-20', ['2025-12-01', 'last week', '2026-02-30'])).toMatchObject({ nextDue: '2026-02-14', state: 'overdue' });
  });

  it('cannot schedule anything without a rollout date', () => {
    expect(status('2026-02-20', [], null)).toEqual({ kind: 'no-rollout-date' });
  });
});

describe('who is told', () => {
  it('only admins see a due or overdue review', () => {
    const due = status('2026-02-20');
    expect(reviewNoticeFor(['rep'], due)).toBeUndefined();
    expect(reviewNoticeFor(['manager', 'sales-leadership'], due)).toBeUndefined();
    expect(reviewNoticeFor(['rep', 'admin'], due)?.message).toBe('The governance policy review is overdue by 6 days: the review 30 days after rollout was due on 2026-02-14.');
    expect(reviewNoticeFor(['admin'], status('2026-02-14'))?.message).toMatch(/due today/);
  });

  it('nothing is shown while the review is upcoming', () => {
    expect(reviewNoticeFor(['admin'], status('2026-01-20'))).toBeUndefined();
  });

  it('admins are told when no rollout date is set', () => {
    expect(reviewNoticeFor(['admin'], status('2026-01-20', [], null))?.message).toMatch(/no rollout date/);
  });
});
