// Decisions, Manual, Costs and Debt answers shaped like the Go API's
// (app/decisions.go, manual.go, costs.go, debt.go), and fakes of
// window.go.app.{Decisions,Manual,Costs,Debt} next to the others.
import { vi, type Mock } from 'vitest';
import type { DecisionsView, Entry } from '../lib/decisions.svelte';
import type { ManualOverview } from '../lib/manual.svelte';
import type { CostsOverview } from '../lib/costs';
import type { DebtList } from '../lib/debt';
import { installFake, type Fake } from './fake';
import { MONTHS, tile } from './users';

type AnyFn = (...args: any[]) => Promise<any>;

export function entry(e: Partial<Entry> & Pick<Entry, 'id' | 'what'>): Entry {
  return {
    kind: 'change',
    why: '',
    owner: 'Maya',
    made: '2026-01-10',
    figure: 'revenue.mrr',
    expect: 'up',
    threshold: null,
    review_on: '2026-04-10',
    status: 'made',
    shipped_on: '',
    shipped_by: '',
    closed_on: '',
    release_id: '',
    origin: 'direct',
    origin_ref: '',
    evidence: null,
    note: '',
    figure_label: 'MRR',
    release: null,
    due: false,
    overdue: false,
    by_release: false,
    proposal: null,
    ...e,
  };
}

export const DECISIONS: DecisionsView = {
  today: '2026-03-14',
  currency: 'usd',
  entries: [
    entry({ id: 3, what: 'Cap exports on Growth', figure: 'support.tickets', figure_label: 'Tickets', expect: 'down', review_on: '2026-06-01' }),
    entry({
      id: 2,
      what: 'Price Scale per seat',
      status: 'shipped',
      shipped_on: '2025-11-10',
      shipped_by: 'done',
      due: true,
      overdue: true,
      review_on: '2026-02-01',
      proposal: {
        figure: 'revenue.mrr',
        label: 'MRR',
        unit: 'money',
        before_month: '2025-10',
        after_month: '2026-01',
        before: 2200000,
        after: 2590000,
        proposed: 'validated',
        reading: 'MRR went from $22,000.00 (Oct 2025) to $25,900.00 (Jan 2026): up, as expected.',
      },
    }),
    entry({ id: 1, what: 'Annual plans', status: 'validated', closed_on: '2025-09-01', origin: 'review', origin_ref: '2025-05' }),
  ],
  months: MONTHS.map((m, i) => ({
    month: m,
    decisions_made: i % 3,
    decisions_shipped: i % 2,
    decisions_validated: i === 11 ? 2 : 0,
    decisions_invalidated: 0,
    decision_days_p50: i === 11 ? 48 : null,
    decisions_overdue: 1,
  })),
  fields: [
    { key: 'revenue.mrr', label: 'MRR', unit: 'money', better: 'up', missing: '' },
    { key: 'revenue.logo_churn_rate', label: 'Logo churn', unit: 'ratio', better: 'down', missing: '' },
    { key: 'support.tickets', label: 'Tickets', unit: 'count', better: 'down', missing: '' },
  ],
  releases: [],
  kinds: ['keep', 'change', 'fix', 'stop'],
};

export const MANUAL: ManualOverview = {
  month: '2026-02',
  default: '2026-02',
  last_complete: '2026-02',
  current: '2026-03',
  first: '2024-03',
  last: '2026-03',
  tiles: [
    tile({ key: 'manual_interventions', label: 'Manual interventions', unit: 'count', value: 62, better: 'down' }),
    tile({ key: 'manual_minutes', label: 'Manual minutes', unit: 'minutes', value: 2090, better: 'down' }),
    tile({ key: 'manual_interventions_per_account', label: 'Manual interventions per account', unit: 'multiple', value: 0.3, better: 'down' }),
  ],
  kinds: [
    { id: 'refund', label: 'Refund by hand' },
    { id: 'data_fix', label: 'Data fix' },
    { id: 'other', label: 'Other' },
  ],
  overview: {
    month: '2026-02',
    months: MONTHS.map((m, i) => ({ month: m, manual_interventions: 10 + i, manual_minutes: 300 + i, manual_interventions_per_account: 0.1, active_accounts: 100, paying_customers: 90 })),
    entries: [
      { key: 'keel:m_1', at: '2026-02-20T12:00:00Z', date: '2026-02-20', account: 'acc_1', account_name: 'Acme', ref: '', kind: 'data_fix', kind_label: 'Data fix', minutes: 40, note: 'Re-ran their import', import_id: null },
      { key: 'keel:r1', at: '2026-02-02T00:00:00Z', date: '2026-02-02', account: '', account_name: '', ref: 'ops@gone.example', kind: 'refund', kind_label: 'Refund by hand', minutes: 15, note: '', import_id: 7 },
    ],
    by_kind: [{ kind: 'data_fix', label: 'Data fix', interventions: 1, minutes: 40 }],
    top_accounts: [{ account: 'acc_1', name: 'Acme', interventions: 3, minutes: 120 }],
    by_segment: [{ plan: 'Scale · monthly', months: MONTHS.map((_, i) => i), total: 66 }],
    warning: { id: 'manual_work', title: 'Manual work is growing faster than customers', detail: 'Manual interventions grew +77.1 %.' },
    logged: 290,
    latest: [],
  },
};

