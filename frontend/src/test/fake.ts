// A fake window.go / window.runtime, shaped like Wails v2's bindings.
import { vi, type Mock } from 'vitest';
import { HISTORY, KINDS, PREVIEWS, REPORTS, SUMMARY, WS } from './fixtures';

type AnyFn = (...args: any[]) => Promise<any>;

export interface Fake {
  Workspace: Record<string, Mock<AnyFn>>;
  Imports: Record<string, Mock<AnyFn>>;
  /** Sends a backend event to the page's subscribers. */
  emit(name: string, data?: unknown): void;
  /** Simulates the OS dropping files on the window (Wails OnFileDrop). */
  osDrop(paths: string[]): void;
  subscribers(name: string): number;
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

export function installFake(
  over: { Workspace?: Record<string, AnyFn>; Imports?: Record<string, AnyFn> } = {},
): Fake {
  const handlers = new Map<string, Set<(d: unknown) => void>>();
  let dropCb: ((x: number, y: number, paths: string[]) => void) | null = null;

  const Workspace: Record<string, Mock<AnyFn>> = {
    Current: vi.fn(async () => WS),
    Recent: vi.fn(async () => [{ path: WS.path, name: WS.name, opened_at: new Date().toISOString() }]),
    Open: vi.fn(async (path: string) => ({ ...WS, path })),
    OpenDialog: vi.fn(async () => null),
    CreateDialog: vi.fn(async () => null),
    OpenDemo: vi.fn(async () => ({ ...WS, name: 'Keel demo' })),
    Close: vi.fn(async () => undefined),
    Summary: vi.fn(async () => SUMMARY),
    Period: vi.fn(async () => ({ month: '2026-02', default: '2026-02', last_complete: '2026-02', current: '2026-03', first: '2025-01', last: '2026-03' })),
    SetMonth: vi.fn(async (m: string) => ({ month: m, default: '2026-02', last_complete: '2026-02', current: '2026-03', first: '2025-01', last: '2026-03' })),
  };
  const Imports: Record<string, Mock<AnyFn>> = {
    PickFiles: vi.fn(async () => []),
    Preview: vi.fn(async (paths: string[]) => PREVIEWS.filter((p) => paths.includes(p.path))),
    Kinds: vi.fn(async () => KINDS),
    Run: vi.fn(async () => REPORTS),
    Cancel: vi.fn(async () => undefined),
    History: vi.fn(async () => HISTORY),
    Rejected: vi.fn(async () => REPORTS[0].rejected_rows),
    Undo: vi.fn(async () => undefined),
  };
  for (const [k, fn] of Object.entries(over.Workspace ?? {})) Workspace[k] = vi.fn(fn);
  for (const [k, fn] of Object.entries(over.Imports ?? {})) Imports[k] = vi.fn(fn);

  window.go = { app: { Workspace, Imports } };
  window.runtime = {
    EventsOn: vi.fn((name: string, cb: (...d: unknown[]) => void) => {
      if (!handlers.has(name)) handlers.set(name, new Set());
      handlers.get(name)!.add(cb);
      return () => handlers.get(name)?.delete(cb);
    }),
    EventsOff: vi.fn((name: string) => handlers.delete(name)),
    OnFileDrop: vi.fn((cb: (x: number, y: number, paths: string[]) => void) => {
      dropCb = cb;
    }),
    OnFileDropOff: vi.fn(() => {
      dropCb = null;
    }),
  };

  return {
    Workspace,
    Imports,
    emit: (name, data) => {
      for (const cb of handlers.get(name) ?? []) cb(data);
    },
    osDrop: (paths) => dropCb?.(10, 10, paths),
    subscribers: (name) => handlers.get(name)?.size ?? 0,
  };
}

export function removeFake(): void {
  delete window.go;
  delete window.runtime;
}
