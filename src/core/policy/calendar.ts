import { assertNever } from '../../shared/assert';

/**
 * Calendar dates (YYYY-MM-DD, no time zone) and the durations a policy uses. Policy dates are
 * days, not instants; "now" is turned into a day in UTC so every device agrees on which day a
 * review falls due.
 */

export type DurationUnit = 'day' | 'week' | 'month' | 'year';

/** A whole positive number of calendar units, as written in the policy ("90d", "6mo"). */
export interface Duration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION_SHAPE = /^(\d{1,4})\s*(d|days?|w|weeks?|mo|months?|y|years?)$/i;

/** Whether `text` is a real calendar date in YYYY-MM-DD form (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  const match = DATE_SHAPE.exec(text);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Days since 1970-01-01 for a valid YYYY-MM-DD date. */
export function dayNumber(date: string): number {
  const match = DATE_SHAPE.exec(date);
  if (!match || !isCalendarDate(date)) {
    throw new Error(`"${date}" is not a calendar date in YYYY-MM-DD form.`);
  }
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

export function dateFromDayNumber(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** The UTC calendar day of an instant. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** Compares two YYYY-MM-DD dates (the format sorts as text). */
export function compareDates(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `date` plus `duration`. Months and years keep the day of the month and clamp to the month's
 * last day (2026-08-31 + 6 months = 2027-02-28), the way people count "six months after".
 */
export function addDuration(date: string, duration: Duration): string {
  const start = dayNumber(date);
  switch (duration.unit) {
    case 'day':
      return dateFromDayNumber(start + duration.amount);
    case 'week':
      return dateFromDayNumber(start + 7 * duration.amount);
    case 'month':
    case 'year': {
      const months = duration.unit === 'year' ? 12 * duration.amount : duration.amount;
      const base = new Date(start * 86_400_000);
      const targetMonth = base.getUTCMonth() + months;
      const lastDay = new Date(Date.UTC(base.getUTCFullYear(), targetMonth + 1, 0)).getUTCDate();
      return utcDay(new Date(Date.UTC(base.getUTCFullYear(), targetMonth, Math.min(base.getUTCDate(), lastDay))));
    }
    default:
      return assertNever(duration.unit);
  }
}

/** Reads "90d", "12w", "6mo", "1y" or the spelled-out "90 days", "6 months", "1 year". */
export function parseDuration(text: string): Duration | undefined {
  const match = DURATION_SHAPE.exec(text.trim());
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  const amount = Number(match[1]);
  if (amount < 1) {
    return undefined;
  }
  const unitText = match[2].toLowerCase();
  const unit: DurationUnit = unitText.startsWith('mo') ? 'month' : unitText.startsWith('d') ? 'day' : unitText.startsWith('w') ? 'week' : 'year';
  return { amount, unit };
}

export function formatDuration(duration: Duration): string {
  return `${duration.amount} ${duration.unit}${duration.amount === 1 ? '' : 's'}`;
}

/** Approximate length in days, for ordering and sanity limits only (never for due dates). */
export function approximateDays(duration: Duration): number {
  const perUnit = { day: 1, week: 7, month: 30.44, year: 365.25 } as const;
  return duration.amount * perUnit[duration.unit];
}
