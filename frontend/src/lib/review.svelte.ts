// The monthly review's API (typed wrappers of the Go struct app.Review):
// Home's scaling map, the guided review saved at every step, freeze and
// restatement, past reviews and the Excel report. Also the review due next,
// for the sidebar's badge. Money is integer minor units; null is unknown.
import { call } from './api';
import { app, go, onDataChanged, onWorkspaceSwitch } from './app.svelte';
import { pickMonth } from './month.svelte';
import { toast } from './toasts.svelte';
import type { ChartOptions, Hint, Tile } from './revenue';
import type { Digest, SegmentClusters } from './feedback';
import type { DecisionKind, Entry as DecisionEntry } from './decisions.svelte';
import { fixReleaseLog, type ReleaseLog } from './releases';

export type Status = 'not_started' | 'in_progress' | 'frozen';
export type StepId =
  | 'freshness'
  | 'revenue'
  | 'users'
  | 'operations'
  | 'releases'
  | 'feedback'
  | 'checklist'
  | 'decisions';
export type Answer = 'yes' | 'no' | 'unsure' | '';
export type { DecisionKind };
export type ReviewUnit = 'money' | 'count' | 'ratio' | 'minutes' | 'multiple';

export interface ReviewNumber {
  key: string;
  label: string;
  unit: ReviewUnit;
  value: number | null;
  prev: number | null;
  delta: number | null;
  change: number | null;
  better: 'up' | 'down' | '';
  trend: (number | null)[];
  missing?: string;
}

export interface Warning {
  id: string;
  surface: string;
  title: string;
  detail: string;
}

export interface Unavailable {
  id: string;
  surface: string;
  title: string;
  needs: string;
}

export interface MissingSource {
  source: string;
  kind: string;
  last: string | null;
  text: string;
}

export interface ReviewStep {
  id: StepId;
  title: string;
  numbers: ReviewNumber[];
  reading: string;
  not_tracked: string[];
  missing?: MissingSource[];
  note: string;
  done: boolean;
  tiles: Tile[];
  chart: ChartOptions | null;
  chart_title: string;
  warnings: Warning[];
  unavailable: Unavailable[];
  needs: Hint | null;
  /** The feedback step's digest: top clusters, signals, loops closed. */
  feedback?: Digest | null;
  /** The Releases step's list of the month's releases (absent when none is recorded). */
  releases?: ReleaseLog | null;
}

export interface Stage {
  id: 'learning_speed' | 'reliability' | 'leverage';
  name: string;
  reason: string;
}

export interface NextReview {
  month: string;
  /** The month "Start review" opens: month once it has ended, else the last complete month. */
  open: string;
  /** The month has ended: its review can start. */
  ended: boolean;
  title: string;
  due: string;
  overdue: boolean;
  text: string;
}

export interface CheckItem {
  id: string;
  question: string;
  late: boolean;
  answer: Answer;
  note: string;
  hint?: string;
}

export interface Decision {
  id: number;
  kind: DecisionKind;
  what: string;
  owner: string;
  /** YYYY-MM-DD */
  due: string;
}

export interface Source {
  import_id: number;
  file: string;
  sha256: string;
  source: string;
  kind: string;
  imported_at: string;
  read: number;
  imported: number;
  updated: number;
  rows: number;
  first: string | null;
  last: string | null;
}

export interface Cause {
  id: string;
  kind: 'import' | 'undo' | 'rule' | 'rates' | 'unexplained';
  import_id?: number;
  file?: string;
  sha256?: string;
  source?: string;
  records?: string;
  at?: string;
  text: string;
}

export interface Change {
  month: string;
  key: string;
  label: string;
  unit: ReviewUnit;
  old: number | null;
  new: number | null;
  causes: string[];
  text: string;
}

export interface Restatement {
  checked_at: string;
  text: string;
  changes: Change[];
  causes: Cause[];
  error?: string;
}

export interface Summary {
  month: string;
  title: string;
  status: Status;
  step: StepId;
  started_at: string;
  updated_at: string;
  frozen_at: string | null;
  decisions: number;
  imports_since_freeze: number;
}

export type { Period } from './api';
import type { Period } from './api';

export interface ReviewView {
  month: string;
  title: string;
  workspace: string;
  status: Status;
  step: StepId;
  started_at: string | null;
  updated_at: string | null;
  frozen_at: string | null;
  base_currency: string;
  steps: ReviewStep[];
  warnings: Warning[];
  warnings_not_available: Unavailable[];
  stage: Stage;
  next_review: NextReview;
  checklist: CheckItem[];
  decisions: Decision[];
  notes: string;
  sources: Source[];
  restatement: Restatement | null;
  period: Period;
  past: Summary[];
  decision_kinds: DecisionKind[];
  /** The decision log's decisions due for validation (backend/decisions). */
  decisions_due: DecisionEntry[];
}

export interface MapSurface {
  id: 'product' | 'users' | 'operations' | 'revenue';
  name: string;
  tiles: Tile[];
  warnings: Warning[];
  unavailable: Unavailable[];
  not_tracked: string[];
  missing: Hint | null;
  /** Users: the feedback clusters by segment. */
  clusters?: SegmentClusters[];
}

export interface ScalingMap extends Period {
  title: string;
  currency: string;
  surfaces: MapSurface[];
  freshness: { reading: string; missing?: MissingSource[] };
  stage: Stage;
  next_review: NextReview;
  next_status: Status;
  /** The month's decision throughput, as tiles (decisions.*). */
  throughput: Tile[];
}

