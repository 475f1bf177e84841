/**
 * Round 5 topic classes (callvault-redaction-5), each as generated cases: every subject of a
 * class said with every general secrecy shape (negated disclosure, people kept unaware, talk
 * forbidden, notes kept clean), the subjects that need no secrecy said plainly, and the same
 * words in benign or public senses. None of these sentences is in a fixture set.
 */
import { describe, expect, it } from 'vitest';
import { flagTopics, type Topic } from '../../../src/core/redaction';

const topics = (text: string): Topic[] => flagTopics(text).map((f) => f.topic);

/** The general secrecy shapes added this round, in sentences of their own. */
const SECRECY_SHAPES = [
  "we haven't announced it yet, but",
  "management doesn't know, but",
  "we're not supposed to talk about it, but",
  "I shouldn't say this, but",
  "don't put this in your notes, but",
  "we haven't told the staff, but",
];

/** Subjects that count only in confidence (a weak cue doubled by secrecy). */
const SUBJECTS_IN_CONFIDENCE: readonly (readonly [Topic, string])[] = [
  ['PERSONNEL', "they're closing the Leeds office in the spring"],
  ['PERSONNEL', 'the whole billing team is being outsourced'],
  ['PERSONNEL', 'half my team is interviewing elsewhere'],
  ['PERSONNEL', 'the head of marketing resigned on Friday'],
  ['FINANCIAL', 'the third quarter came in well under forecast'],
  ['LEGAL', "we're going to settle with the former landlord"],
  ['SECURITY', 'somebody left the team drive wide open'],
  ['COMPETITIVE', "Brightline's engineering team is mostly contractors"],
];

/** Subjects that are enough on their own. */
const PLAIN: readonly (readonly [Topic, string])[] = [
  ['FINANCIAL', "We're going to write down the entire Asian business this year."],
  ['FINANCIAL', 'We took an impairment on the logistics acquisition.'],
  ['FINANCIAL', "We're in talks to sell the company to a private equity firm."],
  ['FINANCIAL', 'We defaulted on one of our bank loans in March.'],
  ['FINANCIAL', 'We breached a loan covenant and the bank is watching us.'],
  ['PERSONNEL', "They're shutting down the Denver office and letting everyone there go."],
  ['PERSONNEL', 'The support department goes away after the reorg.'],
  ['PERSONNEL', 'Our regional manager is on a performance plan.'],
  ['PERSONNEL', "We haven't gotten raises in two years, there's a pay freeze."],
  ['SECURITY', 'Our payroll files were on an open S3 bucket for a month.'],
  ['SECURITY', 'The old invoices were readable by anyone with the link.'],
  ['SECURITY', 'The root password for the router was posted in the company chat.'],
  ['SECURITY', 'Accounts payable paid a spoofed invoice from a fake supplier.'],
  ['LEGAL', 'The separation agreement has a gag clause.'],
  ['LEGAL', 'A whistleblower went to the regulator about our billing.'],
  ['LEGAL', 'Our general counsel is handling the SEC inquiry.'],
  ['HEALTH', "I'm having a cholecystectomy next week so I'll be out."],
  ['HEALTH', 'My husband is recovering from a colonoscopy complication.'],
  ['COMPETITIVE', "Everyone knows Ardent's platform is a disaster, their codebase is a mess."],
];

/** The same words where nothing confidential is said. */
const BENIGN: readonly string[] = [
  'Can you write down my email address before we hang up?',
  "I don't know, let me check with procurement and get back to you.",
  'Our office closes at five on Fridays.',
  'We reported the bug to your support team in January.',
  'On growth: we reported strong earnings and our revenue was up.',
  'Your portal is readable on a phone, which the reps like.',
  "Let's settle on Tuesday for the demo.",
  'The product team is presenting the roadmap at the webinar.',
  'Is the link to the recording accessible to anyone on our team?',
];

describe('topic classes of round 5', () => {
  for (const [topic, subject] of SUBJECTS_IN_CONFIDENCE) {
    it.each(SECRECY_SHAPES)(`flags ${topic} in confidence: "%s ${subject}"`, (shape) => {
      expect(topics(`${shape} ${subject}.`)).toContain(topic);
    });
  }

  it.each(PLAIN)('flags %s: "%s"', (topic, text) => {
    expect(topics(text)).toContain(topic);
  });

  it.each(BENIGN)('flags nothing in "%s"', (text) => {
    expect(topics(text)).toEqual([]);
  });

  it('a subject that needs confidence is not flagged without it', () => {
    expect(topics("They're closing the Leeds office in the spring.")).not.toContain('PERSONNEL');
    expect(topics('The third quarter came in well under forecast.')).not.toContain('FINANCIAL');
  });

  it('a vulnerability reported to a vendor is not a public announcement', () => {
    expect(topics("Their export page has an SQL injection bug, we reported it in May and they haven't patched it.")).toContain('SECURITY');
  });
});
