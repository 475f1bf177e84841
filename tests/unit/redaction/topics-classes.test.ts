import { describe, expect, it } from 'vitest';
import { flagSegmentTopics, flagTopics, type Topic } from '../../../src/core/redaction';

const topics = (text: string): Topic[] => flagTopics(text).map((f) => f.topic);

describe('topic classes: a confidential subject said with a secrecy signal', () => {
  it.each([
    ['SECURITY', 'Keep it to yourself, but a tablet with our client list got stolen from a car and nothing on it was encrypted.'],
    ['SECURITY', 'Confidentially, an old vendor login was still active and somebody was logging in from abroad.'],
    ['SECURITY', 'Our build secrets sat in a public repo for days before anyone noticed.'],
    ['SECURITY', 'Invoices for two clients were sent to the wrong recipient last month, nobody outside the team knows.'],
    ['FINANCIAL', 'Not for the minutes, but we have maybe five months of runway.'],
    ['FINANCIAL', 'Between us, the whole business unit is up for sale.'],
    ['FINANCIAL', 'Off the record, the travel budget got slashed by half this week.'],
    ['FINANCIAL', "We're going to write off the retail division, that isn't public yet."],
    ['PERSONNEL', 'Keep this between us, our COO is stepping down at the end of the month.'],
    ['PERSONNEL', 'He got written up again for missing shifts, it has not been announced.'],
    ['PERSONNEL', 'Confidentially, they are trimming about a tenth of the workforce in the spring.'],
    ['PERSONNEL', 'She failed her probation, the team does not know yet.'],
    ['HEALTH', 'Between us, his dad has Alzheimer\'s and he is handling the care.'],
    ['HEALTH', "She's been signed off with exhaustion, please don't mention it."],
    ['HEALTH', 'I had a relapse of my asthma so I am working from home.'],
    ['LEGAL', 'Between you and me, there is an inquiry into how we report usage to the regulator.'],
    ['LEGAL', 'Off the record, our founder is being deposed in the trademark case on Monday.'],
    ['LEGAL', 'We settled with the old landlord, I cannot say for how much.'],
    ['COMPETITIVE', "Don't repeat this, but Zentrova's internal deck says they are running out of cash."],
    ['COMPETITIVE', 'Their account exec sent me their renewal quote privately, it was half of list.'],
    ['COMPETITIVE', 'Word is Quillon is about to go under, they missed payroll in May.'],
  ] as const)('flags %s: "%s"', (topic, text) => {
    expect(topics(text)).toContain(topic);
  });

  it('explains a flag with the features that fired', () => {
    const flag = flagTopics('Off the record, we are laying off most of the night shift next month.').find((f) => f.topic === 'PERSONNEL');
    expect(flag?.features.length).toBeGreaterThan(0);
    expect(flag?.evidence.length).toBeGreaterThan(0);
  });

  it('carries the signal from the question turn', () => {
    const flags = flagSegmentTopics([{ text: 'Can I say something that stays between us?' }, { text: 'Our CFO is leaving and it will not be announced for a month.' }]);
    expect(flags[1]?.flags.map((f) => f.topic)).toContain('PERSONNEL');
  });
});

describe('topic classes: benign and public senses stay unflagged', () => {
  it.each([
    'As we announced on the investor call, sales rose nine percent.',
    'The court ruling you mentioned was about another vendor, it was all over the news.',
    'The phishing simulation feature sends practice emails to staff.',
    'The malware scanner add-on checks every uploaded file.',
    'The settlement template is only a sample file.',
    'We retired the old ticketing tool when the contract ended.',
    "I'm off to the dentist for a cleaning after this call.",
    'The acquisition of that reseller closed last spring and it is public.',
    'Our security team will join the demo.',
    'Their product is fine, they simply target smaller shops.',
    'We announced the new CFO in a press release on Monday.',
  ])('leaves "%s" unflagged', (text) => {
    expect(topics(text)).toEqual([]);
  });

  it('does not flag a layoff as a financial topic', () => {
    expect(topics('Between us, they are laying off half of support in June, it has not been announced.')).not.toContain('FINANCIAL');
  });
});
