import { useEffect, useState, useSyncExternalStore } from 'react';
import { callOrThrow } from '../../client/callvault-client';
import { PlaybackEngine, type PlaybackState } from './playback-engine';

export interface Playback {
  readonly engine: PlaybackEngine;
  readonly state: PlaybackState;
  /** The playhead in ms, refreshed every animation frame while playing. */
  readonly positionMs: number;
}

/**
 * One playback engine per recording, fetching audio through `recordings.audioWindow`, and the
 * playhead for rendering: read from the audio clock each animation frame while playing (a display
 * refresh, not a poll of the app: nothing is asked of CallVault on a timer).
 */
export function usePlayback(recordingId: string, durationMs: number): Playback {
  const [engine] = useState(() => new PlaybackEngine(durationMs, (fromMs, toMs) => callOrThrow('recordings.audioWindow', { recordingId, fromMs, toMs })));
  useEffect(() => () => { engine.dispose(); }, [engine]);
  const state = useSyncExternalStore(
    (listener) => engine.subscribe(listener),
    () => engine.state(),
  );
  const [positionMs, setPositionMs] = useState(0);
  useEffect(() => {
    // Paused: the position changes only by seeks, which notify.
    setPositionMs(engine.position());
    const stop = engine.subscribe(() => { setPositionMs(engine.position()); });
    if (!state.playing) {
      return stop;
    }
    let frame = requestAnimationFrame(function tick() {
      setPositionMs(engine.position());
      frame = requestAnimationFrame(tick);
    });
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
  }, [engine, state.playing]);
  return { engine, state, positionMs };
}
