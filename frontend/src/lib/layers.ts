// A stack of open panels, dialogs and menus so that Esc closes the topmost
// one only. One keydown listener (capture phase) serves them all, so it
// works for any component, mounted by App or alone in a test.

interface Layer {
  close: () => void;
}

const stack: Layer[] = [];
let listening = false;

function onKey(e: KeyboardEvent): void {
  if (e.key !== 'Escape' || stack.length === 0 || e.isComposing) return;
  e.preventDefault();
  e.stopPropagation();
  stack[stack.length - 1].close();
}

/** Registers an open layer; returns the function that removes it. */
export function pushLayer(close: () => void): () => void {
  const layer: Layer = { close };
  stack.push(layer);
  if (!listening && typeof window !== 'undefined') {
    window.addEventListener('keydown', onKey, true);
    listening = true;
  }
  return () => {
    const i = stack.indexOf(layer);
    if (i >= 0) stack.splice(i, 1);
  };
}

/** True while any panel, dialog or menu is open. */
export function hasLayers(): boolean {
  return stack.length > 0;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `root`, in order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.hasAttribute('inert') && el.getAttribute('aria-hidden') !== 'true',
  );
}

/** Keeps Tab and Shift+Tab inside `root` (for modal dialogs). */
export function trapTab(e: KeyboardEvent, root: HTMLElement): void {
  if (e.key !== 'Tab') return;
  const els = focusables(root);
  if (els.length === 0) {
    e.preventDefault();
    return;
  }
  const first = els[0];
  const last = els[els.length - 1];
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !root.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !root.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}
