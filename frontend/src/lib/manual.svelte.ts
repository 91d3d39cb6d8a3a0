// The manual work log's API (typed wrappers of the Go struct app.Manual)
// and the quick dialog that logs an intervention from anywhere
// (Ctrl/Cmd+Shift+M, or the command palette).
import { call } from './api';
import type { Tile } from './revenue';
import type { Period } from './users';

export type ManualKindId = 'refund' | 'data_fix' | 'onboarding_call' | 'billing_change' | 'account_review' | 'other';

export interface ManualKind {
  id: ManualKindId;
  label: string;
}

export interface ManualMonth {
  month: string;
  manual_interventions: number | null;
  manual_minutes: number | null;
  manual_interventions_per_account: number | null;
  active_accounts: number | null;
  paying_customers: number | null;
}

export interface ManualEntry {
  key: string;
  at: string;
  date: string;
  account: string;
  account_name: string;
  ref: string;
  kind: ManualKindId;
  kind_label: string;
  minutes: number;
  note: string;
  import_id: number | null;
}

export interface KindRow {
  kind: ManualKindId;
  label: string;
  interventions: number;
  minutes: number;
}

export interface AccountRow {
  account: string;
  name: string;
  interventions: number;
  minutes: number;
}

export interface SegmentRow {
  plan: string;
  months: number[];
  total: number;
}

export interface ManualWarning {
  id: string;
  title: string;
  detail: string;
}

export interface ManualOverview extends Period {
  overview: {
    month: string;
    months: ManualMonth[];
    entries: ManualEntry[];
    by_kind: KindRow[];
    top_accounts: AccountRow[];
    by_segment: SegmentRow[];
    warning: ManualWarning | null;
    logged: number;
    /** The last interventions of the log, whatever the month. */
    latest: ManualEntry[];
  };
  tiles: Tile[];
  kinds: ManualKind[];
}

export interface AccountMatch {
  id: string;
  name: string;
  domain: string;
  email: string;
}

export interface ManualInput {
  date: string;
  account: string;
  kind: ManualKindId;
  minutes: number;
  note: string;
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

export const Manual = {
  Overview: (month: string) =>
    call<ManualOverview>('Manual', 'Overview', month).then((o) => ({
      ...o,
      tiles: arr(o.tiles).map((t) => ({ ...t, months: arr(t.months), values: arr(t.values), note: t.note ?? null, spark: t.spark ?? null })),
      kinds: arr(o.kinds),
      overview: {
        ...o.overview,
        months: arr(o.overview.months),
        entries: arr(o.overview.entries),
        by_kind: arr(o.overview.by_kind),
        top_accounts: arr(o.overview.top_accounts),
        by_segment: arr(o.overview.by_segment).map((s) => ({ ...s, months: arr(s.months) })),
        warning: o.overview.warning ?? null,
        latest: arr(o.overview.latest),
      },
    })),
  Kinds: () => call<ManualKind[]>('Manual', 'Kinds').then(arr),
  /** Today by Keel's clock (KEEL_TODAY moves it), YYYY-MM-DD. */
  Today: () => call<string>('Manual', 'Today'),
  Log: (input: ManualInput) => call<ManualEntry>('Manual', 'Log', input),
  Edit: (key: string, input: ManualInput) => call<void>('Manual', 'Edit', key, input),
  Delete: (key: string) => call<void>('Manual', 'Delete', key),
  FindAccounts: (query: string) => call<AccountMatch[]>('Manual', 'FindAccounts', query).then(arr),
};

/** The quick dialog: open or not, with the account it starts on. */
export const manualDialog = $state({ open: false, account: null as AccountMatch | null });

/** Opens the quick dialog (from anywhere). */
export function logManualWork(account: AccountMatch | null = null): void {
  manualDialog.account = account;
  manualDialog.open = true;
}

type Listener = () => void;
const logged = new Set<Listener>();

/** Runs fn after the quick dialog logged an intervention. */
export function onManualLogged(fn: Listener): () => void {
  logged.add(fn);
  return () => logged.delete(fn);
}

export function notifyManualLogged(): void {
  for (const fn of logged) fn();
}

/** The Manual work screen's month. */
