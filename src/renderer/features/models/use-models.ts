import { useCallback, useMemo } from 'react';
import type { ModelView } from '../../../shared/contract';
import { describeError } from '../../client/error-text';
import { useEvent, useQuery } from '../../client/use-query';

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

/**
 * The model list, read on open. A running download's progress comes from `models.progress`
 * events and is shown as it arrives; when a download ends the list is read again (the model is
 * now installed, partial, or has a problem to show).
 */
export function useModels(): Models {
  const { state, reload, refresh, replace, update } = useQuery('models.list', {});

  useEvent('models.progress', ({ name, state: download, receivedBytes, totalBytes }) => {
    if (download !== 'downloading') {
      refresh();
      return;
    }
    const percent = totalBytes > 0 ? Math.round((receivedBytes / totalBytes) * 1000) / 10 : 0;
    update((models) => models.map((m) => (m.name === name ? { ...m, status: 'downloading', percent } : m)));
  });

  const shown = useMemo((): ModelsState => {
    switch (state.kind) {
      case 'loading':
        return state;
      case 'failed':
        return { kind: 'failed', message: describeError(state.error) };
      case 'loaded':
        return { kind: 'loaded', models: state.value };
    }
  }, [state]);

  const replaceList = useCallback((models: readonly ModelView[]) => { replace([...models]); }, [replace]);
  return { state: shown, replace: replaceList, reload };
}
