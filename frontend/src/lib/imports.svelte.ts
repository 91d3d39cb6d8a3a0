// The import flow: files staged with their previews, the run with its
// progress, the reports, and the history. It lives outside the Imports
// screen so that an import keeps going (and a drop still lands) while the
// founder looks at another screen.
import {
  Imports,
  on,
  type HistoryItem,
  type ImportProgress,
  type KindInfo,
  type Preview,
  type RejectedRow,
  type Report,
  type RunItem,
} from './api';
import { app, dataChanged, go, onDataChanged, onWorkspaceSwitch } from './app.svelte';
import { count, plural } from './format';
import { toast } from './toasts.svelte';

export interface Staged {
  preview: Preview;
  /** "source/kind" chosen for the file, "" when none yet. */
  choice: string;
  /** The founder opened the kind select on a file Keel was sure about. */
  editing: boolean;
}

export interface FileProgress {
  file: string;
  bytes: number;
  total: number;
  rows: number;
  done: boolean;
}

export interface Progress {
  startedAt: number;
  now: number;
  totalBytes: number;
  files: Record<string, FileProgress>;
  order: string[];
  current: string;
  /** Set once every file is saved and the rows are being linked to accounts. */
  linking?: boolean;
}

function initial() {
  return {
    kinds: [] as KindInfo[],
    staged: [] as Staged[],
    /** Files whose previews are being read. */
    reading: 0,
    running: false,
    cancelling: false,
    progress: null as Progress | null,
    reports: [] as Report[],
    history: [] as HistoryItem[],
    historyLoaded: false,
    historyError: null as string | null,
    /** The staged file whose columns are being mapped (the mapper is open), or null. */
    mapping: null as string | null,
    /** Bumped when a column mapping is saved or deleted, so that lists reload. */
    mappingsVersion: 0,
  };
}

export const flow = $state(initial());

export function resetImports(): void {
  Object.assign(flow, initial());
}

onWorkspaceSwitch(() => {
  const kinds = flow.kinds;
  resetImports();
  flow.kinds = kinds; // the importers do not change with the workspace
});
onDataChanged(() => {
  if (flow.historyLoaded) void loadHistory();
});

export const keyOf = (source: string, kind: string): string => (source && kind ? `${source}/${kind}` : '');

/** The choice of a file read with a saved column mapping. */
export const MAPPING_PREFIX = 'mapping:';
export const mappingChoice = (name: string): string => `${MAPPING_PREFIX}${name}`;

/** True when Keel is unsure what the file is, or could not read it as detected. */
export function needsChoice(p: Preview): boolean {
  return p.error !== null || p.confidence < 0.6 || !p.source || !p.kind;
}

/** Keel cannot read the file at all (no header): choosing a kind will not help. */
export function unreadable(p: Preview): boolean {
  return p.error !== null && p.header.length === 0;
}

/** The file will be imported when the founder presses Import. */
export function isReady(s: Staged): boolean {
  if (unreadable(s.preview) || !s.choice) return false;
  // A file with an error is only ready once the founder picked another kind.
  if (s.preview.error) return s.choice !== keyOf(s.preview.source, s.preview.kind);
  return true;
}

export function readyItems(): Staged[] {
  return flow.staged.filter(isReady);
}

function stage(p: Preview): Staged {
  const detected = p.mapping ? mappingChoice(p.mapping) : keyOf(p.source, p.kind);
  return { preview: p, choice: p.error ? '' : detected, editing: false };
}

let kindsLoading: Promise<void> | null = null;

export function loadKinds(): Promise<void> {
  if (flow.kinds.length > 0) return Promise.resolve();
  kindsLoading ??= Imports.Kinds()
    .then((k) => {
      flow.kinds = k;
    })
    .catch(() => {
      // Without the list the select still offers the detected candidates.
    })
    .finally(() => {
      kindsLoading = null;
    });
  return kindsLoading;
}

/** Reads previews of the files and stages them (skipping files already staged). */
export async function addFiles(paths: string[]): Promise<void> {
  const have = new Set(flow.staged.map((s) => s.preview.path));
  const fresh = [...new Set(paths)].filter((p) => p && !have.has(p));
  if (fresh.length === 0) return;
  flow.reports = [];
  flow.reading += fresh.length;
  void loadKinds();
  try {
    const previews = await Imports.Preview(fresh);
    const now = new Set(flow.staged.map((s) => s.preview.path));
    for (const p of previews) if (!now.has(p.path)) flow.staged.push(stage(p));
  } catch (e) {
    toast.error(e);
  } finally {
    flow.reading -= fresh.length;
  }
}

/** The native file dialog, then previews. */
export async function pickFiles(): Promise<void> {
  if (flow.running) return;
  try {
    const paths = await Imports.PickFiles();
    if (paths.length > 0) await addFiles(paths);
  } catch (e) {
    toast.error(e);
  }
}

