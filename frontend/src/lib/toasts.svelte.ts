// Toasts: short messages in the corner. Errors carry the backend's sentence.
import { normaliseError } from './api';

export type ToastKind = 'info' | 'success' | 'warning' | 'error';

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
}

export const toasts: Toast[] = $state([]);

let next = 1;
const timers = new Map<number, ReturnType<typeof setTimeout>>();

const LIFETIME: Record<ToastKind, number> = { info: 5000, success: 5000, warning: 9000, error: 12000 };

function push(kind: ToastKind, message: string, action?: ToastAction): number {
  const id = next++;
  toasts.push({ id, kind, message, action });
  // Keep the corner calm: at most four at once, oldest first out.
  while (toasts.length > 4) dismiss(toasts[0].id);
  timers.set(
    id,
    setTimeout(() => dismiss(id), LIFETIME[kind]),
  );
  return id;
}

export function dismiss(id: number): void {
  const t = timers.get(id);
  if (t) clearTimeout(t);
  timers.delete(id);
  const i = toasts.findIndex((x) => x.id === id);
  if (i >= 0) toasts.splice(i, 1);
}

/** Stops a toast from expiring (while the pointer or focus is on it). */
export function hold(id: number): void {
  const t = timers.get(id);
  if (t) clearTimeout(t);
  timers.delete(id);
}

/** Lets a held toast expire again. */
export function release(id: number): void {
  const t = toasts.find((x) => x.id === id);
  if (!t || timers.has(id)) return;
  timers.set(
    id,
    setTimeout(() => dismiss(id), 4000),
  );
}

export const toast = {
  info: (message: string, action?: ToastAction) => push('info', message, action),
  success: (message: string, action?: ToastAction) => push('success', message, action),
  warning: (message: string, action?: ToastAction) => push('warning', message, action),
  /** Shows the sentence of any error (a KeelError, a Wails rejection, a string). */
  error: (e: unknown, action?: ToastAction) => push('error', normaliseError(e).message, action),
};

export function clearToasts(): void {
  for (const t of [...toasts]) dismiss(t.id);
}
