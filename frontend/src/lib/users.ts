// The Users screen's API: typed wrappers of the Go struct app.Users.
// Ratios are fractions; null means unknown (shown as "—"), never 0.
import { call } from './api';
import type { ChartOptions, Hint, Tile } from './revenue';

export type { Period } from './api';
import type { Period } from './api';

export interface UserMonth {
  month: string;
  signups: number;
  activated: number;
  activation_rate: number | null;
  /** Every signup's activation window is over: the rate will not rise. */
  settled: boolean;
  using: number;
}

export interface ActivationSetup {
  events: string[];
  days: number;
  core: string[];
  rule: string;
}

export interface UsersOverview extends Period {
  /** accounts, or users when analytics users link to no account. */
  mode: 'accounts' | 'users';
  has_events: boolean;
  missing: Hint | null;
  setup: ActivationSetup;
  tiles: Tile[];
  chart: ChartOptions | null;
  /** Newest first. */
  months: UserMonth[];
}

export interface EventName {
  name: string;
  events: number;
  users: number;
  accounts: number;
  first: string;
  last: string;
  activation: boolean;
  core: boolean;
}

export interface CohortRow {
  start: string;
  label: string;
  size: number;
  retained: number[];
  share: number[];
  /** The last period is still running. */
  partial: boolean;
}

export interface CohortView {
  month: string;
  period: 'month' | 'week';
  core_only: boolean;
  qualifying: string[];
  core: string[];
  mode: string;
  periods: number;
  rows: CohortRow[];
  rule: string;
  missing: Hint | null;
  problem: string;
}

export interface AccountUsage {
  id: string;
  name: string;
  events: number;
  days: number;
  heavy: boolean;
}

export interface UsageView {
  month: string;
  mode: string;
  accounts: AccountUsage[];
  total: number;
  median: number | null;
  p90: number | null;
  max: number;
  threshold: number | null;
  heavy: number;
  chart: ChartOptions | null;
  rule: string;
  missing: Hint | null;
}

export interface TrafficPoint {
  day: string;
  value: number;
}

export interface TrafficSeries {
  source: string;
  site: string;
  report: string;
  metric: string;
  label: string;
  step: 'day' | 'week' | 'month';
  points: TrafficPoint[];
}

export interface TrafficMonth {
  month: string;
  days: number;
  value: number;
  views: number | null;
  visits: number | null;
}

export interface TrafficRow {
  item: string;
  values: (number | null)[];
}

export interface TrafficTable {
  source: string;
  site: string;
  report: string;
  title: string;
  segment: string;
  dimension: string;
  start: string;
  end: string;
  metrics: string[];
  totals: (number | null)[];
  rows: TrafficRow[];
  items: number;
}

export interface TrafficView {
  month: string;
  has_data: boolean;
  sources: string[];
  main: TrafficSeries | null;
  months: TrafficMonth[];
  tables: TrafficTable[];
  chart: ChartOptions | null;
  missing: Hint | null;
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function fixTiles(tiles: Tile[] | null | undefined): Tile[] {
  return arr(tiles).map((t) => ({ ...t, months: arr(t.months), values: arr(t.values), note: t.note ?? null, spark: t.spark ?? null }));
}

function fixSetup(s: ActivationSetup | null | undefined): ActivationSetup {
  return { events: arr(s?.events), days: s?.days ?? 14, core: arr(s?.core), rule: s?.rule ?? '' };
}

export const Users = {
  Overview: (month: string) =>
    call<UsersOverview>('Users', 'Overview', month).then((o) => ({
      ...o,
      tiles: fixTiles(o.tiles),
      months: arr(o.months),
      setup: fixSetup(o.setup),
      chart: o.chart ?? null,
      missing: o.missing ?? null,
    })),
  Events: () => call<EventName[] | null>('Users', 'Events').then(arr),
  SetActivation: (events: string[], days: number) =>
    call<ActivationSetup>('Users', 'SetActivation', events, days).then(fixSetup),
  SetCoreEvents: (events: string[]) => call<ActivationSetup>('Users', 'SetCoreEvents', events).then(fixSetup),
  Cohorts: (month: string, weekly: boolean, coreOnly: boolean) =>
    call<CohortView>('Users', 'Cohorts', month, weekly, coreOnly).then((c) => ({
      ...c,
      rows: arr(c.rows).map((r) => ({ ...r, retained: arr(r.retained), share: arr(r.share) })),
      qualifying: arr(c.qualifying),
      core: arr(c.core),
      missing: c.missing ?? null,
      problem: c.problem ?? '',
    })),
  Usage: (month: string) =>
    call<UsageView>('Users', 'Usage', month).then((u) => ({
      ...u,
      accounts: arr(u.accounts),
      chart: u.chart ?? null,
      missing: u.missing ?? null,
    })),
  Traffic: (month: string) =>
    call<TrafficView>('Users', 'Traffic', month).then((t) => ({
      ...t,
      sources: arr(t.sources),
      main: t.main ? { ...t.main, points: arr(t.main.points) } : null,
      months: arr(t.months),
      tables: arr(t.tables).map((x) => ({ ...x, metrics: arr(x.metrics), totals: arr(x.totals), rows: arr(x.rows) })),
      chart: t.chart ?? null,
      missing: t.missing ?? null,
    })),
};

/** The Users screen's state that outlives the screen: the cohort view. */
export const usersView = { weekly: false, coreOnly: false };
