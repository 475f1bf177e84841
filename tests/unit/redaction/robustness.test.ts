import { describe, expect, it } from 'vitest';
import { detectSensitive, flagTopics, redactText } from '../../../src/core/redaction';

// Seeded so a failure reproduces; the vocabulary mixes everything the normaliser treats specially.
function randomTranscripts(seed: number, count: number): string[] {
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const vocab = [
    'one', 'two', 'oh', 'o', 'double', 'triple', 'hundred', 'thousand', 'and', 'point', 'slash', 'dash', 'plus', 'forty-two',
    'nineteen', 'card', 'social', 'pin', 'is', 'at', 'dot', 'com', 'password', 'routing', 'account', 'number', 'I', 'live',
    '4111', '1111', '-', ',', '.', "'s", '@', '📞', 'Zoë', '\n', '  ', '(', ')', 'GB', 'DE', '89', 'born', 'on', 'march',
  ];
  return Array.from({ length: count }, () =>
    Array.from({ length: Math.floor(next() * 40) }, () => vocab[Math.floor(next() * vocab.length)] ?? '').join(next() < 0.7 ? ' ' : ''),
  );
}

describe('detector robustness', () => {
  const inputs = ['', ' ', '\n\n', 'oh', 'double', 'plus', '-----BEGIN PRIVATE KEY-----', ...randomTranscripts(42, 400)];

  it('never throws and always returns ordered spans inside the text', () => {
    for (const text of inputs) {
      const findings = detectSensitive(text);
      let previousStart = 0;
      for (const f of findings) {
        expect(f.start, text).toBeGreaterThanOrEqual(0);
        expect(f.end, text).toBeLessThanOrEqual(text.length);
        expect(f.end, text).toBeGreaterThan(f.start);
        expect(f.start).toBeGreaterThanOrEqual(previousStart);
        expect(f.confidence).toBeGreaterThan(0);
        expect(f.confidence).toBeLessThanOrEqual(1);
        previousStart = f.start;
      }
      expect(() => redactText(text, findings)).not.toThrow();
      expect(() => flagTopics(text)).not.toThrow();
    }
  });

  it('is deterministic', () => {
    for (const text of inputs.slice(0, 50)) {
      expect(detectSensitive(text)).toEqual(detectSensitive(text));
    }
  });

  it('handles a long transcript in one pass', () => {
    const long = Array.from({ length: 2000 }, (_, i) => `segment ${i}: my card is 4111 1111 1111 1111 and we need ${i} seats.`).join('\n');
    const findings = detectSensitive(long);
    expect(findings.filter((f) => f.type === 'CARD')).toHaveLength(2000);
    expect(findings).toHaveLength(2000);
  });
});
