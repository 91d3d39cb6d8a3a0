// Keyboard shortcuts: `g` then a letter jumps to an area, `?` shows the
// shortcuts, Ctrl/Cmd+K opens the command palette. Esc is handled by the
// layer stack (layers.ts) so it closes the topmost panel only.

export interface ShortcutTarget {
  /** The areas reachable with `g` + key. */
  areas: () => { id: string; key: string }[];
  go: (id: string) => void;
  help: () => void;
  palette: () => void;
  /** Ctrl/Cmd+Shift+M: log manual work (absent without a workspace). */
  manual?: () => void;
  /** False while a dialog or panel is open: only Ctrl/Cmd+K then. */
  active: () => boolean;
}

/** How long `g` waits for its letter. */
export const SEQUENCE_MS = 1500;

export const isMac = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** "Ctrl K" or "⌘ K". */
export const modKey = (): string => (isMac() ? '⌘' : 'Ctrl');

/** True when keys typed at this element are text, not shortcuts. */
export function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return false;
}

/** Returns a keydown handler for the window. */
export function createShortcuts(t: ShortcutTarget): (e: KeyboardEvent) => void {
  let pendingG = 0;
  return (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    const mod = e.metaKey || e.ctrlKey;
    if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
      e.preventDefault();
      t.palette();
      return;
    }
    // Logging manual work works from anywhere, even from a text field:
    // the moment to log it is while doing it.
    if (mod && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'm' && t.manual && t.active()) {
      e.preventDefault();
      t.manual();
      return;
    }
    if (mod || e.altKey || isEditable(e.target) || !t.active()) {
      pendingG = 0;
      return;
    }
    const now = Date.now();
    if (pendingG && now - pendingG <= SEQUENCE_MS) {
      pendingG = 0;
      const area = t.areas().find((a) => a.key === e.key.toLowerCase());
      if (area) {
        e.preventDefault();
        t.go(area.id);
      }
      return;
    }
    pendingG = 0;
    if (e.key === '?') {
      e.preventDefault();
      t.help();
    } else if (e.key === 'g' && !e.shiftKey) {
      pendingG = now;
    }
  };
}
