import { describe, expect, it } from 'vitest';
import { detectSensitive, scanTranscript, type ScanSegment } from '../../../src/core/redaction';

const segs = (...lines: [ScanSegment['speaker'], string][]): ScanSegment[] => lines.map(([speaker, text]) => ({ speaker, text }));
const parts = (segments: ScanSegment[], type: string): [number, string][] =>
  scanTranscript(segments)
    .bySegment.filter((f) => f.type === type)
    .map((f) => [f.segment, segments[f.segment]?.text.slice(f.segmentStart, f.segmentEnd) ?? '']);

describe('values split across segments and turns', () => {
  it('finds a card read over two segments, with a finding in each', () => {
    const t = segs(['customer', 'My card number is four three three oh, seven nine two four,'], ['customer', 'four oh two six, eight five nine two.']);
    expect(parts(t, 'CARD')).toEqual([
      [0, 'four three three oh, seven nine two four'],
      [1, 'four oh two six, eight five nine two'],
    ]);
  });

  it('joins across the other speaker acknowledging, when the number is announced as going on', () => {
    const t = segs(['customer', 'Discover card, 6011 7603 1372.'], ['rep', 'Mm-hmm.'], ['customer', 'And the last four are 1592.']);
    expect(parts(t, 'CARD')).toEqual([
      [0, '6011 7603 1372'],
      [2, '1592'],
    ]);
  });

  it('keeps both the wrong and the corrected value when a turn corrects the one before', () => {
    const t = segs(['rep', 'So that was five oh three, two two one, four four eight nine?'], ['customer', 'No, four four nine eight.']);
    expect(parts(t, 'PHONE')).toEqual([
      [0, 'five oh three, two two one, four four eight nine'],
      [1, 'four four nine eight'],
    ]);
  });

  it('never returns a finding that crosses a line break, and maps document offsets', () => {
    const t = segs(['customer', 'My social is two one nine, oh nine.'], ['customer', 'Nine nine nine nine.']);
    const scan = scanTranscript(t);
    expect(scan.findings.length).toBe(2);
    for (const f of scan.findings) {
      expect(scan.text.slice(f.start, f.end)).not.toContain('\n');
    }
    expect(scan.bySegment.map((f) => f.segment)).toEqual([0, 1]);
  });

  it('does not join written numbers on separate lines without talk that continues them', () => {
    expect(detectSensitive('We need 4111 seats.\n1111 more next year.')).toEqual([]);
    expect(detectSensitive('Order 7712 9981.\nTicket 2210 4471.')).toEqual([]);
  });
});

describe('numbers broken by the recogniser', () => {
  const cards = (text: string): string[] => detectSensitive(text).filter((f) => f.type === 'CARD').map((f) => text.slice(f.start, f.end));

  it('reads equal written blocks cut by full stops as one number', () => {
    expect(cards('Card number is 4170. 3423. 6671. 2760.')).toEqual(['4170. 3423. 6671. 2760']);
  });

  it.each(['uh, wait,', 'sorry,', 'hang on,', 'let me check,', 'one sec,', 'hold on a second,', 'bear with me,'])('reads through "%s" inside the number', (filler) => {
    const text = `card number four one one one, one one one one, ${filler} one one one one, one one one one.`;
    expect(cards(text)).toHaveLength(1);
  });

  it('a card outside the major brands, in card context, is a card; without context it is not', () => {
    expect(cards("It's a Maestro card, 6759 5260 1815 9081.")).toEqual(['6759 5260 1815 9081']);
    expect(cards('the Maestro one, 6761 2760 1893')).toEqual(['6761 2760 1893']);
    expect(cards('Shipment 6759 5260 1815 9081 left the warehouse.')).toEqual([]);
  });
});
