import type { EngineMonitor } from '../transcription/engine-monitor';
import type { Handlers } from './handler-types';

/** The engine's status says nothing about the vault: a locked app may ask (the first-run screens do). */
export function engineHandlers(engine: EngineMonitor): Handlers<'engine.status'> {
  return {
    'engine.status': () => engine.refresh(),
  };
}
