// The only module that touches window.go (the Wails bindings) and
// window.runtime (events, file drop). Everything else calls these typed
// wrappers, which normalise errors to KeelError and Go's nil slices (JSON
// null) to empty arrays.

export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'internal' | 'unavailable';

const CODES: readonly ErrorCode[] = ['invalid', 'not_found', 'conflict', 'internal', 'unavailable'];

/** An error the page can show: a code and a sentence for the founder. */
export class KeelError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'KeelError';
    this.code = code;
  }
}

export const UNAVAILABLE_MESSAGE =
  "Keel's engine is not connected. This page is the window of the Keel desktop app: start Keel itself rather than opening the page in a web browser.";

function toCode(v: unknown): ErrorCode {
  return typeof v === 'string' && (CODES as readonly string[]).includes(v) ? (v as ErrorCode) : 'internal';
}

/**
 * normaliseError turns whatever a Wails call rejected with into a KeelError:
 * the {code, message} object of Keel's error formatter, a JSON string of it,
 * a bare string (Wails' default), an Error, or anything else.
 */
export function normaliseError(e: unknown): KeelError {
  if (e instanceof KeelError) return e;
  if (typeof e === 'string') {
    const s = e.trim();
    if (s.startsWith('{')) {
      try {
        return normaliseError(JSON.parse(s));
      } catch {
        // not JSON after all: fall through to the plain sentence
      }
    }
    return new KeelError('internal', s || 'Something went wrong inside Keel.');
  }
  if (e && typeof e === 'object') {
    const o = e as { code?: unknown; message?: unknown; Code?: unknown; Message?: unknown };
    const message = o.message ?? o.Message;
    const code = o.code ?? o.Code;
    if (typeof message === 'string' && message.trim() !== '') {
      return new KeelError(toCode(code), message.trim());
    }
  }
  return new KeelError('internal', 'Something went wrong inside Keel.');
}

// ---- types shared with the Go side (app package) ----

export interface WorkspaceInfo {
  path: string;
  name: string;
  base_currency: string;
  time_zone: string;
}

/** The month every screen shows, and the month picker's range (app.Period). */
export interface Period {
  month: string;
  /** The month a workspace opens on: the last complete month with data. */
  default: string;
  /** The last month that has ended. */
  last_complete: string;
  /** This month, shown "so far". */
  current: string;
  first: string;
  last: string;
  /** Says why the default is not the last complete month. */
  note?: string;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  opened_at: string;
}

export interface SourceStat {
  source: string;
  kind: string;
  label: string;
  rows: number;
  from: string | null;
  to: string | null;
  last_import_at: string | null;
  stale: boolean;
}

export interface NextStep {
  label: string;
  why: string;
  source: string;
  kind: string;
}

export interface Summary {
  name: string;
  base_currency: string;
  time_zone: string;
  sources: SourceStat[];
  next: NextStep[];
  imports: number;
  last_import_at: string | null;
}

export interface ApiError {
  code: string;
  message: string;
}

export interface KindInfo {
  source: string;
  kind: string;
  label: string;
}

export interface Candidate extends KindInfo {
  confidence: number;
}

export interface Preview {
  path: string;
  name: string;
  size: number;
  sha256: string;
  encoding: string;
  separator: string;
  header: string[];
  rows: string[][];
  source: string;
  kind: string;
  label: string;
  confidence: number;
  candidates: Candidate[];
  error: ApiError | null;
  /** The saved column mapping made for this header: the import reads the file with it. */
  mapping?: string;
}

