// The renderer's one way to read from CallVault in a component: `useQuery` reads a method's answer
// and reads it again when an event says it changed; `useEvent` hears an event. Nothing polls: the
// app says when something changed (see `events` in src/shared/contract).
import { useCallback, useEffect, useRef, useState } from 'react';
import { isEventName, type AppError, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract';
import { call, onEvent } from './callvault-client';

export type QueryState<T> = { kind: 'loading' } | { kind: 'failed'; error: AppError } | { kind: 'loaded'; value: T };

export interface Query<M extends MethodName> {
  readonly state: QueryState<MethodOutput<M>>;
  /** Shows the loading state and reads again (a "Try again" button). */
  readonly reload: () => void;
  /** Reads again keeping what is shown; a failure then keeps it too. */
  readonly refresh: () => void;
  /** Shows a value an action returned (many methods answer with the new list). */
  readonly replace: (value: MethodOutput<M>) => void;
  /** Changes the shown value in place (progress from an event's payload, no round trip). */
  readonly update: (change: (value: MethodOutput<M>) => MethodOutput<M>) => void;
}

export interface QueryOptions {
  /** Events after which the answer may have changed, so it is read again. */
  readonly invalidatedBy?: readonly EventName[];
}

/**
 * Reads `method(input)` when the component mounts and whenever `input` changes (compared by
 * value) or one of `invalidatedBy` arrives. Answers that arrive for an older read are ignored.
 */
export function useQuery<M extends MethodName>(method: M, input: MethodInput<M>, options: QueryOptions = {}): Query<M> {
  const key = JSON.stringify(input);
  // Each answer remembers the input it is for: a new input shows loading, not the old answer.
  const [held, setHeld] = useState<{ key: string; state: QueryState<MethodOutput<M>> }>({ key, state: { kind: 'loading' } });
  const state: QueryState<MethodOutput<M>> = held.key === key ? held.state : { kind: 'loading' };
  const [reads, setReads] = useState(0);
  const keepOnFailure = useRef(false);

  useEffect(() => {
    let live = true;
    const keep = keepOnFailure.current;
    keepOnFailure.current = false;
    // `key` is `input` as JSON, so this is the same input; keying on it spares callers a useMemo.
    void call(method, JSON.parse(key) as MethodInput<M>).then((result) => {
      if (!live) {
        return;
      }
      setHeld((current) => {
        if (result.ok) {
          return { key, state: { kind: 'loaded', value: result.value } };
        }
        return keep && current.key === key && current.state.kind === 'loaded' ? current : { key, state: { kind: 'failed', error: result.error } };
      });
    });
    return () => {
      live = false;
    };
  }, [method, key, reads]);

  const refresh = useCallback(() => {
    keepOnFailure.current = true;
    setReads((n) => n + 1);
  }, []);

  const eventsKey = (options.invalidatedBy ?? []).join(' ');
  useEffect(() => {
    const names = eventsKey.split(' ').filter(isEventName);
    if (names.length === 0) {
      return undefined;
    }
    const stop = new AbortController();
    for (const name of names) {
      onEvent(name, refresh, { signal: stop.signal });
    }
    return () => {
      stop.abort();
    };
  }, [eventsKey, refresh]);

  const reload = useCallback(() => {
    setHeld({ key, state: { kind: 'loading' } });
    setReads((n) => n + 1);
  }, [key]);
  const replace = useCallback((value: MethodOutput<M>) => {
    setHeld({ key, state: { kind: 'loaded', value } });
  }, [key]);
  const update = useCallback((change: (value: MethodOutput<M>) => MethodOutput<M>) => {
    setHeld((current) => (current.key === key && current.state.kind === 'loaded' ? { key, state: { kind: 'loaded', value: change(current.state.value) } } : current));
  }, [key]);

  return { state, reload, refresh, replace, update };
}

/** Runs `listener` for every `event` while the component is mounted (the latest `listener`). */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const stop = new AbortController();
    onEvent(event, (payload) => { latest.current(payload); }, { signal: stop.signal });
    return () => {
      stop.abort();
    };
  }, [event]);
}
