/** Deterministic test signals at 16 kHz: "speech" as voiced tone bursts over low noise. */
export const RATE = 16_000;
export const ms = (n: number): number => Math.round((n * RATE) / 1000);

/** A small LCG so the noise is the same on every run. */
export function noise(length: number, amplitude: number, seed = 1): Float32Array {
  let x = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i += 1) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = (x / 2 ** 32 - 0.5) * 2 * amplitude;
  }
  return out;
}

/** Adds a 180 Hz tone with a 4 Hz syllable envelope over [fromMs, toMs). */
export function addVoice(signal: Float32Array, fromMs: number, toMs: number, amplitude = 0.2): Float32Array {
  for (let i = ms(fromMs); i < Math.min(signal.length, ms(toMs)); i += 1) {
    const t = i / RATE;
    const envelope = 0.6 + 0.4 * Math.sin(2 * Math.PI * 4 * t);
    signal[i] = (signal[i] ?? 0) + amplitude * envelope * Math.sin(2 * Math.PI * 180 * t);
  }
  return signal;
}

export function toInt16(signal: Float32Array): Int16Array {
  return Int16Array.from(signal, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
}
