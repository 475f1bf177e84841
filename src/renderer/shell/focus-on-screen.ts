import { useEffect } from 'react';

/** The id every screen's main landmark carries: the skip link's target and where focus lands. */
export const MAIN_ID = 'main';

/** Moves focus to the main landmark (the skip link's action). */
export function focusMain(): void {
  const main = document.getElementById(MAIN_ID);
  if (main !== null) {
    main.tabIndex = -1;
    main.focus();
  }
}

/**
 * When the screen changes (`key`), focus moves to the new screen's heading, so a keyboard or
 * screen-reader user starts at its top instead of on <body>. A field the screen focused itself
 * (autoFocus: the passphrase of the unlock screen) keeps its focus.
 */
export function useFocusOnScreenChange(key: string): void {
  useEffect(() => {
    const main = document.getElementById(MAIN_ID);
    if (main === null) {
      return;
    }
    const active = document.activeElement;
    if (active !== null && active !== document.body && main.contains(active) && active !== main) {
      return;
    }
    const heading = main.querySelector('h1');
    if (heading instanceof HTMLElement) {
      heading.tabIndex = -1;
      heading.focus();
    }
  }, [key]);
}
