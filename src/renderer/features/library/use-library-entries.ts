// The library's rows, read in pages: the newest FIRST_PAGE at once (the list shows them while the
// rest arrive), then the older ones NEXT_PAGE at a time. No single read holds the app for the
// whole library, so playback and saves stay responsive on 10,000 calls. Read again when the app
// says the library changed; a refresh keeps the rows shown until the new ones are all read.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LibraryEntryView } from '../../../shared/contract';
import { call } from '../../client/callvault-client';
import { useEvent, type QueryState } from '../../client/use-query';

export const FIRST_PAGE = 300;
export const NEXT_PAGE = 2_000;

export interface LibraryEntries {
  readonly state: QueryState<LibraryEntryView[]>;
  /** Older rows are still being read. */
  readonly loadingMore: boolean;
  readonly reload: () => void;
  readonly refresh: () => void;
}

export function useLibraryEntries(): LibraryEntries {
  const [state, setState] = useState<QueryState<LibraryEntryView[]>>({ kind: 'loading' });
  const [loadingMore, setLoadingMore] = useState(false);
  const [reads, setReads] = useState(0);
  const keepShown = useRef(false);

  useEffect(() => {
    const run = { live: true };
    const refreshing = keepShown.current;
    keepShown.current = false;
    void (async () => {
      const rows: LibraryEntryView[] = [];
      let before: string | undefined;
      let limit = FIRST_PAGE;
      for (;;) {
        const got = await call('library.list', before === undefined ? { limit } : { before, limit });
        if (!run.live) {
          return;
        }
        if (!got.ok) {
          setState((shown) => (refreshing && shown.kind === 'loaded' ? shown : { kind: 'failed', error: got.error }));
          setLoadingMore(false);
          return;
        }
        rows.push(...got.value);
        const last = got.value.at(-1);
        const done = got.value.length < limit || last === undefined;
        if (!refreshing || done) {
          setState({ kind: 'loaded', value: [...rows] });
        }
        setLoadingMore(!done);
        if (done) {
          return;
        }
        before = last.startedAt;
        limit = NEXT_PAGE;
      }
    })();
    return () => {
      run.live = false;
    };
  }, [reads]);

  const refresh = useCallback(() => {
    keepShown.current = true;
    setReads((n) => n + 1);
  }, []);
  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    setReads((n) => n + 1);
  }, []);
  useEvent('library.changed', refresh);
  return { state, loadingMore, reload, refresh };
}