export interface Due extends NextReview {
  is_due: boolean;
  status: Status;
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function fixTile(t: Tile): Tile {
  return { ...t, months: arr(t.months), values: arr(t.values), note: t.note ?? null, spark: t.spark ?? null };
}

function fixView(v: ReviewView): ReviewView {
  return {
    ...v,
    steps: arr(v.steps).map((s) => ({
      ...s,
      numbers: arr(s.numbers).map((n) => ({ ...n, trend: arr(n.trend) })),
      not_tracked: arr(s.not_tracked),
      missing: arr(s.missing),
      tiles: arr(s.tiles).map(fixTile),
      chart: s.chart ?? null,
      warnings: arr(s.warnings),
      unavailable: arr(s.unavailable),
      needs: s.needs ?? null,
      releases: fixReleaseLog(s.releases),
      note: s.note ?? '',
    })),
    decisions_due: arr(v.decisions_due),
    warnings: arr(v.warnings),
    warnings_not_available: arr(v.warnings_not_available),
    checklist: arr(v.checklist),
    decisions: arr(v.decisions),
    sources: arr(v.sources),
    notes: v.notes ?? '',
    restatement: v.restatement
      ? {
          ...v.restatement,
          changes: arr(v.restatement.changes).map((c) => ({ ...c, causes: arr(c.causes) })),
          causes: arr(v.restatement.causes),
        }
      : null,
    past: arr(v.past),
    decision_kinds: arr(v.decision_kinds).length ? v.decision_kinds : ['keep', 'change', 'fix', 'stop'],
  };
}

function fixMap(m: ScalingMap): ScalingMap {
  return {
    ...m,
    surfaces: arr(m.surfaces).map((s) => ({
      ...s,
      tiles: arr(s.tiles).map(fixTile),
      warnings: arr(s.warnings),
      unavailable: arr(s.unavailable),
      not_tracked: arr(s.not_tracked),
      missing: s.missing ?? null,
    })),
    freshness: { ...m.freshness, missing: arr(m.freshness?.missing) },
    throughput: arr(m.throughput).map(fixTile),
  };
}

export const Review = {
  Map: (month: string) => call<ScalingMap>('Review', 'Map', month).then(fixMap),
  Due: () => call<Due>('Review', 'Due'),
  Get: (month: string) => call<ReviewView>('Review', 'Get', month).then(fixView),
  List: () => call<Summary[] | null>('Review', 'List').then(arr),
  Start: (month: string) => call<ReviewView>('Review', 'Start', month).then(fixView),
  StartEarly: (month: string) => call<ReviewView>('Review', 'StartEarly', month).then(fixView),
  SetStep: (month: string, step: StepId) => call<void>('Review', 'SetStep', month, step),
  SaveStep: (month: string, step: StepId, note: string, done: boolean) =>
    call<void>('Review', 'SaveStep', month, step, note, done),
  Answer: (month: string, item: string, answer: Answer, note: string) =>
    call<void>('Review', 'Answer', month, item, answer, note),
  SaveNotes: (month: string, notes: string) => call<void>('Review', 'SaveNotes', month, notes),
  AddDecision: (month: string, d: Omit<Decision, 'id'> & { id?: number }) =>
    call<Decision>('Review', 'AddDecision', month, { id: 0, ...d }),
  UpdateDecision: (month: string, d: Decision) => call<void>('Review', 'UpdateDecision', month, d),
  DeleteDecision: (month: string, id: number) => call<void>('Review', 'DeleteDecision', month, id),
  Freeze: (month: string) => call<ReviewView>('Review', 'Freeze', month).then(fixView),
  /** The native save dialog, then the report; "" when cancelled. */
  Export: (month: string, anonymize: boolean) =>
    call<string>('Review', 'Export', month, anonymize).then((p) => p ?? ''),
  ExportTo: (month: string, path: string, anonymize: boolean) =>
    call<string>('Review', 'ExportTo', month, path, anonymize),
};


/** The review due next, for the sidebar's badge and Home. */
export const reviewDue = $state({ due: null as Due | null });

let dueSeq = 0;

/** Re-reads the review due next; quiet on failure (the badge is a hint). */
export async function loadDue(): Promise<void> {
  const seq = ++dueSeq;
  if (!app.workspace) {
    reviewDue.due = null;
    return;
  }
  try {
    const d = await Review.Due();
    if (seq === dueSeq) reviewDue.due = d;
  } catch {
    if (seq === dueSeq) reviewDue.due = null;
  }
}

/** The sidebar's badge: 1 while the review due next waits. */
export function dueBadge(): number | null {
  const d = reviewDue.due;
  return d && d.is_due && d.status !== 'frozen' ? 1 : null;
}

onWorkspaceSwitch(() => void loadDue());
onDataChanged(() => void loadDue());

/** Asks the review screen to open its export dialog once it shows. */
export const reviewRequest = $state({ export: false });

let opening = false;

/**
 * "Start review" (Home's main action, the command palette): starts the
 * review due next when its month has ended and it has not started, then
 * shows it. Before the month due has ended (the last one is reviewed), it
 * shows the last complete month's review instead: a review starts early
 * only from the review screen, on purpose.
 */
export async function openDueReview(
  d: Pick<Due, 'month' | 'open' | 'ended' | 'status'> | null = reviewDue.due,
): Promise<void> {
  if (opening) return;
  opening = true;
  try {
    let due = d;
    if (!due) {
      await loadDue();
      due = reviewDue.due;
    }
    if (!due) return;
    if (due.ended && due.status === 'not_started') {
      try {
        await Review.Start(due.month);
      } catch (e) {
        toast.error(e);
        return;
      }
    }
    pickMonth(due.ended ? due.month : due.open);
    go('review');
  } finally {
    opening = false;
  }
}

/** "Export report" from anywhere: the review screen with its export dialog. */
export function exportReport(): void {
  reviewRequest.export = true;
  go('review');
}
