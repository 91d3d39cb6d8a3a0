// The Support load screen's API: typed wrappers of the Go struct app.Support.
import { call } from './api';
import type { ChartOptions, Hint, Tile } from './revenue';
import type { Period } from './users';

export interface SupportMonth {
  month: string;
  /** Null for a month before the helpdesk data (missing, not 0). */
  tickets: number | null;
  solved: number | null;
  active_accounts: number | null;
  customers: number | null;
  tickets_per_active_account: number | null;
  tickets_per_customer: number | null;
  first_reply_minutes_p50: number | null;
  first_reply_minutes_p90: number | null;
  resolution_minutes_p50: number | null;
  resolution_minutes_p90: number | null;
  satisfaction: number | null;
  /** Tickets of the month without an account. */
  unlinked: number;
}

export interface CountRow {
  key: string;
  tickets: number;
  prev: number;
}

export interface BreakdownRow {
  key: string;
  label: string;
  tickets: number;
  prev: number;
  months: number[];
  total: number;
}

export interface SupportOverview extends Period {
  has_tickets: boolean;
  missing: Hint | null;
  tiles: Tile[];
  chart: ChartOptions | null;
  /** Why the chart draws the tickets alone (no active accounts to divide by); null when it draws the ratio. */
  per_account_missing: Hint | null;
  /** Newest first. */
  months: SupportMonth[];
  tags: CountRow[];
  channels: CountRow[];
  by_plan: BreakdownRow[];
  by_stage: BreakdownRow[];
  unlinked: number;
  unlinked_total: number;
  /** The months of by_plan / by_stage, oldest first. */
  trend: string[];
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

export const Support = {
  Overview: (month: string) =>
    call<SupportOverview>('Support', 'Overview', month).then((o) => ({
      ...o,
      tiles: arr(o.tiles).map((t) => ({ ...t, months: arr(t.months), values: arr(t.values), note: t.note ?? null, spark: t.spark ?? null })),
      months: arr(o.months),
      tags: arr(o.tags),
      channels: arr(o.channels),
      by_plan: arr(o.by_plan).map((r) => ({ ...r, months: arr(r.months) })),
      by_stage: arr(o.by_stage).map((r) => ({ ...r, months: arr(r.months) })),
      trend: arr(o.trend),
      chart: o.chart ?? null,
      missing: o.missing ?? null,
      per_account_missing: o.per_account_missing ?? null,
    })),
};

