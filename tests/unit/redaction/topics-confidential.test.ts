import { describe, expect, it } from 'vitest';
import { flagSegmentTopics, flagTopics, type Topic } from '../../../src/core/redaction';

const topics = (text: string): Topic[] => flagTopics(text).map((f) => f.topic);

describe('confidential topics: subject plus a signal of confidentiality', () => {
  it.each([
    ['SECURITY', 'Somebody phished our finance guy and wired money out, we kept it out of the news.'],
    ['SECURITY', 'Our customer database was sitting on a public server with no password for weeks.'],
    ['SECURITY', "We got breached in the spring and legal said don't mention it."],
    ['SECURITY', 'Between you and me the pen test found our admin panel open to the internet.'],
    ['FINANCIAL', "Off the record, we're going to miss the quarter by a lot."],
    ['FINANCIAL', "We're about to be acquired, it hasn't been announced."],
    ['FINANCIAL', 'Keep it quiet but the budget for next year got slashed.'],
    ['PERSONNEL', "They're laying off the whole Denver office next month."],
    ['PERSONNEL', "Don't repeat this, but my manager is being pushed out."],
    ['PERSONNEL', 'We have to cut about forty roles before the summer, nobody knows yet.'],
    ['COMPETITIVE', "Honestly Globex's platform is garbage, it falls over every week."],
    ['COMPETITIVE', "I heard Initech is in real trouble and about to lose their biggest customer."],
    ['COMPETITIVE', 'Their sales people lie about what the product can do.'],
  ] as const)('flags %s: "%s"', (topic, text) => {
    expect(topics(text)).toContain(topic);
  });

  it('carries a secrecy cue from the turn before', () => {
    const flags = flagSegmentTopics([{ text: 'Can I tell you something off the record?' }, { text: 'Sure.' }, { text: "We're cutting the budget in half next year." }]);
    expect(flags[2]?.flags.map((f) => f.topic)).toContain('FINANCIAL');
  });

  it.each([
    'Our security team will join the demo on Thursday.',
    "Let's look at the health of the pipeline, it's strong this quarter.",
    "Legal tender only, that's a joke, we pay by invoice.",
    'The acquisition of new customers is our main goal this year.',
    "We're hiring ten more reps next quarter, it's on our careers page.",
    'Competitors like Acme also offer SSO, so we need it too.',
    'The quarterly earnings call is public, you can listen in.',
    'Our budget for this is about fifty thousand.',
    'The team is growing and the people are great.',
    'We patched the login page last sprint, the release notes are public.',
    'I heard the demo went well, the team loved it.',
  ])('leaves "%s" unflagged', (text) => {
    expect(topics(text)).toEqual([]);
  });
});
