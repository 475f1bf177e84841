import { describe, expect, it } from 'vitest';
import { draftExtractive, type SummarySegment } from '../../../src/core/summary';

const call: SummarySegment[] = [
  { index: 0, speaker: 'rep', startMs: 0, text: 'Thanks for joining. Shall we look at the rollout plan?' },
  { index: 1, speaker: 'customer', startMs: 5_000, text: 'We need call recording that our compliance team can audit. We tried Gong last year but the price was too high.' },
  { index: 2, speaker: 'customer', startMs: 11_000, text: 'How does the retention policy work for deleted calls?' },
  { index: 3, speaker: 'rep', startMs: 15_000, text: "Good question, I'll get back to you on that. I'll send the revised quote by Friday." },
  { index: 4, speaker: 'customer', startMs: 21_000, text: 'That might work if procurement is comfortable. We will sign the pilot order in May.' },
  { index: 5, speaker: 'customer', startMs: 27_000, text: 'We could probably add the support team later. Our card is [CARD] for the deposit.' },
];

describe('extractive drafter', () => {
  const { items, dropped } = draftExtractive(call);
  const section = (name: string) => items.filter((i) => i.section === name);

  it('drafts from the transcript\'s own sentences, each citing the segment it came from', () => {
    expect(dropped).toEqual([]);
    for (const item of items) {
      if (item.section !== 'competitors') {
        const cited = item.citations.map((c) => call[c]?.text ?? '').join(' ');
        expect(cited).toContain(item.text);
      }
    }
  });

  it('finds next steps with owner and due date, open questions, objections, needs and competitors', () => {
    expect(section('nextSteps')).toContainEqual(expect.objectContaining({ text: "I'll send the revised quote by Friday.", owner: 'rep', due: 'by Friday', citations: [3] }));
    expect(section('questions').map((i) => i.text)).toEqual(['How does the retention policy work for deleted calls?']);
    expect(section('objections').map((i) => i.text)).toEqual(['We tried Gong last year but the price was too high.']);
    expect(section('needs').map((i) => i.text)).toEqual(['We need call recording that our compliance team can audit.']);
    expect(section('competitors')).toEqual([expect.objectContaining({ text: 'Gong', citations: [1] })]);
  });

  it('keeps hedged and conditional commitments apart from firm ones', () => {
    const byText = Object.fromEntries(section('commitments').map((i) => [i.text, i.certainty]));
    expect(byText).toEqual({
      'That might work if procurement is comfortable.': 'conditional',
      'We will sign the pilot order in May.': 'firm',
      'We could probably add the support team later.': 'hedged',
    });
  });

  it('carries redaction placeholders, never a value, and asks nothing of a rep\'s own question', () => {
    expect(JSON.stringify(items)).not.toMatch(/\d{4} ?\d{4}/);
    expect(section('questions').some((i) => i.text.startsWith('Shall we'))).toBe(false);
  });
});