/**
 * What happens when files are dropped on the window: the OS drop (Wails
 * OnFileDrop) and window.__keel.dropFiles (browser e2e tests) both call it.
 */
export async function handleFileDrop(paths: string[]): Promise<void> {
  app.dragging = false;
  if (!paths || paths.length === 0) return;
  if (!app.workspace) {
    toast.info('Open or create a workspace first, then drop your exports on the window.');
    return;
  }
  if (flow.running) {
    toast.info('An import is running. Drop the files again when it has finished.');
    return;
  }
  if (app.screen !== 'imports') go('imports');
  await addFiles(paths);
}

export function removeStaged(path: string): void {
  const i = flow.staged.findIndex((s) => s.preview.path === path);
  if (i >= 0) flow.staged.splice(i, 1);
}

export function clearStaged(): void {
  flow.staged = [];
}

export function setChoice(path: string, choice: string): void {
  const s = flow.staged.find((x) => x.preview.path === path);
  if (s) s.choice = choice;
}

export function setEditing(path: string, editing: boolean): void {
  const s = flow.staged.find((x) => x.preview.path === path);
  if (s) s.editing = editing;
}

function onProgress(p: ImportProgress): void {
  const pr = flow.progress;
  if (!pr || !p) return;
  const key = p.path || p.file;
  if (!pr.files[key]) {
    pr.files[key] = { file: p.file, bytes: 0, total: 0, rows: 0, done: false };
    if (!pr.order.includes(key)) pr.order.push(key);
  }
  const f = pr.files[key];
  f.file = p.file || f.file;
  f.total = p.total > 0 ? p.total : f.total;
  f.bytes = p.done ? Math.max(f.total, p.bytes) : p.bytes;
  f.rows = p.rows;
  f.done = p.done;
  if (!p.done) pr.current = key;
  pr.now = Date.now();
}

export interface ProgressView {
  fraction: number;
  rows: number;
  fileName: string;
  fileIndex: number;
  files: number;
  /** Seconds left, or null while there is too little to estimate from. */
  secondsLeft: number | null;
  /** reading the files; saving the last one (all read, not yet committed); linking rows to accounts. */
  stage: 'reading' | 'saving' | 'linking';
}

/** What the progress bar shows, computed from the per-file events. */
export function progressView(pr: Progress, now: number = pr.now): ProgressView {
  let done = 0;
  let total = 0;
  let rows = 0;
  for (const k of pr.order) {
    const f = pr.files[k];
    done += Math.min(f.bytes, f.total || f.bytes);
    rows += f.rows;
  }
  for (const k of pr.order) total += pr.files[k].total;
  total = Math.max(total, pr.totalBytes);
  const fraction = total > 0 ? Math.min(1, done / total) : 0;
  const elapsed = Math.max(0, now - pr.startedAt);
  const secondsLeft =
    fraction >= 0.02 && elapsed >= 1500 && fraction < 1 ? (elapsed * (1 - fraction)) / fraction / 1000 : null;
  const cur = pr.files[pr.current];
  const idx = pr.order.indexOf(pr.current);
  return {
    fraction,
    rows,
    fileName: cur?.file ?? '',
    fileIndex: idx >= 0 ? idx + 1 : 0,
    files: Math.max(pr.order.length, Object.keys(pr.files).length),
    secondsLeft,
    stage: pr.linking ? 'linking' : fraction >= 1 ? 'saving' : 'reading',
  };
}

/** Imports the ready files (or the given items) and shows the reports. */
export async function runImport(items?: RunItem[], knownSizes?: Record<string, number>): Promise<Report[] | null> {
  if (flow.running) return null;
  const ready = readyItems();
  const run: RunItem[] =
    items ??
    ready.map((s) => {
      if (s.choice.startsWith(MAPPING_PREFIX)) {
        return { path: s.preview.path, source: '', kind: '', mapping: s.choice.slice(MAPPING_PREFIX.length) };
      }
      const [source, kind] = s.choice.split('/');
      return { path: s.preview.path, source, kind };
    });
  if (run.length === 0) return null;
  const sizes = new Map(flow.staged.map((s) => [s.preview.path, s.preview.size]));
  for (const [p, n] of Object.entries(knownSizes ?? {})) sizes.set(p, n);
  const now = Date.now();
  flow.progress = {
    startedAt: now,
    now,
    totalBytes: run.reduce((n, it) => n + (sizes.get(it.path) ?? 0), 0),
    files: {},
    order: [],
    current: '',
  };
  // Files appear in the order they will run, with their sizes, before any event arrives.
  for (const it of run) {
    const name = it.path.split(/[\\/]/).pop() ?? it.path;
    flow.progress.files[it.path] = { file: name, bytes: 0, total: sizes.get(it.path) ?? 0, rows: 0, done: false };
    flow.progress.order.push(it.path);
  }
  flow.progress.current = run[0].path;
  flow.running = true;
  flow.cancelling = false;
  flow.reports = [];
  const off = on('import:progress', onProgress);
  const offStage = on('import:stage', () => {
    if (flow.progress) flow.progress.linking = true;
  });
  const tick = setInterval(() => {
    if (flow.progress) flow.progress.now = Date.now();
  }, 1000);
  try {
    const reports = await Imports.Run(run);
    const cancelled = flow.cancelling;
    flow.reports = reports;
    const ran = new Set(run.map((r) => r.path));
    // Files that ran are done; unreadable ones were never going to run.
    flow.staged = flow.staged.filter((s) => !ran.has(s.preview.path) && !unreadable(s.preview));
    announce(reports, cancelled);
    return reports;
  } catch (e) {
    if (flow.cancelling) toast.info('Import cancelled. Nothing was written to the workspace.');
    else toast.error(e);
    return null;
  } finally {
    clearInterval(tick);
    off();
    offStage();
    flow.running = false;
    flow.cancelling = false;
    flow.progress = null;
    // Reloads the summary and, through onDataChanged, the history.
    void dataChanged();
  }
}

