// The contract's summary uses are the policy's summaryReview gate ids (the contract cannot import
// core): a use added to one and not the other would make the policy unable to name it.
import { describe, expect, it } from 'vitest';
import { reviewRequired } from '../../../src/app/export/shared-artifact';
import { SUMMARY_GATES } from '../../../src/core/policy/policy-schema';
import { SUMMARY_USES } from '../../../src/shared/contract/summary';

describe('summary uses', () => {
  it('are exactly the policy gate ids', () => {
    expect([...SUMMARY_USES]).toEqual([...SUMMARY_GATES]);
  });

  it('need review when listed, when unnamed, and for every use when no policy could be read', () => {
    expect(reviewRequired('update-crm-notes', ['update-crm-notes'])).toBe(true);
    expect(reviewRequired('update-crm-notes', ['send-follow-up-email'])).toBe(false);
    expect(reviewRequired(undefined, ['send-follow-up-email'])).toBe(true);
    expect(reviewRequired('management-decision', undefined)).toBe(true);
  });
});
