// Retention decisions as a table of cases (#15 section 1): each row is a call's facts, its holds,
// a policy and a day; the answer is keep-until or destroy-now with the rule that decided it.
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/core/policy';
import { callMetadataExpiringWithin, decideArtifact, decideCallMetadata, decideRetention, expiringWithin, mayDeleteEarly, mayRunDeletionRequest, type ActiveHold, type CallRetentionFacts } from '../../../src/core/retention';
import { editedPolicyText, errorsFor, policyWith } from '../policy/policy-fixture';

const shipped = policyWith();
const deleteOnOutcome = policyWith([['retention', 'deletion', 'onDealClosedOrLost'], 'delete-now'], [['retention', 'afterDealOutcome'], undefined]);
const ignoreOutcome = policyWith([['retention', 'deletion', 'onDealClosedOrLost'], 'keep-until-retention-ends'], [['retention', 'afterDealOutcome'], undefined]);

const discovery: CallRetentionFacts = { recordingId: 'r1', callType: 'discovery', recordedOn: '2027-01-10' };
const legal: CallRetentionFacts = { recordingId: 'r2', callType: 'legal-discussion', recordedOn: '2027-01-10' };
const won: CallRetentionFacts = { ...discovery, deal: { outcome: 'won', decidedOn: '2027-03-01' } };
const lost: CallRetentionFacts = { ...discovery, deal: { outcome: 'lost', decidedOn: '2027-03-01' } };
const legalHold: ActiveHold = { id: 'h-legal', exemptionId: 'legal-hold', issuedOn: '2027-02-01' };
const training: ActiveHold = { id: 'h-train', exemptionId: 'training-library', issuedOn: '2027-02-01' };
const orphan: ActiveHold = { id: 'h-orphan', exemptionId: 'board-request', issuedOn: '2027-02-01' };

type Row = [name: string, facts: CallRetentionFacts, holds: ActiveHold[], policy: typeof shipped, artifact: Parameters<typeof decideArtifact>[4], today: string, expected: Record<string, string>];

const rows: Row[] = [
  ['default 180 days: kept the day before', discovery, [], shipped, 'recording', '2027-07-08', { action: 'keep', until: '2027-07-09', rule: 'retention.default.recording' }],
  ['default 180 days: destroyed on the day', discovery, [], shipped, 'recording', '2027-07-09', { action: 'destroy', dueOn: '2027-07-09', rule: 'retention.default.recording' }],
  ['default 180 days: still due weeks later (a sweep missed while locked)', discovery, [], shipped, 'transcript', '2027-09-01', { action: 'destroy', dueOn: '2027-07-09' }],
  ['summary kept separately (its own 365 days), but never past its transcript', discovery, [], shipped, 'summary', '2027-07-08', { action: 'keep', until: '2027-07-09', rule: 'retention.default.transcript' }],
  ['manual notes have their own period', discovery, [], shipped, 'notes', '2027-07-09', { action: 'destroy', rule: 'retention.default.notes' }],
  ['tags have their own period', discovery, [], shipped, 'tags', '2027-07-08', { action: 'keep', rule: 'retention.default.tags' }],
  ['call type shortens: legal discussion 90 days', legal, [], shipped, 'recording', '2027-04-10', { action: 'destroy', dueOn: '2027-04-10', rule: 'retention.byCallType.legal-discussion.recording' }],
  ['call type lists no summary: it follows the call type\'s transcript', legal, [], shipped, 'summary', '2027-04-10', { action: 'destroy', dueOn: '2027-04-10', rule: 'retention.byCallType.legal-discussion.transcript' }],
  ['deal won: a year from the win', won, [], shipped, 'recording', '2027-07-09', { action: 'keep', until: '2028-02-29', rule: 'retention.afterDealOutcome.won.recording' }],
  ['deal won: destroyed 365 days from the win (a leap year)', won, [], shipped, 'recording', '2028-02-29', { action: 'destroy', dueOn: '2028-02-29' }],
  ['deal lost: 90 days from the loss', lost, [], shipped, 'transcript', '2027-05-30', { action: 'destroy', dueOn: '2027-05-30', rule: 'retention.afterDealOutcome.lost.transcript' }],
  ['deal lost: artifact not listed keeps its period', lost, [], shipped, 'notes', '2027-05-30', { action: 'keep', until: '2027-07-09', rule: 'retention.default.notes' }],
  ['policy deletes on outcome', lost, [], deleteOnOutcome, 'summary', '2027-03-01', { action: 'destroy', dueOn: '2027-03-01', rule: 'retention.deletion.onDealClosedOrLost' }],
  ['policy ignores outcome', won, [], ignoreOutcome, 'recording', '2027-07-09', { action: 'destroy', dueOn: '2027-07-09', rule: 'retention.default.recording' }],
  ['legal hold keeps past the period', discovery, [legalHold], shipped, 'recording', '2030-01-01', { action: 'keep', until: 'until-released', heldBy: 'h-legal', rule: 'retention.exemptions.legal-hold' }],
  ['legal hold keeps a lost deal too', lost, [legalHold], shipped, 'transcript', '2027-06-01', { action: 'keep', until: 'until-released', heldBy: 'h-legal' }],
  ['training exemption: two years from the call', discovery, [training], shipped, 'recording', '2027-07-09', { action: 'keep', until: '2029-01-10', heldBy: 'h-train' }],
  ['training exemption ends after two years', discovery, [training], shipped, 'recording', '2029-01-10', { action: 'destroy', dueOn: '2029-01-10', rule: 'retention.exemptions.training-library' }],
  ['training exemption does not cover the summary', discovery, [training], shipped, 'summary', '2028-01-10', { action: 'destroy', rule: 'retention.default.summary' }],
  ['a hold naming an exemption the policy dropped keeps everything', discovery, [orphan], shipped, 'insights', '2035-01-01', { action: 'keep', until: 'until-released', heldBy: 'h-orphan' }],
  ['the longest hold wins', discovery, [training, legalHold], shipped, 'recording', '2031-01-01', { action: 'keep', until: 'until-released', heldBy: 'h-legal' }],
  ['month arithmetic clamps (6mo from Aug 31)', { ...discovery, recordedOn: '2027-08-31' }, [], policyWith([['retention', 'default', 'recording'], '6mo']), 'recording', '2028-02-29', { action: 'destroy', dueOn: '2028-02-29' }],
];

