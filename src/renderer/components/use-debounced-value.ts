import { useEffect, useState } from 'react';

/**
 * `value` once it has stopped changing for `delayMs` (a pause in typing). A one-shot delay per
 * change, never a repeating read: what the value drives is asked for only when the rep changes it.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => { setSettled(value); }, delayMs);
    return () => { clearTimeout(timer); };
  }, [value, delayMs]);
  return settled;
}
