import { describe, expect, it } from 'vitest';
import { CustomerIdentifiersSchema, CustomerMatcher, refLabel } from '../../../src/core/deletion/customer-match';
import { planDeletion, type RecordingFinding } from '../../../src/core/deletion/deletion-plan';

const ids = CustomerIdentifiersSchema.parse({
  emails: ['Jane.Doe@acme.com', 'jd_42@mail.example.org'],
  names: ['Jane Doe'],
  phones: ['+1 (555) 123-4567', '555 9876'],
  accounts: ['Acme Industrial'],
});
const matcher = new CustomerMatcher(ids);
const labels = (text: string): string[] => matcher.mentions(text).map(refLabel);

describe('finding a customer in what was written or said', () => {
  it.each([
    // Emails, written and spoken.
    // Written, the address's parts are also the name's words.
    ['my email is jane.doe@acme.com', ['email #1', 'name #1']],
    ['MY EMAIL IS JANE.DOE@ACME.COM', ['email #1', 'name #1']],
    ['it is jane dot doe at acme dot com', ['email #1']],
    ['Jane dot Doe at Acme dot com, thanks', ['email #1']],
    ['jane period doe at acme period com', ['email #1']],
    ['write to j d underscore four two at mail dot example dot org', []],
    ['write to jd underscore forty-two at mail dot example dot org', ['email #2']],
    ['write to jd underscore four two at mail dot example dot org', ['email #2']],
    ['jd_42@mail.example.org', ['email #2']],
    ['jane at acme dot com', []],
    ['doe at acme dot com', []],
    // Names in any case and order; never a part of a word.
    ['I spoke with jane doe yesterday', ['name #1']],
    ['JANE DOE called', ['name #1']],
    ['Doe, Jane: signed', ['name #1']],
    ['Janet Doerr called', []],
    ['Jane called, then Doe', []],
    // Phones: written with or without the country code, and spoken digit by digit.
    ['call me on +1 555 123 4567', ['phone #1']],
    ['call me on (555) 123-4567', ['phone #1']],
    ['five five five one two three four five six seven', ['phone #1']],
    ['five five five, one two three, four five six seven', ['phone #1']],
    ['double five five one two three four five six seven', ['phone #1']],
    ['five five five nine eight seven six', ['phone #2']],
    ['the number ends in four five six seven', []],
    ['reference 15551234567890', ['phone #1']],
    // Accounts are not looked for in free text.
    ['Acme Industrial renewal', []],
    ['nothing about them here', []],
  ])('%s', (text, expected) => {
    expect(labels(text).sort()).toEqual([...expected].sort());
  });

  it('matches participants by exact email or name, accounts by the call field', () => {
    expect(matcher.participant({ name: 'Someone', email: 'JANE.DOE@acme.com ' }).map(refLabel)).toEqual(['email #1']);
    expect(matcher.participant({ name: 'jane doe', email: 'other@x.example' }).map(refLabel)).toEqual(['name #1']);
    expect(matcher.participant({ name: 'John Roe', email: 'jane.doe@acme.co' })).toEqual([]);
    expect(matcher.account('ACME industrial (EMEA)').map(refLabel)).toEqual(['account #1']);
    expect(matcher.account('Acme Holdings')).toEqual([]);
  });

  it('refuses requests with nothing to look for or identifiers that are not what they say', () => {
    expect(CustomerIdentifiersSchema.safeParse({}).success).toBe(false);
    expect(CustomerIdentifiersSchema.safeParse({ emails: ['not an email'] }).success).toBe(false);
    expect(CustomerIdentifiersSchema.safeParse({ phones: ['12'] }).success).toBe(false);
    expect(CustomerIdentifiersSchema.safeParse({ phones: ['call 5551234'] }).success).toBe(false);
    expect(CustomerIdentifiersSchema.safeParse({ names: ['Jane'], extra: 1 }).success).toBe(false);
  });
});

describe('planning a deletion', () => {
  const base = { clips: [], holds: [], alreadyDestroyed: [] } as const;
  it('takes whole calls, lone notes or tags, revokes clips, and keeps held calls with the hold named', () => {
    const findings: RecordingFinding[] = [
      { ...base, recordingId: 'spoken', hits: [{ where: 'transcript', detail: 'v1', refs: [{ kind: 'email', index: 1 }] }], clips: [{ shareId: 's1', state: 'sent' }, { shareId: 's0', state: 'revoked' }] },
      { ...base, recordingId: 'notes-only', hits: [{ where: 'notes', detail: 'call notes', refs: [{ kind: 'name', index: 1 }] }], clips: [{ shareId: 's2', state: 'sent' }] },
      { ...base, recordingId: 'held', hits: [{ where: 'participant', detail: 'participants', refs: [{ kind: 'email', index: 1 }] }], holds: [{ id: 'h1', exemptionId: 'legal-hold' }], clips: [{ shareId: 's3', state: 'pending' }] },
      { ...base, recordingId: 'half-gone', hits: [{ where: 'consent', detail: 'consent records', refs: [{ kind: 'email', index: 1 }] }], alreadyDestroyed: ['recording'] },
      { ...base, recordingId: 'none', hits: [] },
    ];
    expect(planDeletion(findings)).toEqual({
      destroy: [
        { recordingId: 'spoken', artifacts: ['recording', 'transcript', 'summary', 'notes', 'tags'], whole: true },
        { recordingId: 'notes-only', artifacts: ['notes'], whole: false },
        { recordingId: 'half-gone', artifacts: ['transcript', 'summary', 'notes', 'tags'], whole: true },
      ],
      kept: [{ recordingId: 'held', holds: [{ id: 'h1', exemptionId: 'legal-hold' }], clips: ['s3'] }],
      revoke: ['s1'],
      eraseCalls: [],
      keptCalls: [],
    });
  });

  it('erases calls without a recording whole on any hit (notes alone included), keeps one a hold names, ignores one without a hit', () => {
    const hit = (where: 'participant' | 'consent' | 'account' | 'title' | 'notes') => [{ where, detail: where, refs: [{ kind: 'email' as const, index: 1 }] }];
    const table = [
      { callId: 'declined', hits: hit('consent'), holds: [], erased: true },
      { callId: 'never-started', hits: hit('account'), holds: [], erased: true },
      { callId: 'deleted-recording', hits: hit('participant'), holds: [], erased: true },
      { callId: 'notes-only', hits: hit('notes'), holds: [], erased: true },
      { callId: 'title-only', hits: hit('title'), holds: [], erased: true },
      { callId: 'held', hits: hit('participant'), holds: [{ id: 'h9', exemptionId: 'legal-hold' }], erased: false },
      { callId: 'no-hit', hits: [], holds: [], erased: false },
    ];
    const plan = planDeletion([], table);
    expect(plan.eraseCalls).toEqual(table.filter((c) => c.erased).map((c) => c.callId));
    expect(plan.keptCalls).toEqual([{ callId: 'held', holds: [{ id: 'h9', exemptionId: 'legal-hold' }] }]);
    expect(plan.destroy).toEqual([]);
  });
});