describe('decideArtifact', () => {
  it.each(rows)('%s', (_name, facts, holds, policy, artifact, today, expected) => {
    expect(decideArtifact(facts, holds, policy, today, artifact)).toMatchObject(expected);
  });

  it('explains every decision in words', () => {
    for (const decision of decideRetention(won, [legalHold], shipped, '2027-05-01')) {
      expect(decision.why.length).toBeGreaterThan(10);
      expect(decision.rule).toMatch(/^retention\./);
    }
  });
});

// The summary follows its transcript (docs/SUMMARIES.md's former open question): a summary, and
// its action items, go on the earlier of their own day and the transcript's, so a summary never
// outlives the transcript it quotes and the call's row is not kept waiting for it. A hold on the
// summary that the transcript lacks keeps the transcript too (its destruction would take the
// held summary with it).
const summaryOnlyHold = policyWith([['retention', 'exemptions', 1, 'appliesTo'], ['summary', 'action-items']]);
const shortSummary = policyWith([['retention', 'default', 'summary'], '30d']);
const demoShort = policyWith([['retention', 'byCallType', 'demo'], { recording: '90d', transcript: '90d', notes: '90d', tags: '90d' }]);
const demo: CallRetentionFacts = { ...discovery, callType: 'demo' };

const followRows: Row[] = [
  ['default: the summary goes with the transcript on day 180, not 365', discovery, [], shipped, 'summary', '2027-07-09', { action: 'destroy', dueOn: '2027-07-09', rule: 'retention.default.transcript' }],
  ['default: the day before, kept until the transcript\'s day', discovery, [], shipped, 'summary', '2027-07-08', { action: 'keep', until: '2027-07-09', rule: 'retention.default.transcript' }],
  ['action items follow the transcript too', discovery, [], shipped, 'action-items', '2027-07-09', { action: 'destroy', dueOn: '2027-07-09', rule: 'retention.default.transcript' }],
  ['a call type that shortens the transcript shortens the summary', legal, [], shipped, 'summary', '2027-04-10', { action: 'destroy', dueOn: '2027-04-10', rule: 'retention.byCallType.legal-discussion.transcript' }],
  ['a policy call-type line for demos', demo, [], demoShort, 'summary', '2027-04-09', { action: 'keep', until: '2027-04-10', rule: 'retention.byCallType.demo.transcript' }],
  ['deal lost: 90 days from the loss, with the transcript', lost, [], shipped, 'summary', '2027-05-30', { action: 'destroy', dueOn: '2027-05-30', rule: 'retention.afterDealOutcome.lost.transcript' }],
  ['deal won: the transcript\'s year from the win comes after the summary\'s own 365 days', won, [], shipped, 'summary', '2028-01-10', { action: 'destroy', dueOn: '2028-01-10', rule: 'retention.default.summary' }],
  ['a shorter summary line still goes on its own day', discovery, [], shortSummary, 'summary', '2027-02-09', { action: 'destroy', dueOn: '2027-02-09', rule: 'retention.default.summary' }],
  ['a shorter summary line leaves the transcript alone', discovery, [], shortSummary, 'transcript', '2027-02-09', { action: 'keep', until: '2027-07-09', rule: 'retention.default.transcript' }],
  ['delete-now on the outcome: both on the outcome day', lost, [], deleteOnOutcome, 'summary', '2027-03-01', { action: 'destroy', dueOn: '2027-03-01', rule: 'retention.deletion.onDealClosedOrLost' }],
  ['legal hold on both: the summary is kept while the transcript is held', discovery, [legalHold], shipped, 'summary', '2030-01-01', { action: 'keep', until: 'until-released', heldBy: 'h-legal' }],
  ['training exemption keeps the transcript; the summary keeps its own (earlier) 365 days', discovery, [training], shipped, 'summary', '2028-01-10', { action: 'destroy', dueOn: '2028-01-10', rule: 'retention.default.summary' }],
  ['training exemption on a lost deal: summary on its own day, not the lost transcript\'s', lost, [training], shipped, 'summary', '2027-05-30', { action: 'keep', until: '2028-01-10', rule: 'retention.default.summary' }],
  ['a hold on the summary alone keeps the summary', discovery, [legalHold], summaryOnlyHold, 'summary', '2030-01-01', { action: 'keep', until: 'until-released', heldBy: 'h-legal' }],
  ['a hold on the summary alone keeps the transcript it quotes', discovery, [legalHold], summaryOnlyHold, 'transcript', '2030-01-01', { action: 'keep', until: 'until-released', heldBy: 'h-legal', rule: 'retention.exemptions.legal-hold' }],
  ['the audio is not kept by the summary\'s hold', discovery, [legalHold], summaryOnlyHold, 'recording', '2030-01-01', { action: 'destroy', dueOn: '2027-07-09', rule: 'retention.default.recording' }],
  ['an orphan hold keeps both', discovery, [orphan], shipped, 'summary', '2035-01-01', { action: 'keep', until: 'until-released', heldBy: 'h-orphan' }],
];

