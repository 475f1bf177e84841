import { useCallback, useEffect, useState } from 'react';
import type { ModelView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { describeError } from '../../client/error-text';
import { anyDownloading } from './model-format';

/** How often download progress is read while a download runs (and only then). */
export const MODEL_POLL_MS = 1000;

export type ModelsState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; models: readonly ModelView[] };

export interface Models {
  readonly state: ModelsState;
  /** Shows the list an action returned (every models.* method answers with the new list). */
  readonly replace: (models: readonly ModelView[]) => void;
  readonly reload: () => void;
}

/** The model list, read on open and about once a second while any model is downloading. */
export function useModels(): Models {
  const [state, setState] = useState<ModelsState>({ kind: 'loading' });
  const [request, setRequest] = useState(0);
  const [reads, setReads] = useState(0);

  useEffect(() => {
    let live = true;
    void call('models.list', {}).then((listed) => {
      if (!live) {
        return;
      }
      setState((current) => {
        if (listed.ok) {
          return { kind: 'loaded', models: listed.value };
        }
        // A failed poll keeps the list on screen; only a failed first read replaces it.
        return current.kind === 'loaded' && request > 0 ? current : { kind: 'failed', message: describeError(listed.error) };
      });
      setReads((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [request]);

  const downloading = state.kind === 'loaded' && anyDownloading(state.models);
  useEffect(() => {
    if (!downloading) {
      return undefined;
    }
    const timer = window.setTimeout(() => {
      setRequest((n) => n + 1);
    }, MODEL_POLL_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [downloading, reads]);

  const replace = useCallback((models: readonly ModelView[]) => {
    setState({ kind: 'loaded', models });
  }, []);

  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    setRequest((n) => n + 1);
  }, []);

  return { state, replace, reload };
}
