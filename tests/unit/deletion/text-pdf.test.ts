import { describe, expect, it } from 'vitest';
import { writeTextPdf } from '../../../src/platform/pdf/text-pdf';

/** Reads the file as a PDF reader would start to: header, trailer, startxref, xref entries pointing at their objects; and the text shown. */
function parsePdf(bytes: Uint8Array): { pages: number; text: string[] } {
  const s = Buffer.from(bytes).toString('latin1');
  expect(s.startsWith('%PDF-1.4\n')).toBe(true);
  expect(s.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/u.exec(s)?.[1]);
  expect(s.slice(startxref, startxref + 5)).toBe('xref\n');
  const header = /^xref\n0 (\d+)\n/u.exec(s.slice(startxref));
  const size = Number(header?.[1]);
  const entries = s.slice(startxref + (header?.[0].length ?? 0)).split('\n').slice(0, size);
  expect(entries[0]).toBe('0000000000 65535 f ');
  for (let id = 1; id < size; id += 1) {
    const offset = Number(entries[id]?.slice(0, 10));
    expect(s.slice(offset, offset + `${id} 0 obj`.length)).toBe(`${id} 0 obj`);
  }
  const trailer = /trailer\n<< \/Size (\d+) \/Root (\d+) 0 R/u.exec(s);
  expect(Number(trailer?.[1])).toBe(size);
  // Each content stream's /Length is its exact byte count.
  for (const m of s.matchAll(/<< \/Length (\d+) >>\nstream\n/gu)) {
    const start = m.index + m[0].length;
    expect(s.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
  }
  const pages = Number(/\/Type \/Pages .* \/Count (\d+)/u.exec(s)?.[1]);
  const text = [...s.matchAll(/\(((?:[^()\\]|\\.)*)\) Tj/gu)].map((m) => (m[1] ?? '').replace(/\\(.)/gu, '$1'));
  return { pages, text };
}

describe('the minimal PDF writer', () => {
  it('writes a structurally valid PDF whose text holds every line, escaped, over several pages', () => {
    const lines = Array.from({ length: 130 }, (_, i) => `Line ${i + 1}: call (id) ${'x'.repeat(i % 7)} back\\slash`);
    const pdf = parsePdf(writeTextPdf({ title: 'Test (certificate)', lines: [...lines, 'Zoë — ünïcode ✓'] }));
    expect(pdf.pages).toBe(3);
    expect(pdf.text.slice(0, 130)).toEqual(lines);
    expect(pdf.text[130]).toBe('Zoë ? ünïcode ?');
  });

  it('wraps long lines at word boundaries', () => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    const { text } = parsePdf(writeTextPdf({ title: 't', lines: [long] }));
    expect(text.length).toBeGreaterThan(1);
    expect(text.join(' ')).toBe(long);
    expect(Math.max(...text.map((l) => l.length))).toBeLessThanOrEqual(95);
  });
});
