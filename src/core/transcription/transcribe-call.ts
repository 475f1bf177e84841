/**
 * Transcribes a two-channel call: each speaker's channel on its own (so each segment has a known
 * speaker, no diarisation guesswork), then merged by time.
 */
import type { TranscribeOptions, TranscriptionAudio, TranscriptionEngine } from '../ports/transcription';
import { mergeSpeakerSegments, type Speaker, type SpeakerSegment, type SpeakerTrack } from './merge-segments';

export interface CallAudio {
  readonly rep: TranscriptionAudio;
  readonly customer: TranscriptionAudio;
}

export interface TranscribeCallOptions extends Omit<TranscribeOptions, 'onSegment'> {
  readonly onSegment?: (segment: SpeakerSegment) => void;
}

/**
 * One channel after the other, not both at once: each engine run already uses the cores it is
 * given, and running two would double the memory for no gain. Progress is reported over the
 * whole call: the rep's channel is the first half, and `processedMs` counts both channels' audio.
 */
export async function transcribeCall(engine: TranscriptionEngine, audio: CallAudio, options: TranscribeCallOptions = {}): Promise<SpeakerSegment[]> {
  const { onProgress, onSegment, ...rest } = options;
  const order: readonly Speaker[] = ['rep', 'customer'];
  const tracks: SpeakerTrack[] = [];
  let doneMs = 0; // audio of the channels already finished, so processedMs keeps growing
  for (const [index, speaker] of order.entries()) {
    let channelMs = 0;
    const channelOptions: TranscribeOptions = {
      ...rest,
      ...(onProgress && {
        onProgress: (p) => {
          channelMs = p.processedMs;
          onProgress({
            processedMs: doneMs + p.processedMs,
            ...(p.percent !== undefined && { percent: (index * 100 + p.percent) / order.length }),
          });
        },
      }),
      ...(onSegment && { onSegment: (segment) => { onSegment({ ...segment, speaker }); } }),
    };
    const segments = await engine.transcribe(audio[speaker], channelOptions);
    tracks.push({ speaker, segments });
    doneMs += channelMs;
  }
  return mergeSpeakerSegments(tracks);
}
