/**
 * Output of the normaliser: the normalised text and, for every character of it, the span of
 * the original text it came from.
 */

export interface NormalisedText {
  readonly original: string;
  readonly text: string;
  /** origStart[i] / origEnd[i]: the original span that produced normalised char i. */
  readonly origStart: readonly number[];
  readonly origEnd: readonly number[];
}

/**
 * Builds a NormalisedText. Verbatim stretches are coalesced into one slice of the original
 * (most of a transcript is copied unchanged). The offsets are plain arrays: this runs on every
 * segment, and a typed array of a segment's size gets an off-heap backing store whose
 * allocation and release cost more than the normalising itself.
 */
export class Emitter {
  private readonly parts: string[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Pending verbatim stretch [copyFrom, copyTo) of the original, not yet in `parts`. */
  private copyFrom = 0;
  private copyTo = 0;

  constructor(private readonly original: string) {}

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
    if (start !== this.copyTo) {
      this.flush();
      this.copyFrom = start;
    }
    this.copyTo = end;
    for (let i = start; i < end; i += 1) {
      this.starts.push(i);
      this.ends.push(i + 1);
    }
  }

  /** Emits synthetic characters that all stand for one original span. */
  replace(value: string, start: number, end: number): void {
    this.flush();
    this.copyFrom = -1;
    this.copyTo = -1;
    this.parts.push(value);
    for (let i = 0; i < value.length; i += 1) {
      this.starts.push(start);
      this.ends.push(end);
    }
  }

  finish(): NormalisedText {
    this.flush();
    return {
      original: this.original,
      text: this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join(''),
      origStart: this.starts,
      origEnd: this.ends,
    };
  }
}
