import { events, type AppEvent, type EventName, type EventPayload } from '../shared/contract';
import type { Logger } from './logger';

export type AppEventListener = (event: AppEvent) => void;

/** What a host needs to carry events: a way to hear them. */
export interface AppEventSource {
  /** Runs `listener` for every event from now on; returns the function that stops it. */
  subscribe(listener: AppEventListener): () => void;
}

/** What a service needs to announce a change. */
export interface AppEventSink {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/**
 * The app's one event bus: services emit typed events, hosts subscribe and carry them to the UI.
 * Every payload is parsed with the contract schema first, which strips keys the schema does not
 * list, so a service cannot leak a field by accident. A payload that does not fit is a bug: it is
 * logged (by name only) and dropped, never thrown into the service that emitted it, and a listener
 * that throws cannot stop the others.
 */
export class AppEvents implements AppEventSource, AppEventSink {
  readonly #listeners = new Set<AppEventListener>();

  constructor(private readonly logger?: Logger) {}

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      this.logger?.error(`events: dropped a ${name} event that does not fit the contract (at "${parsed.error.issues[0]?.path.join('.') ?? ''}")`);
      return;
    }
    // The schema for `name` produced `parsed.data`, so the pair is one member of the union.
    const event = { name, payload: parsed.data } as AppEvent;
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error: unknown) {
        this.logger?.error(`events: a listener failed on ${name}`, error);
      }
    }
  }

  subscribe(listener: AppEventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** How many listeners are attached (tests prove that closed connections let go). */
  get listenerCount(): number {
    return this.#listeners.size;
  }
}

/** For services built without a bus (the CLI, tests): every event goes nowhere. */
export const noEvents: AppEventSink = { emit: () => undefined };
