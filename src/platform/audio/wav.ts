/**
 * Reads and writes RIFF/WAVE. Reading is defensive: imports come from outside, so every size
 * is checked against the file before it is trusted, and anything odd is refused with a reason.
 */
import { CallVaultError } from '../../shared/callvault-error';

export interface PcmAudio {
  readonly sampleRate: number;
  /** One array per channel, as 16-bit samples. */
  readonly channels: readonly Int16Array[];
}

export class WavFormatError extends CallVaultError {
  override readonly name = 'WavFormatError';

  constructor(message: string, options?: { readonly cause?: unknown }) {
    super('BAD_AUDIO', message, options);
  }
}

/** Above any real call; a header claiming more is damage or an attack on memory. */
export const MAX_WAV_SECONDS = 6 * 60 * 60;
const MIN_RATE = 8000;
const MAX_RATE = 192_000;

export interface WavInfo {
  readonly format: 'pcm' | 'float';
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  readonly dataOffset: number;
  readonly dataBytes: number;
  readonly frames: number;
}

/** Parses and checks the header only; `fileSize` is the real size of the file. */
export function parseWavHeader(head: Uint8Array, fileSize: number): WavInfo {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const tag = (at: number) => String.fromCharCode(...head.subarray(at, at + 4));
  if (fileSize === 0) {
    throw new WavFormatError('The file is empty.');
  }
  if (head.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new WavFormatError('This is not a WAV file (no RIFF/WAVE header). CallVault imports WAV audio.');
  }
  let offset = 12;
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes' | 'frames'> | undefined;
  while (offset + 8 <= head.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > head.length) {
        throw new WavFormatError('The WAV format chunk is truncated.');
      }
      let audioFormat = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const sampleRate = view.getUint32(body + 4, true);
      const bitsPerSample = view.getUint16(body + 14, true);
      if (audioFormat === 0xfffe && size >= 40 && body + 26 <= head.length) {
        audioFormat = view.getUint16(body + 24, true); // WAVE_FORMAT_EXTENSIBLE: the sub-format's first field
      }
      const format = audioFormat === 1 ? 'pcm' : audioFormat === 3 ? 'float' : undefined;
      if (!format) {
        throw new WavFormatError(`This WAV file uses compression format ${audioFormat}; CallVault imports uncompressed PCM or float WAV.`);
      }
      if (channels < 1 || channels > 8) {
        throw new WavFormatError(`The WAV file claims ${channels} channels; CallVault imports 1 to 8.`);
      }
      if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
        throw new WavFormatError(`The WAV file's sample rate of ${sampleRate} Hz is not plausible (${MIN_RATE}–${MAX_RATE} Hz).`);
      }
      if (!(format === 'pcm' ? [8, 16, 24, 32] : [32]).includes(bitsPerSample)) {
        throw new WavFormatError(`${bitsPerSample}-bit ${format} samples are not supported.`);
      }
      fmt = { format, channels, sampleRate, bitsPerSample };
    } else if (id === 'data') {
      if (!fmt) {
        throw new WavFormatError('The WAV data chunk comes before its format chunk.');
      }
      const frameBytes = (fmt.bitsPerSample / 8) * fmt.channels;
      // Streaming writers leave 0 or 0xFFFFFFFF as the size: take what the file actually holds.
      const available = fileSize - body;
      const dataBytes = size === 0 || size === 0xffffffff ? available : size;
      if (available <= 0 || dataBytes <= 0) {
        throw new WavFormatError('The WAV file has no audio data.');
      }
      if (dataBytes > available) {
        throw new WavFormatError(`The WAV file is truncated: its header promises ${dataBytes} bytes of audio but only ${available} are there.`);
      }
      const frames = Math.floor(dataBytes / frameBytes);
      if (frames / fmt.sampleRate > MAX_WAV_SECONDS) {
        throw new WavFormatError(`The recording is ${Math.round(frames / fmt.sampleRate / 3600)} hours long; CallVault imports up to ${MAX_WAV_SECONDS / 3600} hours.`);
      }
      if (frames === 0) {
        throw new WavFormatError('The WAV file has no audio data.');
      }
      return { ...fmt, dataOffset: body, dataBytes: frames * frameBytes, frames };
    }
    offset = body + size + (size % 2);
  }
  throw new WavFormatError(fmt ? 'The WAV file has no data chunk (truncated header?).' : 'The WAV header is truncated: no format chunk found.');
}

/** Decodes interleaved sample bytes into 16-bit channels. */
export function decodeWavData(info: WavInfo, data: Uint8Array): Int16Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const bytes = info.bitsPerSample / 8;
  const frames = Math.floor(data.length / (bytes * info.channels));
  const out = Array.from({ length: info.channels }, () => new Int16Array(frames));
  for (let f = 0; f < frames; f += 1) {
    for (let c = 0; c < info.channels; c += 1) {
      const at = (f * info.channels + c) * bytes;
      let v: number;
      if (info.format === 'float') {
        v = Math.round(Math.max(-1, Math.min(1, view.getFloat32(at, true))) * 32767);
      } else if (bytes === 1) {
        v = ((view.getUint8(at) - 128) << 8);
      } else if (bytes === 2) {
        v = view.getInt16(at, true);
      } else if (bytes === 3) {
        v = (view.getInt8(at + 2) << 8) | view.getUint8(at + 1);
      } else {
        v = view.getInt32(at, true) >> 16;
      }
      (out[c] as Int16Array)[f] = v;
    }
  }
  return out;
}

export function encodeWav(audio: PcmAudio): Uint8Array {
  const channels = audio.channels.length;
  const frames = audio.channels[0]?.length ?? 0;
  const dataBytes = frames * channels * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const write = (at: number, text: string) => { for (let i = 0; i < text.length; i += 1) { out[at + i] = text.charCodeAt(i); } };
  write(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  write(8, 'WAVE');
  write(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, audio.sampleRate, true);
  view.setUint32(28, audio.sampleRate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  write(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let f = 0; f < frames; f += 1) {
    for (let c = 0; c < channels; c += 1) {
      view.setInt16(44 + (f * channels + c) * 2, audio.channels[c]?.[f] ?? 0, true);
    }
  }
  return out;
}
