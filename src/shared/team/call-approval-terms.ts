import { CALL_APPROVAL_MAX_DAYS } from './api';

/**
 * Terms of a call approval request that the rep's app, its New recording form and the CLI read
 * alike.
 *
 * The validity window of a call approval request as a rep picks it: whole days, from the start
 * of the first to the end of the last, in this computer's time zone. Shared by New recording's
 * "Ask for approval" dialog and `callvault approval request`, so both ask the server (which
 * allows at most CALL_APPROVAL_MAX_DAYS, ending in the future, starting within 90 days) the same.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 3600_000;
/** How far ahead a window may start (the server's limit). */
export const APPROVAL_MAX_LEAD_DAYS = 90;
/** The window New recording and the CLI offer unless the rep changes it: today and the next 7 days. */
export const APPROVAL_DEFAULT_DAYS = 7;

/** A local calendar day as YYYY-MM-DD. */
export function dayText(date: Date): string {
  return `${String(date.getFullYear()).padStart(4, '0')}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The local day `days` after `date`'s. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

function startOfDay(text: string): Date | undefined {
  const match = DAY.exec(text.trim());
  if (match === null) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // 2026-02-30 rolls over to March: not a day.
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : undefined;
}

export type ApprovalWindow = { readonly ok: true; readonly validFrom: string; readonly validUntil: string } | { readonly ok: false; readonly message: string };

/** The window from the start of `fromDay` to the end of `toDay` (YYYY-MM-DD), or what is wrong with it. */
export function approvalWindow(fromDay: string, toDay: string, now: Date): ApprovalWindow {
  const from = startOfDay(fromDay);
  const to = startOfDay(toDay);
  if (from === undefined || to === undefined) {
    return { ok: false, message: 'Give the first and the last day as dates (YYYY-MM-DD).' };
  }
  const until = addDays(to, 1);
  if (to.getTime() < from.getTime()) {
    return { ok: false, message: 'The last day comes before the first day.' };
  }
  if (Math.round((until.getTime() - from.getTime()) / DAY_MS) > CALL_APPROVAL_MAX_DAYS) {
    return { ok: false, message: `An approval covers at most ${String(CALL_APPROVAL_MAX_DAYS)} days: choose a last day up to ${dayText(addDays(from, CALL_APPROVAL_MAX_DAYS - 1))}.` };
  }
  if (until.getTime() <= now.getTime()) {
    return { ok: false, message: 'The window is over already: choose today or a later day.' };
  }
  if (from.getTime() > addDays(now, APPROVAL_MAX_LEAD_DAYS).getTime()) {
    return { ok: false, message: `An approval can be asked for at most ${String(APPROVAL_MAX_LEAD_DAYS)} days ahead.` };
  }
  // A daylight-saving change inside the window can make 14 local days an hour longer than the
  // server's limit: the end is pulled in by that hour rather than refused.
  const end = Math.min(until.getTime(), from.getTime() + CALL_APPROVAL_MAX_DAYS * DAY_MS);
  return { ok: true, validFrom: from.toISOString(), validUntil: new Date(end).toISOString() };
}

/** Whether an approval's account is this call's: case, spaces and Unicode composition aside. */
export function sameAccount(a: string, b: string): boolean {
  return a.trim().normalize('NFC').toLowerCase() === b.trim().normalize('NFC').toLowerCase();
}
