// The player's keyboard shortcuts: one table, read by the key handler and the help overlay alike.

export type ShortcutAction = 'toggle' | 'back-10' | 'forward-10' | 'back-5' | 'forward-5' | 'slower' | 'faster' | 'help';

export interface Shortcut {
  readonly keys: readonly string[];
  readonly label: string;
  readonly action: ShortcutAction;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['Space', 'K'], label: 'Play or pause', action: 'toggle' },
  { keys: ['J'], label: 'Back 10 seconds', action: 'back-10' },
  { keys: ['L'], label: 'Forward 10 seconds', action: 'forward-10' },
  { keys: ['←'], label: 'Back 5 seconds', action: 'back-5' },
  { keys: ['→'], label: 'Forward 5 seconds', action: 'forward-5' },
  { keys: ['↓'], label: 'Slower', action: 'slower' },
  { keys: ['↑'], label: 'Faster', action: 'faster' },
  { keys: ['?'], label: 'Show these shortcuts', action: 'help' },
];

/** The action a key press asks for, or null (typing in a field, a modifier held, another key). */
export function shortcutFor(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; target: EventTarget | null }): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) {
    return null;
  }
  switch (event.key) {
    case ' ':
    case 'k':
    case 'K':
      return 'toggle';
    case 'j':
    case 'J':
      return 'back-10';
    case 'l':
    case 'L':
      return 'forward-10';
    case 'ArrowLeft':
      return 'back-5';
    case 'ArrowRight':
      return 'forward-5';
    case 'ArrowDown':
      return 'slower';
    case 'ArrowUp':
      return 'faster';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** Keys go to a text field, a menu or a list box while one has the focus. */
function isTyping(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) {
    return false;
  }
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
    return true;
  }
  return target.closest('[role="listbox"], [role="menu"], [role="dialog"], [role="combobox"]') !== null;
}