export const COSTS: CostsOverview = {
  month: '2026-02',
  default: '2026-02',
  last_complete: '2026-02',
  current: '2026-03',
  first: '2024-03',
  last: '2026-02',
  accounts_total: 2,
  chart: null,
  plan_names: ['Growth · monthly', 'Scale · monthly'],
  accesses: ['plan', 'role', 'beta', 'grandfathered', 'temporary', 'usage_limited'],
  events: [{ name: 'report_shared', events: 6503 }],
  terms: [],
  matrix: {
    plans: ['Growth · monthly', 'Scale · monthly'],
    features: [{ id: 4, name: 'SSO', note: '' }],
    cells: [
      [
        { plan: 'Growth · monthly', feature: 4, access: '', limit: null, limit_unit: '', role: '', until: '', note: '', granted: false, why: 'No: Growth · monthly does not include SSO.' },
        { plan: 'Scale · monthly', feature: 4, access: 'role', limit: null, limit_unit: '', role: 'admin', until: '', note: '', granted: true, why: 'Only users with the admin role.' },
      ],
    ],
  },
  model: {
    month: '2026-02',
    currency: 'usd',
    margin_floor: 50,
    support_minutes_per_ticket: 15,
    mrr: 3000000,
    cost_to_serve: 300000,
    margin: 0.9,
    drivers: [
      { id: 2, name: 'Data exports', unit: 'export', source: 'events', events: ['export_csv'], unit_cost: '14', usage: 1200, cost: 16800, accounts: 150, median: 2, actual: 18000, suggested: '15', unmapped: false, suggestions: [] },
      { id: 4, name: 'Report e-mails', unit: 'e-mail', source: 'events', events: [], unit_cost: '0.1', usage: 0, cost: 0, accounts: 0, median: null, actual: null, suggested: '', unmapped: true, suggestions: [{ name: 'report_shared', events: 6503 }] },
    ],
    plans: [
      { plan: 'Growth · monthly', accounts: 50, mrr: 700000, cost: 80000, margin: 0.8857, heaviest: 1, what_if_cost: 170000, what_if_margin: 0.757, below_floor: false },
      { plan: '', accounts: 3, mrr: 0, cost: 4000, margin: null, heaviest: 1, what_if_cost: 40000, what_if_margin: null, below_floor: false },
    ],
    accounts: [{ account: 'acc_9', name: 'Quill Bikes', plan: 'Growth · monthly', mrr: 9900, cost: 11120, margin: -0.123, usage: [746, 0], power: ['Data exports'], over_mrr: true }],
    power_users: [{ account: 'acc_9', name: 'Quill Bikes', plan: 'Growth · monthly', driver: 'Data exports', unit: 'export', usage: 746, median: 2, multiple: 373, cost: 11120, mrr: 9900 }],
    warnings: [{ id: 'account_over_mrr', account: 'acc_9', title: 'Quill Bikes costs more than it pays', detail: 'Quill Bikes cost $111.20 to serve in Feb 2026 and pays $99.00 a month.' }],
  },
};

export const DEBT: DebtList = {
  entries: [
    { kind: 'decision_overdue', title: 'Review the decision “Price Scale per seat”', detail: 'Its review date was 1 Feb 2026 (41 days ago); Maya owns it.', area: 'decisions', ref: '2', since: '2026-02-01' },
    { kind: 'manual_growth', title: 'Manual work is growing faster than customers', detail: 'Manual interventions grew +77.1 %.', area: 'manual', ref: '2026-02', since: '' },
  ],
  problems: [],
};

