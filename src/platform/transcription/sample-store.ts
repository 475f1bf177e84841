/**
 * The recent part of a channel's audio while windows are being planned: the chunks as they came
 * (16-bit stays 16-bit), addressed by absolute sample index, with everything before the planner's
 * horizon dropped so a long call never accumulates in memory.
 */
import { levelDb } from './vad';

type Chunk = Int16Array | Float32Array;

export class SampleStore {
  private chunks: { start: number; data: Chunk }[] = [];
  private total = 0;

  get end(): number {
    return this.total;
  }

  append(chunk: Chunk): void {
    if (chunk.length > 0) {
      this.chunks.push({ start: this.total, data: chunk });
      this.total += chunk.length;
    }
  }

  /** Forgets chunks that lie wholly before `sample`. */
  dropBefore(sample: number): void {
    let keep = 0;
    while (keep < this.chunks.length) {
      const c = this.chunks[keep];
      if (c === undefined || c.start + c.data.length > sample) {
        break;
      }
      keep += 1;
    }
    if (keep > 0) {
      this.chunks = this.chunks.slice(keep);
    }
  }

  /** Copies samples [from, to) into `dest` at `offset` as floats in [-1, 1]. */
  copyTo(from: number, to: number, dest: Float32Array, offset: number): void {
    for (const c of this.chunks) {
      const a = Math.max(from, c.start);
      const b = Math.min(to, c.start + c.data.length);
      if (a >= b) {
        continue;
      }
      const src = c.data.subarray(a - c.start, b - c.start);
      const at = offset + (a - from);
      if (src instanceof Float32Array) {
        dest.set(src, at);
      } else {
        for (let i = 0; i < src.length; i += 1) {
          dest[at + i] = (src[i] ?? 0) / 32768;
        }
      }
    }
  }

  /**
   * The start of the quietest `frame`-long stretch within [from, to): where a long run of speech
   * is cut with the least chance of splitting a word.
   */
  quietestPoint(from: number, to: number, frame: number): number {
    const buf = new Float32Array(frame);
    let best = to;
    let bestDb = Infinity;
    for (let at = from; at + frame <= to; at += frame) {
      buf.fill(0);
      this.copyTo(at, at + frame, buf, 0);
      const db = levelDb(buf);
      if (db < bestDb) {
        bestDb = db;
        best = at + Math.floor(frame / 2);
      }
    }
    return best;
  }
}
