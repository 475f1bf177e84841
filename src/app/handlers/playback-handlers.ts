import { reducePeaks } from '../../core/recordings/waveform-peaks';
import type { LibraryEntryView } from '../../shared/contract';
import type { PlaybackService } from '../recording/playback-service';
import type { VaultSession } from '../vault/vault-session';
import type { Handlers } from './handler-types';
import { requireTranscript } from '../transcripts/transcript-versions';

/** The call page's playback (waveform overview, word timings) and the library's one read. */
export function playbackHandlers(session: VaultSession, playback: PlaybackService): Handlers<'playback.overview' | 'playback.words' | 'library.list'> {
  return {
    'playback.overview': async ({ recordingId, bins }) => {
      const vault = session.requireVault();
      const peaks = reducePeaks(await playback.peaks(vault, recordingId), bins);
      const record = vault.recordings.get(recordingId);
      return {
        recordingId,
        durationMs: record?.durationMs ?? 0,
        binMs: peaks.binMs,
        peaks: peaks.peaks,
        bookmarks: vault.calls.bookmarks(recordingId),
      };
    },
    'playback.words': ({ recordingId, version }) => {
      const vault = session.requireVault();
      const transcript = requireTranscript(vault, recordingId, version);
      return {
        recordingId,
        version: transcript.version,
        segments: transcript.segments.map((segment) => segment.words.map(({ text, startMs, endMs }) => ({ text, startMs, endMs }))),
      };
    },
    'library.list': ({ before, limit }): LibraryEntryView[] => {
      const { library } = session.requireVault();
      const entries = limit === undefined ? library.entries() : library.page(before ?? null, limit);
      return entries.map((entry) => ({ ...entry, key: entry.recordingId ?? `call:${entry.callId ?? ''}` }));
    },
  };
}
