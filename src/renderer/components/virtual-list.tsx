import Box from '@mui/material/Box';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

type Props<T> = {
  items: readonly T[];
  /** A row's height before it is measured, in pixels. */
  estimate: number;
  itemKey: (item: T) => string;
  /** The row's accessible name (its list item's label). */
  itemLabel: (item: T) => string;
  render: (item: T, index: number) => ReactNode;
  /** The list's accessible name. */
  label: string;
  /** CSS height of the scrolling viewport. */
  height: string;
  /** Pixels rendered beyond each edge of the viewport. */
  overscan?: number;
  testId?: string;
};

/**
 * A list that renders only the rows in view (plus a margin), each measured once it is drawn, so a
 * library of 10,000 calls renders a dozen rows, not 10,000. Rows are real list items with their
 * position in the set (aria-setsize, aria-posinset), so assistive technology still knows how long
 * the list is.
 */
export function VirtualList<T>({ items, estimate, itemKey, itemLabel, render, label, height, overscan = 400, testId }: Props<T>) {
  const viewport = useRef<HTMLUListElement>(null);
  const sizes = useRef(new Map<string, number>());
  const [, setMeasured] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const observer = useRef<ResizeObserver | null>(null);

  useLayoutEffect(() => {
    const element = viewport.current;
    if (!element) {
      return undefined;
    }
    setViewHeight(element.clientHeight);
    const watch = new ResizeObserver(() => { setViewHeight(element.clientHeight); });
    watch.observe(element);
    return () => {
      watch.disconnect();
    };
  }, []);

  useEffect(() => {
    const rows = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const element = entry.target as HTMLElement;
        const key = element.dataset.rowKey;
        const size = element.offsetHeight;
        if (key !== undefined && size > 0 && sizes.current.get(key) !== size) {
          sizes.current.set(key, size);
          changed = true;
        }
      }
      if (changed) {
        setMeasured((n) => n + 1);
      }
    });
    observer.current = rows;
    return () => {
      rows.disconnect();
      observer.current = null;
    };
  }, []);

  const measure = useCallback((element: HTMLLIElement | null) => {
    if (element) {
      observer.current?.observe(element);
    }
  }, []);

  // Offsets from the measured sizes (estimates for rows not drawn yet): O(n), a fraction of a
  // millisecond for 10,000 rows.
  const offsets = new Float64Array(items.length + 1);
  items.forEach((item, i) => {
    offsets[i + 1] = (offsets[i] ?? 0) + (sizes.current.get(itemKey(item)) ?? estimate);
  });
  const total = offsets[items.length] ?? 0;
  const first = Math.max(0, lastAtOrBefore(offsets, scrollTop - overscan, items.length));
  let last = first;
  while (last < items.length && (offsets[last] ?? 0) < scrollTop + viewHeight + overscan) {
    last += 1;
  }

  const rows: ReactNode[] = [];
  for (let i = first; i < last; i += 1) {
    const item = items[i];
    if (item === undefined) {
      continue;
    }
    const key = itemKey(item);
    rows.push(
      <Box
        component="li"
        key={key}
        ref={measure}
        data-row-key={key}
        aria-label={itemLabel(item)}
        aria-setsize={items.length}
        aria-posinset={i + 1}
        sx={{ position: 'absolute', top: offsets[i] ?? 0, left: 0, right: 0 }}
      >
        {render(item, i)}
      </Box>,
    );
  }

  return (
    <Box
      component="ul"
      ref={viewport}
      aria-label={label}
      data-testid={testId}
      data-rows={items.length}
      data-rendered={rows.length}
      tabIndex={0}
      onScroll={(event) => { setScrollTop(event.currentTarget.scrollTop); }}
      sx={{ position: 'relative', height, overflowY: 'auto', listStyle: 'none', m: 0, p: 0 }}
    >
      <Box component="span" aria-hidden sx={{ display: 'block', height: total }} />
      {rows}
    </Box>
  );
}

/** The index of the last offset at or before `y` (binary search over increasing offsets). */
function lastAtOrBefore(offsets: Float64Array, y: number, count: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((offsets[mid] ?? 0) <= y) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