export interface OpsFake extends Fake {
  Decisions: Record<string, Mock<AnyFn>>;
  Manual: Record<string, Mock<AnyFn>>;
  Costs: Record<string, Mock<AnyFn>>;
  Debt: Record<string, Mock<AnyFn>>;
}

export function installOpsFakes(
  over: { Decisions?: Record<string, AnyFn>; Manual?: Record<string, AnyFn>; Costs?: Record<string, AnyFn>; Debt?: Record<string, AnyFn> } = {},
): OpsFake {
  const fake = installFake();
  // The log as the fake backend keeps it: moves change it, View reads it.
  const log = structuredClone(DECISIONS);
  const byId = (id: number) => structuredClone(log.entries.find((e) => e.id === id)!);
  const keep = (e: Entry): Entry => {
    const i = log.entries.findIndex((x) => x.id === e.id);
    if (i >= 0) log.entries[i] = structuredClone(e);
    return e;
  };
  const Decisions: Record<string, Mock<AnyFn>> = {
    View: vi.fn(async () => structuredClone(log)),
    Record: vi.fn(async (d: Partial<Entry>) => entry({ ...d, id: 9, what: d.what ?? '', figure_label: 'MRR' })),
    Edit: vi.fn(async (d: Partial<Entry>) => ({ ...byId(d.id!), ...d })),
    Link: vi.fn(async (id: number) => byId(id)),
    MarkDone: vi.fn(async (id: number) => keep({ ...byId(id), status: 'shipped', shipped_on: '2026-03-14', shipped_by: 'done' })),
    Confirm: vi.fn(async (id: number, outcome: 'validated' | 'invalidated', note: string) =>
      keep({ ...byId(id), status: outcome, closed_on: '2026-03-14', due: false, overdue: false, evidence: byId(id).proposal, proposal: null, note }),
    ),
    Abandon: vi.fn(async (id: number) => ({ ...byId(id), status: 'abandoned' })),
    Reopen: vi.fn(async (id: number) => byId(id)),
    Delete: vi.fn(async () => undefined),
  };
  const Manual: Record<string, Mock<AnyFn>> = {
    Overview: vi.fn(async () => structuredClone(MANUAL)),
    Kinds: vi.fn(async () => structuredClone(MANUAL.kinds)),
    Today: vi.fn(async () => '2026-03-14'),
    Log: vi.fn(async (i: { minutes: number; kind: string }) => ({ ...MANUAL.overview.entries[0], minutes: i.minutes, kind: i.kind, kind_label: 'Data fix' })),
    Edit: vi.fn(async () => undefined),
    Delete: vi.fn(async () => undefined),
    FindAccounts: vi.fn(async (q: string) =>
      [
        { id: 'acc_1', name: 'Acme', domain: 'acme.example', email: 'ann@acme.example' },
        { id: 'acc_2', name: 'Amber Labs', domain: 'amber.example', email: 'bo@amber.example' },
      ].filter((a) => a.name.toLowerCase().includes(q.toLowerCase())),
    ),
  };
  const Costs: Record<string, Mock<AnyFn>> = {
    Overview: vi.fn(async () => structuredClone(COSTS)),
    SaveDriver: vi.fn(async (d: { name: string }) => ({ ...COSTS.model.drivers[0], ...d })),
    DeleteDriver: vi.fn(async () => undefined),
    SaveFeature: vi.fn(async (f: { name: string }) => ({ id: 5, note: '', ...f })),
    DeleteFeature: vi.fn(async () => undefined),
    Grant: vi.fn(async () => undefined),
    SetTerms: vi.fn(async () => undefined),
    SetRule: vi.fn(async () => undefined),
  };
  const Debt: Record<string, Mock<AnyFn>> = { List: vi.fn(async () => structuredClone(DEBT)) };
  for (const [k, fn] of Object.entries(over.Decisions ?? {})) Decisions[k] = vi.fn(fn);
  for (const [k, fn] of Object.entries(over.Manual ?? {})) Manual[k] = vi.fn(fn);
  for (const [k, fn] of Object.entries(over.Costs ?? {})) Costs[k] = vi.fn(fn);
  for (const [k, fn] of Object.entries(over.Debt ?? {})) Debt[k] = vi.fn(fn);
  Object.assign(window.go!.app!, { Decisions, Manual, Costs, Debt });
  return { ...fake, Decisions, Manual, Costs, Debt };
}
