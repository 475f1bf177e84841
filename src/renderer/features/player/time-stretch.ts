// Speed without chipmunks: a Web Audio source's playbackRate resamples, so 2x would also play an
// octave up. The player instead time-stretches each window before playing it at rate 1, with
// WSOLA (waveform-similarity overlap-add): Hann-windowed frames are laid down at a fixed output
// hop and read from the input at `rate` times that hop, each frame shifted within a small
// tolerance to where it best continues the previous one, so pitch and timbre stay as spoken.
// Both channels use the same frame positions, so the rep and the customer stay in step.

export interface StretchedPair {
  readonly rep: Float32Array<ArrayBuffer>;
  readonly customer: Float32Array<ArrayBuffer>;
}

const FRAME_S = 0.03;
const TOLERANCE_S = 0.008;

/**
 * `rep` and `customer` played `rate` times as fast (0.5 to 2) at the same pitch: the outputs hold
 * round(length / rate) samples each. Rate 1 returns copies of the input.
 */
export function timeStretch(rep: Float32Array, customer: Float32Array, rate: number, sampleRate: number): StretchedPair {
  const length = Math.min(rep.length, customer.length);
  const outLength = Math.round(length / rate);
  if (rate === 1 || length === 0) {
    return { rep: Float32Array.from(rep.subarray(0, length)), customer: Float32Array.from(customer.subarray(0, length)) };
  }
  const frame = Math.max(8, 2 * Math.round((FRAME_S * sampleRate) / 2));
  const hop = frame / 2;
  const tolerance = Math.max(1, Math.round(TOLERANCE_S * sampleRate));
  const window = new Float32Array(frame);
  for (let i = 0; i < frame; i += 1) {
    // Periodic Hann: frames at half-frame hops sum to one.
    window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / frame);
  }
  const sample = (data: Float32Array, i: number): number => (i >= 0 && i < length ? (data[i] ?? 0) : 0);
  // What the frames are aligned on: both channels together, padded so reads never leave the array.
  const mix = new Float32Array(length + frame + 2 * tolerance);
  for (let i = 0; i < length; i += 1) {
    mix[i] = (rep[i] ?? 0) + (customer[i] ?? 0);
  }

  const outRep = new Float32Array(outLength + frame);
  const outCustomer = new Float32Array(outLength + frame);
  const weight = new Float32Array(outLength + frame);
  let previous = 0;
  for (let out = 0; out < outLength; out += hop) {
    let position = 0;
    if (out > 0) {
      // Where the last frame would naturally go on; find the frame near the nominal position
      // whose start looks most like that continuation.
      const natural = Math.min(previous + hop, length);
      const nominal = Math.min(Math.round(out * rate), Math.max(0, length - 1));
      const lo = Math.max(0, nominal - tolerance);
      const hi = Math.min(Math.max(0, length - 1), nominal + tolerance);
      let best = -Infinity;
      position = nominal;
      for (let candidate = lo; candidate <= hi; candidate += 2) {
        let score = 0;
        for (let i = 0; i < hop; i += 3) {
          score += (mix[candidate + i] as number) * (mix[natural + i] as number);
        }
        if (score > best) {
          best = score;
          position = candidate;
        }
      }
    }
    const inside = position + frame <= length;
    for (let i = 0; i < frame; i += 1) {
      const w = window[i] as number;
      const at = out + i;
      outRep[at] = (outRep[at] as number) + w * (inside ? (rep[position + i] as number) : sample(rep, position + i));
      outCustomer[at] = (outCustomer[at] as number) + w * (inside ? (customer[position + i] as number) : sample(customer, position + i));
      weight[at] = (weight[at] as number) + w;
    }
    previous = position;
  }
  for (let i = 0; i < outLength; i += 1) {
    const w = weight[i] ?? 0;
    if (w > 1e-3) {
      outRep[i] = (outRep[i] ?? 0) / w;
      outCustomer[i] = (outCustomer[i] ?? 0) / w;
    }
  }
  return { rep: outRep.slice(0, outLength), customer: outCustomer.slice(0, outLength) };
}
