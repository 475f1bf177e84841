/**
 * Output of the normaliser: the normalised text and, for every character of it, the span of
 * the original text it came from.
 */

export interface NormalisedText {
  readonly original: string;
  readonly text: string;
  /** origStart[i] / origEnd[i]: the original span that produced normalised char i. */
  readonly origStart: Int32Array;
  readonly origEnd: Int32Array;
}

/**
 * Builds a NormalisedText. Verbatim stretches are coalesced into one slice of the original
 * (most of a transcript is copied unchanged); both offset arrays live in one typed buffer
 * because this runs on every segment and typed arrays are allocated off-heap.
 */
export class Emitter {
  private readonly parts: string[] = [];
  private buffer: Int32Array;
  private capacity: number;
  private length = 0;
  /** Pending verbatim stretch [copyFrom, copyTo) of the original, not yet in `parts`. */
  private copyFrom = 0;
  private copyTo = 0;

  constructor(private readonly original: string) {
    // Digits are never longer than the words they replace, so this rarely grows.
    this.capacity = original.length + 16;
    this.buffer = new Int32Array(this.capacity * 2);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.capacity) {
      return;
    }
    const capacity = Math.max(this.capacity * 2, this.length + extra);
    const buffer = new Int32Array(capacity * 2);
    buffer.set(this.buffer.subarray(0, this.length));
    buffer.set(this.buffer.subarray(this.capacity, this.capacity + this.length), capacity);
    this.buffer = buffer;
    this.capacity = capacity;
  }

  private flush(): void {
    if (this.copyTo > this.copyFrom) {
      this.parts.push(this.original.slice(this.copyFrom, this.copyTo));
    }
    this.copyFrom = this.copyTo;
  }

  verbatim(start: number, end: number): void {
    if (end <= start) {
      return;
    }
    this.reserve(end - start);
    if (start !== this.copyTo) {
      this.flush();
      this.copyFrom = start;
    }
    this.copyTo = end;
    const ends = this.capacity;
    for (let i = start; i < end; i += 1) {
      this.buffer[this.length] = i;
      this.buffer[ends + this.length] = i + 1;
      this.length += 1;
    }
  }

  /** Emits synthetic characters that all stand for one original span. */
  replace(value: string, start: number, end: number): void {
    this.reserve(value.length);
    this.flush();
    this.copyFrom = -1;
    this.copyTo = -1;
    this.parts.push(value);
    const ends = this.capacity;
    for (let i = 0; i < value.length; i += 1) {
      this.buffer[this.length] = start;
      this.buffer[ends + this.length] = end;
      this.length += 1;
    }
  }

  finish(): NormalisedText {
    this.flush();
    return {
      original: this.original,
      text: this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join(''),
      origStart: this.buffer.subarray(0, this.length),
      origEnd: this.buffer.subarray(this.capacity, this.capacity + this.length),
    };
  }
}