export interface RunItem {
  path: string;
  source: string;
  kind: string;
  /** A saved column mapping to read the file with (then source and kind are empty). */
  mapping?: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface Report {
  import_id: number;
  file: string;
  path: string;
  source: string;
  kind: string;
  label: string;
  size: number;
  sha256: string;
  read: number;
  imported: number;
  updated: number;
  /** Rows older than what the workspace has: the newer were kept. */
  older: number;
  duplicates: number;
  rejected: number;
  skipped: number;
  rejected_rows: RejectedRow[];
  /** What Keel assumed about the file (a currency or status it does not give). */
  notes: string[];
  error: ApiError | null;
  duration_ms: number;
}

export interface HistoryItem {
  id: number;
  file: string;
  path: string;
  size: number;
  sha256: string;
  source: string;
  kind: string;
  label: string;
  at: string;
  read: number;
  imported: number;
  updated: number;
  duplicates: number;
  rejected: number;
  undone_at: string | null;
}

export interface ImportProgress {
  file: string;
  path: string;
  bytes: number;
  total: number;
  rows: number;
  done: boolean;
}

/** Sent once the files are saved, while their rows are linked to accounts. */
export interface ImportStage {
  stage: 'linking';
}

export interface DemoProgress {
  step: string;
  file: string;
  done: boolean;
}

// ---- the window.go / window.runtime boundary ----

type Fn = (...args: unknown[]) => Promise<unknown>;
/** A bound Go struct in package app (one per area: Workspace, Imports, Revenue, …). */
export type Struct = string;

interface WailsRuntime {
  EventsOn?: (name: string, cb: (...data: unknown[]) => void) => (() => void) | void;
  EventsOff?: (name: string) => void;
  OnFileDrop?: (cb: (x: number, y: number, paths: string[]) => void, useDropTarget: boolean) => void;
  OnFileDropOff?: () => void;
}

declare global {
  interface Window {
    go?: { app?: Partial<Record<Struct, Record<string, Fn>>> };
    runtime?: WailsRuntime;
  }
}

/** True when the Wails bindings are present (the page runs inside Keel). */
export function hasBackend(): boolean {
  return typeof window.go?.app?.Workspace?.Current === 'function';
}

/** Waits up to `ms` for the bindings, which Wails injects before the page's scripts. */
export async function waitForBackend(ms = 1000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!hasBackend()) {
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}

/** Calls a bound Go method; rejects with a KeelError. Area modules build on it. */
export async function call<T>(struct: Struct, method: string, ...args: unknown[]): Promise<T> {
  const obj = window.go?.app?.[struct];
  const fn = obj?.[method];
  if (typeof fn !== 'function') throw new KeelError('unavailable', UNAVAILABLE_MESSAGE);
  try {
    return (await fn.apply(obj, args)) as T;
  } catch (e) {
    throw normaliseError(e);
  }
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

/** Keel's clock (RFC 3339), or null when the backend cannot say. */
export async function keelTime(): Promise<string | null> {
  try {
    return await call<string>('Session', 'Now');
  } catch {
    return null; // an older backend: the browser's clock stands in
  }
}

/** Tells the app the first screen has rendered (the window smoke test waits for it). */
export async function reportReady(): Promise<void> {
  try {
    await call<void>('Session', 'Ready');
  } catch {
    // Older backends or a plain browser: nothing to tell.
  }
}

function fixSummary(s: Summary): Summary {
  return { ...s, sources: arr(s.sources), next: arr(s.next) };
}

function fixPreview(p: Preview): Preview {
  return {
    ...p,
    header: arr(p.header),
    rows: arr(p.rows).map((r) => arr(r)),
    candidates: arr(p.candidates),
    error: p.error ?? null,
  };
}

function fixReport(r: Report): Report {
  return { ...r, rejected_rows: arr(r.rejected_rows), notes: arr(r.notes), error: r.error ?? null };
}

export const Workspace = {
  Current: () => call<WorkspaceInfo | null>('Workspace', 'Current').then((w) => w ?? null),
  Recent: () => call<RecentWorkspace[] | null>('Workspace', 'Recent').then(arr),
  Open: (path: string) => call<WorkspaceInfo>('Workspace', 'Open', path),
  OpenDialog: () => call<WorkspaceInfo | null>('Workspace', 'OpenDialog').then((w) => w ?? null),
  CreateDialog: (name: string) =>
    call<WorkspaceInfo | null>('Workspace', 'CreateDialog', name).then((w) => w ?? null),
  OpenDemo: () => call<WorkspaceInfo>('Workspace', 'OpenDemo'),
  Close: () => call<void>('Workspace', 'Close'),
  Summary: () => call<Summary>('Workspace', 'Summary').then(fixSummary),
  Period: () => call<Period>('Workspace', 'Period'),
  SetMonth: (month: string) => call<Period>('Workspace', 'SetMonth', month),
};

export const Imports = {
  PickFiles: () => call<string[] | null>('Imports', 'PickFiles').then(arr),
  Preview: (paths: string[]) =>
    call<Preview[] | null>('Imports', 'Preview', paths).then((ps) => arr(ps).map(fixPreview)),
  Kinds: () => call<KindInfo[] | null>('Imports', 'Kinds').then(arr),
  Run: (items: RunItem[]) => call<Report[] | null>('Imports', 'Run', items).then((rs) => arr(rs).map(fixReport)),
  Cancel: () => call<void>('Imports', 'Cancel'),
  History: () => call<HistoryItem[] | null>('Imports', 'History').then(arr),
  Rejected: (importId: number) => call<RejectedRow[] | null>('Imports', 'Rejected', importId).then(arr),
  Undo: (importId: number) => call<void>('Imports', 'Undo', importId),
};

export interface Events {
  'import:progress': ImportProgress;
  'import:stage': ImportStage;
  'demo:progress': DemoProgress;
  'workspace:changed': Record<string, never> | undefined;
}

/** Subscribes to a backend event; returns the unsubscribe function. A no-op outside Keel. */
export function on<K extends keyof Events>(name: K, cb: (data: Events[K]) => void): () => void {
  const rt = window.runtime;
  if (typeof rt?.EventsOn !== 'function') return () => {};
  const off = rt.EventsOn(name, (...data: unknown[]) => cb(data[0] as Events[K]));
  return typeof off === 'function' ? off : () => rt.EventsOff?.(name);
}

/** The CSS custom property and value Wails looks for on a drop target. */
export const DROP_TARGET_STYLE = '--wails-drop-target: drop';

/**
 * Listens to files dropped from the OS. Wails only resolves dropped paths on
 * Windows when a drop target is used, so the app's root element carries
 * DROP_TARGET_STYLE (inherited, so the whole window is the target).
 */
export function onFileDrop(cb: (paths: string[]) => void): () => void {
  const rt = window.runtime;
  if (typeof rt?.OnFileDrop !== 'function') return () => {};
  rt.OnFileDrop((_x, _y, paths) => cb(arr(paths)), true);
  return () => rt.OnFileDropOff?.();
}
