/**
 * Minimal RIFF/WAVE reader and writer for tests: 16-bit PCM only, which is what espeak-ng and
 * sox produce by default. Real files in, real files out, so audio tests use no fakes.
 */

export interface Pcm16 {
  readonly sampleRate: number;
  readonly channels: number;
  readonly samples: Int16Array;
}

export function readWav(bytes: Uint8Array): Pcm16 {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number): string => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let offset = 12;
  let format: { channels: number; sampleRate: number; bits: number; code: number } | undefined;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const declared = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = {
        code: view.getUint16(body, true),
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (format === undefined) {
        throw new Error('data chunk before fmt chunk');
      }
      if (format.code !== 1 || format.bits !== 16) {
        throw new Error(`only 16-bit PCM is supported (format ${format.code}, ${format.bits} bits)`);
      }
      // Streaming writers leave the size at 0 or 0xFFFFFFFF: take the rest of the file then.
      const size = declared === 0 || body + declared > bytes.length ? bytes.length - body : declared;
      const samples = new Int16Array(Math.floor(size / 2));
      for (let i = 0; i < samples.length; i += 1) {
        samples[i] = view.getInt16(body + i * 2, true);
      }
      return { sampleRate: format.sampleRate, channels: format.channels, samples };
    }
    offset = body + declared + (declared % 2);
  }
  throw new Error('no data chunk');
}

export function writeWav(pcm: Pcm16): Uint8Array {
  const dataBytes = pcm.samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i += 1) {
      out[offset + i] = text.charCodeAt(i);
    }
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, pcm.channels, true);
  view.setUint32(24, pcm.sampleRate, true);
  view.setUint32(28, pcm.sampleRate * pcm.channels * 2, true);
  view.setUint16(32, pcm.channels * 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  pcm.samples.forEach((sample, i) => {
    view.setInt16(44 + i * 2, sample, true);
  });
  return out;
}

/** Root mean square of samples[from, to), normalised to [0, 1]. */
export function rms(samples: Int16Array | Float32Array, from = 0, to = samples.length): number {
  const scale = samples instanceof Int16Array ? 32768 : 1;
  let sum = 0;
  for (let i = from; i < to; i += 1) {
    const v = (samples[i] ?? 0) / scale;
    sum += v * v;
  }
  return to > from ? Math.sqrt(sum / (to - from)) : 0;
}
