import { describe, expect, it } from 'vitest';
import { loadEval } from '../../../tools/redaction-eval/load';
import { callvault } from '../../../tools/redaction-eval/predict';
import { score } from '../../../tools/redaction-eval/score';
import { abaValid, ibanChecksumValid, luhnValid } from '../../../src/core/redaction/checksums';
import { findDigitRuns } from '../../../src/core/redaction/digit-runs';
import { normalise } from '../../../src/core/redaction';

const records = loadEval();

/** The digits a caller meant: "2903, sorry, 2902" is 2902. */
const meantDigits = (text: string): string =>
  findDigitRuns(normalise(text).text)
    .map((run) => run.digits)
    .join('');

describe('redaction evaluation set', () => {
  it('is large and balanced enough to mean something', () => {
    expect(records.length).toBeGreaterThanOrEqual(300);
    expect(records.filter((r) => r.negative).length).toBeGreaterThanOrEqual(100);
    expect(records.filter((r) => r.form === 'spoken').length).toBeGreaterThanOrEqual(records.length * 0.4);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  it('labels only real substrings and valid check digits', () => {
    for (const record of records) {
      for (const span of record.spans) {
        expect(record.text, record.id).toContain(span.text);
        const digits = meantDigits(span.text);
        if (span.type === 'CARD') {
          expect(luhnValid(digits), `${record.id} card`).toBe(true);
        }
        if (span.type === 'ROUTING' && digits.length === 9) {
          expect(abaValid(digits), `${record.id} routing`).toBe(true);
        }
        if (span.type === 'IBAN') {
          expect(ibanChecksumValid(normalise(span.text).text.replace(/[^A-Za-z0-9]/gu, '').toUpperCase()), `${record.id} iban`).toBe(true);
        }
      }
    }
  });

  it('meets the recall and false-positive targets', () => {
    const result = score(records, callvault, true);
    expect(result.recall).toBeGreaterThanOrEqual(0.97);
    expect(result.fpRate).toBeLessThanOrEqual(0.03);
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
  });
});
