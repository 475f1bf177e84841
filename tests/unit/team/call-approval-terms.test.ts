// The validity window a rep picks in days (New recording's dialog and `callvault approval
// request`), bounded as the team server bounds it: at most 14 days, not over, not more than 90
// days ahead; and the account comparison the form and the app's check share.
import { describe, expect, it } from 'vitest';
import { CALL_APPROVAL_MAX_DAYS } from '../../../src/shared/team/api';
import { addDays, approvalWindow, dayText, sameAccount } from '../../../src/shared/team/call-approval-terms';

const DAY_MS = 24 * 3600_000;
const now = new Date(2026, 11, 2, 15, 30);

describe('approvalWindow', () => {
  it('runs from the start of the first day to the end of the last, local time', () => {
    const w = approvalWindow('2026-12-02', '2026-12-09', now);
    expect(w).toEqual({ ok: true, validFrom: new Date(2026, 11, 2).toISOString(), validUntil: new Date(2026, 11, 10).toISOString() });
  });

  it('allows 14 days and refuses 15, naming the last day allowed', () => {
    const ok = approvalWindow('2026-12-02', dayText(addDays(new Date(2026, 11, 2), 13)), now);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(Date.parse(ok.validUntil) - Date.parse(ok.validFrom)).toBeLessThanOrEqual(CALL_APPROVAL_MAX_DAYS * DAY_MS);
    }
    expect(approvalWindow('2026-12-02', '2026-12-16', now)).toEqual({ ok: false, message: expect.stringMatching(/at most 14 days: choose a last day up to 2026-12-15/) as unknown });
  });

  it('refuses a window that is over, reversed, too far ahead, or not made of dates', () => {
    expect(approvalWindow('2026-11-20', '2026-12-01', now)).toMatchObject({ ok: false, message: expect.stringMatching(/over already/) as unknown });
    expect(approvalWindow('2026-12-05', '2026-12-03', now)).toMatchObject({ ok: false, message: expect.stringMatching(/before the first/) as unknown });
    expect(approvalWindow('2027-04-01', '2027-04-02', now)).toMatchObject({ ok: false, message: expect.stringMatching(/90 days ahead/) as unknown });
    for (const [from, to] of [['2026-02-30', '2026-03-02'], ['tomorrow', '2026-12-03'], ['2026-12-02', ''], ['2026-12-2', '2026-12-03']] as const) {
      expect(approvalWindow(from, to, now)).toMatchObject({ ok: false, message: expect.stringMatching(/as dates/) as unknown });
    }
  });

  it('keeps a 14-day window across a daylight-saving change within the server limit', () => {
    // Whatever the machine's zone, no 14 local days may exceed 14 x 24 h.
    for (let month = 0; month < 12; month += 1) {
      const from = new Date(2027, month, 1);
      const w = approvalWindow(dayText(from), dayText(addDays(from, 13)), new Date(2026, 11, 31));
      if (w.ok) {
        expect(Date.parse(w.validUntil) - Date.parse(w.validFrom)).toBeLessThanOrEqual(CALL_APPROVAL_MAX_DAYS * DAY_MS);
      }
    }
  });
});

describe('sameAccount', () => {
  it('ignores case, surrounding spaces and Unicode composition, nothing else', () => {
    expect(sameAccount(' Quillfeather Pharma ', 'quillfeather pharma')).toBe(true);
    expect(sameAccount('Café Noir', 'CAFE\u0301 NOIR')).toBe(true);
    expect(sameAccount('Quillfeather Pharma', 'Quillfeather Pharma Ltd')).toBe(false);
  });
});
