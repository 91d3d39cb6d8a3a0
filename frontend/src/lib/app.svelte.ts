// The app's shared state: which workspace is open, its summary, the screen
// on show and the overlay on top. Screens read `app`; actions live here so
// the sidebar, the palette, the welcome screen and keyboard shortcuts all
// run the same code.
import {
  Workspace,
  hasBackend,
  keelTime,
  on,
  waitForBackend,
  type NextStep,
  type RecentWorkspace,
  type Summary,
  type WorkspaceInfo,
} from './api';
import { syncClock } from './format';
import { toast } from './toasts.svelte';

export type Phase = 'starting' | 'nobackend' | 'welcome' | 'workspace';
export type Overlay = null | 'palette' | 'help' | 'new-workspace';
export type Opening = null | 'open' | 'create' | 'demo' | 'close';

export interface DemoState {
  step: string;
  file: string;
  startedAt: number;
}

function initial() {
  return {
    phase: 'starting' as Phase,
    workspace: null as WorkspaceInfo | null,
    summary: null as Summary | null,
    summaryLoading: false,
    summaryError: null as string | null,
    recent: [] as RecentWorkspace[],
    screen: 'home',
    overlay: null as Overlay,
    opening: null as Opening,
    demo: null as DemoState | null,
    /** The next step the founder clicked on Home, shown as a hint on Imports. */
    wanted: null as NextStep | null,
    /** A file is being dragged over the window. */
    dragging: false,
  };
}

export const app = $state(initial());

type Listener = () => void;
const switched = new Set<Listener>();
const changed = new Set<Listener>();

/** Runs fn when another workspace opens (or the current one closes). */
export function onWorkspaceSwitch(fn: Listener): () => void {
  switched.add(fn);
  return () => switched.delete(fn);
}

/** Runs fn when the data of the open workspace changed (an import, an undo). */
export function onDataChanged(fn: Listener): () => void {
  changed.add(fn);
  return () => changed.delete(fn);
}

let generation = 0;

/** Resets the state (tests). */
export function resetApp(): void {
  generation++;
  Object.assign(app, initial());
}

export function go(screen: string): void {
  app.screen = screen;
  app.overlay = null;
}

export function showOverlay(o: Overlay): void {
  app.overlay = o;
}

export async function loadRecent(): Promise<void> {
  try {
    app.recent = await Workspace.Recent();
  } catch {
    // The recent list is a convenience; an error here is not worth a toast.
    app.recent = [];
  }
}

let summarySeq = 0;

export async function loadSummary(): Promise<void> {
  if (!app.workspace) return;
  const seq = ++summarySeq;
  app.summaryLoading = true;
  app.summaryError = null;
  try {
    const s = await Workspace.Summary();
    if (seq !== summarySeq) return;
    app.summary = s;
  } catch (e) {
    if (seq !== summarySeq) return;
    const err = e as Error;
    app.summaryError = err.message;
  } finally {
    if (seq === summarySeq) app.summaryLoading = false;
  }
}

function setWorkspace(ws: WorkspaceInfo | null): void {
  const same = ws !== null && app.workspace !== null && ws.path === app.workspace.path;
  app.workspace = ws;
  app.phase = ws ? 'workspace' : 'welcome';
  if (!same) {
    app.summary = null;
    app.summaryError = null;
    app.screen = 'home';
    app.wanted = null;
    for (const fn of switched) fn();
  }
}

/** Starts the page: finds the backend, the open workspace and its summary. */
export async function start(waitMs = 3000): Promise<void> {
  const gen = generation;
  // Wails injects the bindings before the page's scripts in the app, but
  // over a websocket, a moment later, when `wails dev` serves a browser.
  if (!hasBackend() && !(await waitForBackend(waitMs))) {
    if (gen !== generation) return;
    app.phase = 'nobackend';
    // Keep looking, quietly: if the bindings arrive late, start then.
    const poll = setInterval(() => {
      if (gen !== generation) clearInterval(poll);
      else if (hasBackend()) {
        clearInterval(poll);
        void start();
      }
    }, 500);
    return;
  }
  if (gen !== generation) return;
  const now = await keelTime();
  if (now) syncClock(now);
  let ws: WorkspaceInfo | null = null;
  try {
    ws = await Workspace.Current();
  } catch (e) {
    toast.error(e);
  }
  setWorkspace(ws);
  await Promise.all([loadRecent(), ws ? loadSummary() : Promise.resolve()]);
}

/** Re-reads everything after the backend says the workspace changed. */
export async function refresh(): Promise<void> {
  if (app.phase === 'nobackend' || app.phase === 'starting') return;
  try {
    setWorkspace(await Workspace.Current());
  } catch (e) {
    toast.error(e);
    return;
  }
  await Promise.all([loadRecent(), loadSummary()]);
  for (const fn of changed) fn();
}

/** Tells listeners the data changed (after an import or an undo) and reloads the summary. */
export async function dataChanged(): Promise<void> {
  for (const fn of changed) fn();
  await loadSummary();
}

async function opening(kind: Exclude<Opening, null>, fn: () => Promise<WorkspaceInfo | null>): Promise<boolean> {
  if (app.opening) return false;
  app.opening = kind;
  try {
    const ws = await fn();
    if (!ws) return false; // the founder cancelled the native dialog
    setWorkspace(ws);
    app.overlay = null;
    await Promise.all([loadSummary(), loadRecent()]);
    return true;
  } catch (e) {
    toast.error(e);
    return false;
  } finally {
    app.opening = null;
  }
}

export function openPath(path: string): Promise<boolean> {
  return opening('open', () => Workspace.Open(path));
}

export function openDialog(): Promise<boolean> {
  return opening('open', () => Workspace.OpenDialog());
}

export function createWorkspace(name: string): Promise<boolean> {
  return opening('create', () => Workspace.CreateDialog(name.trim()));
}

export async function openDemo(): Promise<boolean> {
  if (app.opening) return false;
  app.demo = { step: 'Preparing the demo workspace', file: '', startedAt: Date.now() };
  const off = on('demo:progress', (p) => {
    if (!app.demo || !p) return;
    app.demo.step = p.step || app.demo.step;
    app.demo.file = p.file || '';
  });
  try {
    return await opening('demo', () => Workspace.OpenDemo());
  } finally {
    off();
    app.demo = null;
  }
}

export async function closeWorkspace(): Promise<void> {
  if (app.opening) return;
  app.opening = 'close';
  try {
    await Workspace.Close();
    setWorkspace(null);
    await loadRecent();
  } catch (e) {
    toast.error(e);
  } finally {
    app.opening = null;
  }
}
