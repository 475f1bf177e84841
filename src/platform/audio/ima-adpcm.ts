/**
 * IMA ADPCM: 4 bits per sample, waveform-preserving, trivially fast, with no dependency.
 * At 16 kHz two channels take 16 kB/s (about 58 MB an hour), which meets the one-hour budget,
 * and the decoded waveform stays close enough to the original for speech recognition.
 * Each block starts from its own predictor state, so every chunk decodes on its own.
 */
const STEP_TABLE = [
  7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190, 209, 230, 253,
  279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026,
  4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794, 32767,
];
const INDEX_TABLE = [-1, -1, -1, -1, 2, 4, 6, 8, -1, -1, -1, -1, 2, 4, 6, 8];

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

export interface AdpcmBlock {
  readonly predictor: number;
  readonly stepIndex: number;
  /** Two samples a byte, low nibble first. */
  readonly data: Uint8Array;
  readonly samples: number;
}

/** Encodes one block; the initial predictor is the first sample, so there is no start-up error. */
export function encodeAdpcm(pcm: Int16Array): AdpcmBlock {
  const data = new Uint8Array(Math.ceil(pcm.length / 2));
  let predictor = pcm[0] ?? 0;
  let stepIndex = initialStepIndex(pcm);
  const start = { predictor, stepIndex };
  for (let i = 0; i < pcm.length; i += 1) {
    const step = STEP_TABLE[stepIndex] ?? 7;
    let diff = (pcm[i] ?? 0) - predictor;
    let nibble = 0;
    if (diff < 0) {
      nibble = 8;
      diff = -diff;
    }
    let delta = step >> 3;
    if (diff >= step) {
      nibble |= 4;
      diff -= step;
      delta += step;
    }
    if (diff >= step >> 1) {
      nibble |= 2;
      diff -= step >> 1;
      delta += step >> 1;
    }
    if (diff >= step >> 2) {
      nibble |= 1;
      delta += step >> 2;
    }
    predictor = clamp(nibble & 8 ? predictor - delta : predictor + delta, -32768, 32767);
    stepIndex = clamp(stepIndex + (INDEX_TABLE[nibble] ?? 0), 0, 88);
    data[i >> 1] = (data[i >> 1] ?? 0) | (i & 1 ? nibble << 4 : nibble);
  }
  return { predictor: start.predictor, stepIndex: start.stepIndex, data, samples: pcm.length };
}

export function decodeAdpcm(block: AdpcmBlock): Int16Array {
  const out = new Int16Array(block.samples);
  let predictor = block.predictor;
  let stepIndex = clamp(block.stepIndex, 0, 88);
  for (let i = 0; i < block.samples; i += 1) {
    const byte = block.data[i >> 1] ?? 0;
    const nibble = i & 1 ? byte >> 4 : byte & 0x0f;
    const step = STEP_TABLE[stepIndex] ?? 7;
    let delta = step >> 3;
    if (nibble & 4) {
      delta += step;
    }
    if (nibble & 2) {
      delta += step >> 1;
    }
    if (nibble & 1) {
      delta += step >> 2;
    }
    predictor = clamp(nibble & 8 ? predictor - delta : predictor + delta, -32768, 32767);
    stepIndex = clamp(stepIndex + (INDEX_TABLE[nibble] ?? 0), 0, 88);
    out[i] = predictor;
  }
  return out;
}

/** Starts the step size near the block's opening slope, so loud blocks do not begin distorted. */
function initialStepIndex(pcm: Int16Array): number {
  const probe = Math.min(pcm.length, 16);
  let maxDiff = 0;
  for (let i = 1; i < probe; i += 1) {
    maxDiff = Math.max(maxDiff, Math.abs((pcm[i] ?? 0) - (pcm[i - 1] ?? 0)));
  }
  let index = 0;
  while (index < 88 && (STEP_TABLE[index] ?? 0) < maxDiff) {
    index += 1;
  }
  return index;
}