describe('a summary follows its transcript', () => {
  it.each(followRows)('%s', (_name, facts, holds, policy, artifact, today, expected) => {
    expect(decideArtifact(facts, holds, policy, today, artifact)).toMatchObject(expected);
  });

  it('never outlives its transcript on any day of two years, whatever the facts and holds', () => {
    // The day an artifact goes by a decision; 'until-released' sorts after every date.
    const end = (d: ReturnType<typeof decideArtifact>): string => (d.action === 'destroy' ? d.dueOn : d.until === 'until-released' ? '9999-12-31' : d.until);
    let compared = 0;
    for (const facts of [discovery, legal, won, lost, demo]) {
      for (const holds of [[], [training], [legalHold], [training, legalHold]]) {
        for (const policy of [shipped, shortSummary, deleteOnOutcome, ignoreOutcome, summaryOnlyHold, demoShort]) {
          for (const today of ['2027-01-10', '2027-05-30', '2027-07-09', '2028-01-10', '2029-01-10']) {
            const summary = decideArtifact(facts, holds, policy, today, 'summary');
            const transcript = decideArtifact(facts, holds, policy, today, 'transcript');
            expect(end(summary) <= end(transcript)).toBe(true);
            if (transcript.action === 'destroy') {
              expect(summary.action).toBe('destroy');
            }
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBe(5 * 4 * 6 * 5);
  });
});

describe('a policy without a rule for an artifact is invalid', () => {
  it.each(['recording', 'transcript', 'summary', 'action-items', 'notes', 'tags', 'clip', 'insights'])('retention.default.%s missing', (artifact) => {
    const errors = errorsFor(editedPolicyText([['retention', 'default', artifact], undefined]));
    expect(errors.find((e) => e.path === `retention.default.${artifact}`)?.message).toBe(
      `no retention period for "${artifact}": every artifact needs one (nothing is kept forever by default)`,
    );
  });

  it('"forever" is not a period', () => {
    expect(errorsFor(editedPolicyText([['retention', 'default', 'notes'], 'forever'])).some((e) => e.path === 'retention.default.notes')).toBe(true);
  });

  it('counting from the outcome needs the outcome periods, and they are read only then', () => {
    expect(errorsFor(editedPolicyText([['retention', 'afterDealOutcome'], undefined])).map((e) => e.path)).toContain('retention.deletion.onDealClosedOrLost');
    expect(errorsFor(editedPolicyText([['retention', 'deletion', 'onDealClosedOrLost'], 'delete-now'])).map((e) => e.path)).toContain('retention.afterDealOutcome');
  });

  it('the shipped default policy answers every question with a rule', () => {
    const parsed = parsePolicy(editedPolicyText());
    expect(parsed.ok).toBe(true);
  });
});

describe('who may delete early', () => {
  const today = '2027-02-15';
  it.each([
    ['a rep their own call', { roles: ['rep' as const], ownCall: true }, [], true],
    ['a rep someone else\'s call', { roles: ['rep' as const], ownCall: false }, [], false],
    ['an admin any call', { roles: ['admin' as const], ownCall: false }, [], true],
    ['a manager (not in whoMayDelete)', { roles: ['manager' as const], ownCall: false }, [], false],
    ['a rep their own held call', { roles: ['rep' as const], ownCall: true }, [legalHold], false],
    ['an admin a held call', { roles: ['admin' as const, 'rep' as const], ownCall: true }, [legalHold], false],
    ['anyone a call in the training library', { roles: ['admin' as const], ownCall: true }, [training], false],
  ])('%s', (_name, who, holds, allowed) => {
    expect(mayDeleteEarly(who, discovery, holds, shipped, today).allowed).toBe(allowed);
  });

  it('a refusal for a hold names the hold and says why', () => {
    const answer = mayDeleteEarly({ roles: ['rep'], ownCall: true }, discovery, [legalHold], shipped, today);
    expect(answer).toMatchObject({ allowed: false, holdIds: ['h-legal'] });
    expect(!answer.allowed && answer.reason).toMatch(/held and cannot be deleted by anyone: held: Preserved for a legal matter/);
  });

  it('a lapsed training exemption no longer blocks', () => {
    expect(mayDeleteEarly({ roles: ['rep'], ownCall: true }, discovery, [training], shipped, '2029-01-10').allowed).toBe(true);
  });
});

describe('expiring within 14 days', () => {
  it('lists what goes in the window, soonest first, and nothing held or already due', () => {
    const soon = expiringWithin(decideRetention(discovery, [], shipped, '2027-06-30'), '2027-06-30', 14);
    // The summary and its action items go with the transcript (day 180), so they are listed too.
    expect(soon.map((d) => d.artifact).sort()).toEqual(['action-items', 'clip', 'notes', 'recording', 'summary', 'tags', 'transcript']);
    expect(expiringWithin(decideRetention(discovery, [legalHold], shipped, '2027-06-30'), '2027-06-30', 14)).toEqual([]);
    expect(expiringWithin(decideRetention(discovery, [], shipped, '2027-06-24'), '2027-06-24', 14)).toEqual([]);
  });
});

describe('who may run a customer deletion request', () => {
  const adminsOnly = policyWith([['retention', 'deletion', 'whoMayDelete'], ['admin']]);
  it.each([
    ['a rep (own vault)', ['rep' as const], shipped, true],
    ['an admin', ['admin' as const], shipped, true],
    ['a personal install (rep and admin)', ['rep' as const, 'admin' as const], shipped, true],
    ['a manager', ['manager' as const], shipped, false],
    ['HR and legal', ['hr-and-legal' as const], shipped, false],
    ['enablement', ['enablement' as const], shipped, false],
    ['a rep when only admins may delete', ['rep' as const], adminsOnly, false],
    ['no role at all', [], shipped, false],
  ])('%s', (_name, roles, policy, allowed) => {
    const answer = mayRunDeletionRequest(roles, policy);
    expect(answer.allowed).toBe(allowed);
    if (!answer.allowed) {
      expect(answer.reason).toMatch(/The policy lets only .* delete calls/);
    }
  });
});

describe('calls without a recording: the strictest artifact period of their type', () => {
  const shortNotes = policyWith([['retention', 'byCallType', 'discovery'], { notes: '30d' }]);
  const cases: [name: string, callType: string, policy: typeof shipped, holds: ActiveHold[], today: string, expected: Record<string, string>][] = [
    ['discovery, shipped policy: 180 days (recording line, first of the shortest)', 'discovery', shipped, [], '2027-07-08', { action: 'keep', until: '2027-07-09', rule: 'retention.default.recording' }],
    ['discovery, on its day', 'discovery', shipped, [], '2027-07-09', { action: 'destroy', dueOn: '2027-07-09', rule: 'retention.default.recording' }],
    ['legal-discussion: the 90-day call-type line', 'legal-discussion', shipped, [], '2027-04-10', { action: 'destroy', dueOn: '2027-04-10', rule: 'retention.byCallType.legal-discussion.recording' }],
    ['a shorter notes line for the type wins', 'discovery', shortNotes, [], '2027-02-09', { action: 'destroy', dueOn: '2027-02-09', rule: 'retention.byCallType.discovery.notes' }],
    ['an unknown call type: the defaults', 'unheard-of', shipped, [], '2027-07-09', { action: 'destroy', rule: 'retention.default.recording' }],
    ['held on its former recording: kept until released', 'discovery', shipped, [legalHold], '2030-01-01', { action: 'keep', until: 'until-released', heldBy: 'h-legal' }],
  ];
  it.each(cases)('%s', (_name, callType, policy, holds, today, expected) => {
    expect(decideCallMetadata({ callId: 'c1', callType, calledOn: '2027-01-10' }, holds, policy, today)).toMatchObject(expected);
  });
});

describe('calls without a recording: their erasure listed within 14 days', () => {
  const legalCall = { callId: 'c2', callType: 'legal-discussion', calledOn: '2027-01-10' };
  const cases: [name: string, facts: Parameters<typeof decideCallMetadata>[0], holds: ActiveHold[], today: string, expected: Record<string, string> | null][] = [
    ['14 days before its day: listed, with rule and reason', { callId: 'c1', callType: 'discovery', calledOn: '2027-01-10' }, [], '2027-06-25', { until: '2027-07-09', rule: 'retention.default.recording', why: 'a call with no recording is kept no longer than its shortest artifact period (recording, 180 days)' }],
    ['15 days before its day: not yet', { callId: 'c1', callType: 'discovery', calledOn: '2027-01-10' }, [], '2027-06-24', null],
    ['the day before: listed', { callId: 'c1', callType: 'discovery', calledOn: '2027-01-10' }, [], '2027-07-08', { until: '2027-07-09' }],
    ['on its day: due now, the sweep erases it, not listed', { callId: 'c1', callType: 'discovery', calledOn: '2027-01-10' }, [], '2027-07-09', null],
    ['a 90-day call-type line: listed on its own, earlier day', legalCall, [], '2027-04-01', { until: '2027-04-10', rule: 'retention.byCallType.legal-discussion.recording' }],
    ['held on its former recording: never listed', { callId: 'c1', callType: 'discovery', calledOn: '2027-01-10' }, [legalHold], '2027-07-01', null],
  ];
  it.each(cases)('%s', (_name, facts, holds, today, expected) => {
    const soon = callMetadataExpiringWithin(decideCallMetadata(facts, holds, shipped, today), today, 14);
    if (expected === null) {
      expect(soon).toBeNull();
    } else {
      expect(soon).toMatchObject({ action: 'keep', ...expected });
    }
  });
});
