// The runner's JSON output for text that is not valid UTF-8 on its own (whisper tokens are byte
// pieces): it must always parse, and the exact bytes must survive, through the same writer the
// runner uses (native/whisper-runner/json-writer.h, driven by callvault-json-escape-check).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { escapeCheckPath } from './whisper-fixtures';

function escape(bytes: Buffer): { text: string; hex?: string } {
  const line = execFileSync(escapeCheckPath(), { input: bytes }).toString('utf8');
  expect(line.endsWith('\n')).toBe(true);
  // JSON strings may not hold raw control characters: every one must have been escaped.
  expect(Buffer.from(line.slice(0, -1), 'utf8').some((byte) => byte < 0x20)).toBe(false);
  return JSON.parse(line) as { text: string; hex?: string };
}

describe('the runner JSON writer', () => {
  it('passes valid UTF-8 through unchanged, escaping what JSON requires', () => {
    for (const text of ['plain', ' café', '日本語', '🎧 emoji', 'quote " backslash \\ slash /', 'tab\tnew\nline\r\u0001\u007f', '']) {
      expect(escape(Buffer.from(text, 'utf8'))).toEqual({ text });
    }
  });

  it('replaces invalid bytes with U+FFFD and gives the exact bytes as hex', () => {
    const cases = [
      Buffer.from([0xc3]), // first half of 'é'
      Buffer.from([0xa9]), // second half
      Buffer.from([0x20, 0x63, 0x61, 0x66, 0xc3]), // ' caf' + half a character
      Buffer.from([0xc0, 0xaf]), // overlong '/'
      Buffer.from([0xed, 0xa0, 0x80]), // a UTF-16 surrogate
      Buffer.from([0xf4, 0x90, 0x80, 0x80]), // above U+10FFFF
      Buffer.from([0xe6, 0x97]), // a 3-byte character cut short
      Buffer.from([0xff, 0xfe, 0x22]),
    ];
    for (const bytes of cases) {
      const out = escape(bytes);
      expect(out.hex).toBe(bytes.toString('hex'));
      expect(out.text).toContain('\ufffd');
      expect(Buffer.from(out.hex ?? '', 'hex')).toEqual(bytes);
    }
    expect(escape(Buffer.from([0x20, 0x63, 0x61, 0x66, 0xc3])).text).toBe(' caf\ufffd');
  });
});
