import { addDuration, compareDates, dayNumber, formatDuration, isCalendarDate, utcDay, type Duration } from './calendar';
import type { Policy, Role } from './policy-schema';
import { assertNever } from '../../shared/assert';

export type ReviewMilestone =
  /** A fixed review counted from rollout (the framework's 30 and 90 days). */
  | { readonly kind: 'after-rollout'; readonly offset: Duration; readonly index: number }
  /** A recurring review counted from the last one held (the framework's "every six months"). */
  | { readonly kind: 'periodic'; readonly every: Duration; readonly since: string };

export type ReviewStatus =
  | { readonly kind: 'no-rollout-date' }
  | {
      readonly kind: 'scheduled';
      readonly nextDue: string;
      readonly milestone: ReviewMilestone;
      /** "due" on the day itself, "overdue" after it. */
      readonly state: 'upcoming' | 'due' | 'overdue';
      /** Negative once overdue. */
      readonly daysUntilDue: number;
    };

export interface ReviewScheduleInput {
  readonly rolloutDate: string | null;
  readonly schedule: Pick<Policy['review'], 'afterRollout' | 'thenEvery'>;
  /** Days (YYYY-MM-DD) on which reviews were held, in any order. */
  readonly completedReviews: readonly string[];
  readonly now: Date;
}

/**
 * When the next policy review is due. The fixed reviews after rollout are met in order, each by
 * the first review held on or after the previous one's due date (or rollout, for the first); a
 * review held late still counts, and one review meets only one milestone. After them, the next
 * review is due `thenEvery` after the most recent review held, so a late review moves the
 * following one back instead of leaving two due at once. Days are UTC days.
 */
export function reviewStatus(input: ReviewScheduleInput): ReviewStatus {
  const { rolloutDate, schedule } = input;
  if (rolloutDate === null || !isCalendarDate(rolloutDate)) {
    return { kind: 'no-rollout-date' };
  }
  // Malformed or pre-rollout dates cannot show a review happened; ignoring them errs towards "due".
  const held = [...new Set(input.completedReviews.filter((d) => isCalendarDate(d) && compareDates(d, rolloutDate) >= 0))].sort(compareDates);
  let next = 0;
  let windowOpens = rolloutDate;
  for (const [index, offset] of schedule.afterRollout.entries()) {
    const due = addDuration(rolloutDate, offset);
    while (next < held.length && compareDates(held[next] ?? '', windowOpens) < 0) {
      next += 1;
    }
    if (next >= held.length) {
      return scheduled(due, { kind: 'after-rollout', offset, index }, input.now);
    }
    next += 1;
    windowOpens = due;
  }
  const since = held.at(-1) ?? rolloutDate;
  return scheduled(addDuration(since, schedule.thenEvery), { kind: 'periodic', every: schedule.thenEvery, since }, input.now);
}

function scheduled(nextDue: string, milestone: ReviewMilestone, now: Date): ReviewStatus {
  const daysUntilDue = dayNumber(nextDue) - dayNumber(utcDay(now));
  const state = daysUntilDue > 0 ? 'upcoming' : daysUntilDue === 0 ? 'due' : 'overdue';
  return { kind: 'scheduled', nextDue, milestone, state, daysUntilDue };
}

export function describeMilestone(milestone: ReviewMilestone): string {
  switch (milestone.kind) {
    case 'after-rollout':
      return `the review ${formatDuration(milestone.offset)} after rollout`;
    case 'periodic':
      return `the review every ${formatDuration(milestone.every)} (last held ${milestone.since})`;
    default:
      return assertNever(milestone);
  }
}

export interface ReviewNotice {
  readonly message: string;
}

/**
 * What to tell this user about the policy review, if anything. Only admins are told: they
 * run the review; reps need not see governance housekeeping. A missing rollout date is shown
 * too, because without it no review ever falls due.
 */
export function reviewNoticeFor(roles: readonly Role[], status: ReviewStatus): ReviewNotice | undefined {
  if (!roles.includes('admin')) {
    return undefined;
  }
  if (status.kind === 'no-rollout-date') {
    return { message: 'The policy has no rollout date, so its review schedule cannot start. Set policy.rolloutDate.' };
  }
  switch (status.state) {
    case 'upcoming':
      return undefined;
    case 'due':
      return { message: `The governance policy review is due today: ${describeMilestone(status.milestone)}.` };
    case 'overdue':
      return { message: `The governance policy review is overdue by ${-status.daysUntilDue} days: ${describeMilestone(status.milestone)} was due on ${status.nextDue}.` };
    default:
      return assertNever(status.state);
  }
}
