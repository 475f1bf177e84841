import { describe, expect, it } from 'vitest';
import {
  chooseConsentScript,
  consentRequirement,
  declineHandling,
  describeConsentTrigger,
  lateJoinHandling,
  matchRegion,
  RECORDER,
  withdrawalHandling,
} from '../../../src/core/policy';
import { policyWith } from './policy-fixture';

const consent = policyWith().consent;
const person = (email: string, region?: string) => ({ name: email.split('@')[0] ?? email, email, region });

describe('region matching', () => {
  const groups = { EEA: ['DE', 'FR', 'NO'] };

  it('matches a code, a subdivision of a listed country, and members of a group', () => {
    expect(matchRegion('US-CA', ['US-CA'], groups)).toEqual({ kind: 'match', entry: 'US-CA' });
    expect(matchRegion('CA-QC', ['CA'], groups)).toEqual({ kind: 'match', entry: 'CA' });
    expect(matchRegion('DE', ['EEA'], groups)).toEqual({ kind: 'match', entry: 'EEA' });
    expect(matchRegion('DE-BY', ['EEA'], groups)).toEqual({ kind: 'match', entry: 'EEA' });
  });

  it('does not match other regions', () => {
    expect(matchRegion('US-NY', ['US-CA', 'EEA'], groups)).toEqual({ kind: 'none' });
    expect(matchRegion('CH', ['EEA'], groups)).toEqual({ kind: 'none' });
  });

  it('calls a bare country ambiguous when the list names one of its subdivisions', () => {
    expect(matchRegion('US', ['US-CA'], groups)).toEqual({ kind: 'ambiguous', entry: 'US-CA' });
  });
});

describe('whose consent is needed (default policy)', () => {
  it('a customer-side yes when every region is known and none is all-party', () => {
    expect(consentRequirement(consent, [person('a@x.example', 'US-NY'), person('b@x.example', 'US-TX')])).toEqual({ requiredFrom: 'customer-side', because: [] });
  });

  it.each(['US-CA', 'US-WA', 'DE', 'fr', 'NO', 'GB', 'UK', 'gb'])('everyone when a participant is in %s', (region) => {
    expect(consentRequirement(consent, [person('a@x.example', 'US-NY'), person('b@x.example', region)]).requiredFrom).toBe('all');
  });

  it('everyone when a region is missing, unreadable or only "US"', () => {
    const requirement = consentRequirement(consent, [person('a@x.example'), person('b@x.example', 'Narnia'), person('c@x.example', 'US')]);
    expect(requirement.requiredFrom).toBe('all');
    expect(requirement.because.map((t) => t.kind)).toEqual(['unknown-region', 'unknown-region', 'ambiguous-region']);
    expect(requirement.because.map(describeConsentTrigger)).toEqual([
      'No region is given for a@x.example, so every participant must consent.',
      'The region "Narnia" given for b@x.example is not a region code, so every participant must consent.',
      'c@x.example is in US; the policy lists US-CA, so every participant must consent unless a more precise region is given.',
    ]);
  });

  it('the recorder’s own all-party region binds the call too', () => {
    const requirement = consentRequirement(consent, [person('a@x.example', 'US-NY')], 'US-CA');
    expect(requirement.because).toEqual([{ kind: 'all-party-region', who: RECORDER, region: 'US-CA', entry: 'US-CA' }]);
  });

  it('a policy can treat unknown regions as the default, or ask everyone everywhere', () => {
    const lenient = policyWith([['consent', 'unknownRegion'], 'default']).consent;
    expect(consentRequirement(lenient, [person('a@x.example')]).requiredFrom).toBe('customer-side');
    const strict = policyWith([['consent', 'requiredFrom'], 'all']).consent;
    expect(consentRequirement(strict, [person('a@x.example', 'US-NY')])).toEqual({ requiredFrom: 'all', because: [{ kind: 'policy-default' }] });
  });
});

describe('consent scripts', () => {
  it('the default script when no rule matches', () => {
    expect(chooseConsentScript(consent, 'demo', [person('a@x.example', 'DE')])?.id).toBe('seed-record-notes');
  });

  it('the first matching rule by call type and region', () => {
    const ruled = policyWith([
      ['consent', 'scriptRules'],
      [
        { regions: ['EEA'], script: 'seed-note-taking' },
        { callTypes: ['demo'], script: 'seed-record-notes' },
      ],
    ]).consent;
    expect(chooseConsentScript(ruled, 'demo', [person('a@x.example', 'US-NY'), person('b@x.example', 'de')])?.id).toBe('seed-note-taking');
    expect(chooseConsentScript(ruled, 'demo', [person('a@x.example', 'US-NY')])?.id).toBe('seed-record-notes');
    expect(chooseConsentScript(ruled, 'discovery', [person('a@x.example')])?.id).toBe('seed-record-notes');
  });
});

describe('decline, withdrawal and late join', () => {
  it('a decline stops the recording and the meeting goes on without it', () => {
    expect(declineHandling(consent).actions).toEqual(['stop-recording', 'continue-meeting-without-recording', 'take-manual-notes', 'remove-ai-assistant', 'log-response']);
  });

  it('a withdrawal stops the recording and destroys what was captured (default)', () => {
    expect(withdrawalHandling(consent)).toMatchObject({ capturedAudio: 'delete-all' });
    expect(withdrawalHandling(consent).actions[0]).toBe('stop-recording');
  });

  it('a late joiner from an all-party region pauses the recording and makes the call all-party', () => {
    const current = consentRequirement(consent, [person('a@x.example', 'US-NY')]);
    const handling = lateJoinHandling(consent, current, person('late@x.example', 'US-CA'));
    expect(handling.pauseRecording).toBe(true);
    expect(handling.requirement.requiredFrom).toBe('all');
    expect(handling.actions).toEqual(expect.arrayContaining(['disclose-recording', 'ask-consent']));
  });

  it('a late joiner from a one-party region is told and asked without pausing, unless the policy says always', () => {
    const current = consentRequirement(consent, [person('a@x.example', 'US-NY')]);
    expect(lateJoinHandling(consent, current, person('late@x.example', 'US-TX'))).toMatchObject({ pauseRecording: false, requirement: { requiredFrom: 'customer-side' } });
    const always = policyWith([['consent', 'onLateJoin', 'pauseUntilConsent'], 'always']).consent;
    expect(lateJoinHandling(always, current, person('late@x.example', 'US-TX')).pauseRecording).toBe(true);
  });

  it('on an all-party call every late joiner pauses the recording', () => {
    const current = consentRequirement(consent, [person('a@x.example', 'DE')]);
    expect(lateJoinHandling(consent, current, person('late@x.example', 'US-TX')).pauseRecording).toBe(true);
  });
});