function seeReport(): void {
  go('imports');
  // After the screen renders, bring the first problem into view.
  setTimeout(() => {
    const el = document.querySelector<HTMLElement>('[data-problem="true"]') ?? document.getElementById('reports');
    el?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    el?.focus({ preventScroll: true });
  }, 0);
}

function announce(reports: Report[], cancelled: boolean): void {
  const failed = reports.filter((r) => r.error);
  const ok = reports.filter((r) => !r.error);
  const added = ok.reduce((n, r) => n + r.imported, 0);
  const updated = ok.reduce((n, r) => n + r.updated, 0);
  const rejected = ok.reduce((n, r) => n + r.rejected, 0);
  const action = { label: 'See report', run: seeReport };
  if (cancelled) {
    toast.info('Import cancelled. Files that had not finished were not written.', action);
    return;
  }
  if (failed.length > 0) {
    const first = failed[0];
    const more = failed.length > 1 ? ` (and ${failed.length - 1} more)` : '';
    toast.error(`${first.file}: ${first.error?.message ?? 'could not be imported.'}${more}`, action);
    return;
  }
  const parts = [`${plural(added, 'new row')}`];
  if (updated) parts.push(`${count(updated)} updated`);
  const head = `Imported ${plural(ok.length, 'file')}: ${parts.join(', ')}.`;
  if (rejected > 0) toast.warning(`${head} ${plural(rejected, 'row')} rejected.`, action);
  else toast.success(head);
}

export async function cancelImport(): Promise<void> {
  if (!flow.running || flow.cancelling) return;
  flow.cancelling = true;
  try {
    await Imports.Cancel();
  } catch (e) {
    flow.cancelling = false;
    toast.error(e);
  }
}

let historySeq = 0;

export async function loadHistory(): Promise<void> {
  if (!app.workspace) return;
  const seq = ++historySeq;
  try {
    const h = await Imports.History();
    if (seq !== historySeq) return;
    flow.history = h;
    flow.historyError = null;
  } catch (e) {
    if (seq !== historySeq) return;
    flow.historyError = (e as Error).message;
  } finally {
    if (seq === historySeq) flow.historyLoaded = true;
  }
}

/** Undoes an import (the screen asks first); offers to import the file again. */
export async function undoImport(h: HistoryItem): Promise<boolean> {
  try {
    await Imports.Undo(h.id);
  } catch (e) {
    toast.error(e);
    return false;
  }
  toast.success(`Import of ${h.file} undone.`, {
    label: 'Import again',
    run: () => {
      go('imports');
      // A file read with a saved column mapping has no importer of its
      // own: detection finds the mapping again by the file's header.
      const known = flow.kinds.some((k) => k.source === h.source && k.kind === h.kind);
      const item = known ? { path: h.path, source: h.source, kind: h.kind } : { path: h.path, source: '', kind: '' };
      void runImport([item], { [h.path]: h.size });
    },
  });
  await dataChanged();
  return true;
}

/** Opens the column mapper on a staged file (or closes it with null). */
export function openMapper(path: string | null): void {
  flow.mapping = path;
}

/**
 * A mapping was saved for a staged file: the file now reads with it, as
 * the next export with the same header will.
 */
export function useMapping(path: string, m: { name: string; source: string; kind: string }): void {
  flow.mappingsVersion++;
  const s = flow.staged.find((x) => x.preview.path === path);
  if (!s) return;
  s.preview = { ...s.preview, mapping: m.name, source: m.source, kind: m.kind, label: `${m.name} (saved mapping)`, confidence: 1, error: null };
  s.choice = mappingChoice(m.name);
  s.editing = false;
}

export function rejectedRows(importId: number): Promise<RejectedRow[]> {
  return Imports.Rejected(importId);
}
