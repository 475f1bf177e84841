import type { Readable } from 'node:stream';

export type BoundedLine = { readonly kind: 'line'; readonly text: string } | { readonly kind: 'too-long'; readonly bytes: number };

/**
 * Splits a byte stream into UTF-8 lines (LF or CRLF) of at most `maxBytes` each. A longer line
 * is not kept: once it passes the limit its bytes are counted and dropped until its newline,
 * and it comes out as `too-long`, so memory stays near `maxBytes` however long a line is.
 */
export async function* boundedLines(input: Readable, maxBytes: number): AsyncGenerator<BoundedLine> {
  let parts: Buffer[] = [];
  let kept = 0;
  let dropped = 0;
  const finish = (): BoundedLine => {
    const line: BoundedLine = dropped > 0 ? { kind: 'too-long', bytes: kept + dropped } : { kind: 'line', text: Buffer.concat(parts, kept).toString('utf8').replace(/\r$/, '') };
    parts = [];
    kept = 0;
    dropped = 0;
    return line;
  };
  const add = (piece: Buffer): void => {
    if (dropped > 0 || kept + piece.length > maxBytes) {
      dropped += kept + piece.length;
      parts = [];
      kept = 0;
      return;
    }
    parts.push(piece);
    kept += piece.length;
  };
  for await (const chunk of input) {
    const bytes = chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.from(String(chunk));
    let from = 0;
    for (let at = bytes.indexOf(0x0a, from); at !== -1; at = bytes.indexOf(0x0a, from)) {
      add(bytes.subarray(from, at));
      yield finish();
      from = at + 1;
    }
    if (from < bytes.length) {
      // Copy: the stream may reuse its buffer, and a slice would pin the whole chunk.
      add(Buffer.from(bytes.subarray(from)));
    }
  }
  if (kept > 0 || dropped > 0) {
    yield finish();
  }
}
