// Users, Support, Accounts and Mapper answers shaped like the Go API's
// (app/users.go, support.go, accounts.go, mapping.go), and fakes of
// window.go.app.{Users,Support,Accounts,Mapper} next to the others.
import { vi, type Mock } from 'vitest';
import type { Tile } from '../lib/revenue';
import type { CohortView, EventName, TrafficView, UsageView, UsersOverview } from '../lib/users';
import type { SupportOverview } from '../lib/support';
import type { AccountDetail, AccountsPage, Change, UnlinkedRequester, UnlinkedUser } from '../lib/accounts';
import type { MapFile, MapKind, MapPreview, MappingInfo } from '../lib/mapper';
import { installFake, type Fake } from './fake';

type AnyFn = (...args: any[]) => Promise<any>;

export const MONTHS = ['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'];
const SPARK = { series: [{ id: 'trend', type: 'line', data: [] }] };
const CHART = {
  xAxis: [{ type: 'category', data: MONTHS, axisLabel: { formatter: 'keel:month' } }],
  yAxis: [{ type: 'value' }],
  tooltip: { trigger: 'axis', formatter: 'keel:tooltip:count' },
  series: [{ id: 'signups', name: 'Signups', type: 'bar', data: MONTHS.map(() => ({ value: 10 })) }],
};

export function tile(t: Partial<Tile> & Pick<Tile, 'key' | 'label' | 'unit' | 'value'>): Tile {
  return {
    digits: t.unit === 'multiple' ? 2 : 0,
    better: 'up',
    prev: null,
    delta: null,
    change: null,
    good: null,
    months: MONTHS,
    values: MONTHS.map((_, i) => (i === 11 ? t.value : t.value === null ? null : (t.value as number) * (0.5 + i / 24))),
    spark: SPARK,
    rule: `${t.label}: the rule.`,
    missing: '',
    note: null,
    ...t,
  };
}

const PICK = 'Pick the activation event(s) below to see the rate.';

export const USERS: UsersOverview = {
  month: '2026-02',
  default: '2026-02',
  first: '2024-12',
  last: '2026-03',
  last_complete: '2026-02',
  current: '2026-03',
  mode: 'accounts',
  has_events: true,
  missing: null,
  setup: { events: [], days: 14, core: [], rule: 'No activation event picked yet.' },
  tiles: [
    tile({ key: 'signups', label: 'Signups', unit: 'count', value: 14, prev: 18, delta: -4, change: -0.22, good: false }),
    tile({ key: 'activation_rate', label: 'Activation', unit: 'ratio', value: null, missing: PICK }),
    tile({ key: 'active_accounts', label: 'Active accounts', unit: 'count', value: 121, prev: 110, delta: 11, change: 0.1, good: true,
      note: { value: 119, unit: 'count', label: 'using the product' } }),
  ],
  chart: CHART,
  months: MONTHS.map((m, i) => ({ month: m, signups: 10 + i, activated: 0, activation_rate: null, settled: true, using: 90 + i })).reverse(),
};

/** USERS once report_created within 7 days is the activation event. */
export function usersActivated(): UsersOverview {
  const u = structuredClone(USERS);
  u.setup = { events: ['report_created'], days: 7, core: [], rule: 'A signup is activated when it performed “report_created” within 7 days.' };
  u.tiles[1] = tile({ key: 'activation_rate', label: 'Activation', unit: 'ratio', value: 0.5, prev: 0.4, delta: 0.1, good: true, note: { value: 7, unit: 'count', label: 'activated' } });
  u.months = u.months.map((m, i) => ({ ...m, activated: Math.round(m.signups / 2), activation_rate: 0.5, settled: i > 0 }));
  return u;
}

export const EMPTY_USERS: UsersOverview = {
  ...USERS,
  has_events: false,
  missing: { text: 'Import your product analytics events (a PostHog, Mixpanel or Amplitude export) to see signups, activation and retention.', source: 'posthog', kind: 'events' },
  tiles: USERS.tiles.map((t) => ({ ...t, value: null, prev: null, delta: null, change: null, good: null, missing: 'Import your product analytics events (PostHog).' })),
  chart: null,
  months: [],
};

export const EVENTS: EventName[] = [
  { name: '$pageview', events: 112565, users: 5246, accounts: 308, first: '2024-12-05T00:00:00Z', last: '2026-03-01T00:00:00Z', activation: false, core: false },
  { name: 'report_created', events: 9568, users: 755, accounts: 256, first: '2024-12-24T00:00:00Z', last: '2026-03-01T00:00:00Z', activation: false, core: false },
  { name: 'query_run', events: 19180, users: 788, accounts: 256, first: '2024-12-12T00:00:00Z', last: '2026-03-01T00:00:00Z', activation: false, core: false },
];

export const COHORTS: CohortView = {
  month: '2026-02',
  period: 'month',
  core_only: false,
  qualifying: [],
  core: [],
  mode: 'accounts',
  periods: 3,
  rows: [
    { start: '2025-12-01T00:00:00Z', label: '2025-12', size: 10, retained: [10, 9, 8], share: [1, 0.9, 0.8], partial: true },
    { start: '2026-01-01T00:00:00Z', label: '2026-01', size: 14, retained: [14, 13], share: [1, 0.9286], partial: true },
    { start: '2026-02-01T00:00:00Z', label: '2026-02', size: 4, retained: [4], share: [1], partial: true },
  ],
  rule: 'Each row is the signups of one month.',
  missing: null,
  problem: '',
};

export const USAGE: UsageView = {
  month: '2026-02',
  mode: 'accounts',
  accounts: [
    { id: 'acc_big', name: 'Huge Corp', events: 9000, days: 28, heavy: true },
    { id: 'acc_2', name: 'Amber Clinics', events: 281, days: 22, heavy: false },
    { id: 'acc_3', name: 'Meadow Travel', events: 40, days: 9, heavy: false },
  ],
  total: 3,
  median: 40,
  p90: 9000,
  max: 9000,
  threshold: 4000,
  heavy: 1,
  chart: { series: [{ id: 'usage', type: 'bar', data: [] }] },
  rule: 'Product events per account in the month.',
  missing: null,
};

export const NO_TRAFFIC: TrafficView = {
  month: '2026-02',
  has_data: false,
  sources: [],
  main: null,
  months: [],
  tables: [],
  chart: null,
  missing: { text: 'Import a Plausible dashboard export (visitors.csv) or a GA4 report download to see your website traffic here.', source: 'plausible', kind: 'stats' },
};

export const TRAFFIC: TrafficView = {
  month: '2026-02',
  has_data: true,
  sources: ['plausible'],
  main: { source: 'plausible', site: '', report: 'visitors', metric: 'visitors', label: 'Visitors per day (Plausible)', step: 'day', points: [{ day: '2026-02-01', value: 12 }] },
  months: [{ month: '2026-02', days: 28, value: 340, views: 900, visits: 400 }],
  tables: [
    {
      source: 'plausible', site: '', report: 'pages', title: '', segment: '', dimension: 'name', start: '', end: '',
      metrics: ['visitors', 'pageviews'], totals: [null, 12], rows: [{ item: '/pricing', values: [4, 7] }, { item: '/', values: [3, 5] }], items: 2,
    },
  ],
  chart: { series: [{ id: 'traffic', type: 'line', data: [] }] },
  missing: null,
};

export interface AreaFake extends Fake {
  Users: Record<string, Mock<AnyFn>>;
  Support: Record<string, Mock<AnyFn>>;
  Accounts: Record<string, Mock<AnyFn>>;
  Mapper: Record<string, Mock<AnyFn>>;
}

// ---- Support ----

export const SUPPORT: SupportOverview = {
  month: '2026-02',
  default: '2026-02',
  first: '2024-12',
  last: '2026-03',
  last_complete: '2026-02',
  current: '2026-03',
  has_tickets: true,
  missing: null,
  tiles: [
    tile({ key: 'tickets_per_active_account', label: 'Tickets per active account', unit: 'multiple', better: 'down', value: 1.26, prev: 1.19, delta: 0.07, good: false, note: { value: 200, unit: 'count', label: 'active accounts' } }),
    tile({ key: 'tickets', label: 'Tickets', unit: 'count', better: 'down', value: 252, prev: 223, delta: 29, change: 0.13, good: false, note: { value: 250, unit: 'count', label: 'solved' } }),
    tile({ key: 'first_reply_minutes_p50', label: 'First reply, median', unit: 'minutes', better: 'down', value: 101, prev: 89, delta: 12, change: 0.13, good: false, note: { value: 328, unit: 'minutes', label: 'p90' } }),
    tile({ key: 'resolution_minutes_p50', label: 'Resolution, median', unit: 'minutes', better: 'down', value: 688, prev: 639, delta: 49, change: 0.08, good: false, note: { value: 4985, unit: 'minutes', label: 'p90' } }),
    tile({ key: 'satisfaction', label: 'Satisfaction', unit: 'ratio', value: null, missing: 'No ticket created this month was rated good or bad.' }),
    tile({ key: 'active_accounts', label: 'Active accounts', unit: 'count', value: 200, prev: 187, delta: 13, change: 0.07, good: true, note: { value: 180, unit: 'count', label: 'paying' } }),
  ],
  chart: {
    xAxis: [{ type: 'category', data: MONTHS }],
    yAxis: [{ type: 'value' }, { type: 'value' }],
    tooltip: { trigger: 'axis', formatter: 'keel:tooltip-mixed:decimal|count' },
    series: [
      { id: 'per_account', name: 'Tickets per active account', type: 'line', data: MONTHS.map(() => ({ value: 1.2 })) },
      { id: 'customers', name: 'Paying customers', type: 'bar', yAxisIndex: 1, data: MONTHS.map(() => ({ value: 180 })) },
    ],
  },
  months: MONTHS.map((m, i) => ({
    month: m,
    tickets: 200 + i,
    solved: 198 + i,
    active_accounts: 150 + i,
    customers: 140 + i,
    tickets_per_active_account: (200 + i) / (150 + i),
    tickets_per_customer: (200 + i) / (140 + i),
    first_reply_minutes_p50: 95,
    first_reply_minutes_p90: 330,
    resolution_minutes_p50: 700,
    resolution_minutes_p90: 5000,
    satisfaction: i === 11 ? null : 0.87,
    unlinked: 12,
  })).reverse(),
  tags: [
    { key: 'billing', tickets: 40, prev: 30 },
    { key: 'bug', tickets: 25, prev: 31 },
  ],
  channels: [
    { key: 'email', tickets: 200, prev: 180 },
    { key: 'web', tickets: 52, prev: 43 },
  ],
  by_plan: [
    { key: 'Growth', label: 'Growth', tickets: 150, prev: 140, months: MONTHS.map(() => 150), total: 1800 },
    { key: '', label: 'No plan', tickets: 30, prev: 25, months: MONTHS.map(() => 30), total: 360 },
  ],
  by_stage: [
    { key: 'paying', label: 'Paying', tickets: 200, prev: 180, months: MONTHS.map(() => 200), total: 2400 },
    { key: 'unlinked', label: 'No account', tickets: 12, prev: 10, months: MONTHS.map(() => 12), total: 140 },
  ],
  unlinked: 12,
  unlinked_total: 330,
  trend: MONTHS,
  per_account_missing: null,
};

export const EMPTY_SUPPORT: SupportOverview = {
  ...SUPPORT,
  has_tickets: false,
  missing: { text: 'Import your helpdesk tickets (a Zendesk, Freshdesk, Help Scout, Intercom or Front export) to see the support load.', source: 'zendesk', kind: 'tickets' },
  tiles: SUPPORT.tiles.map((t) => ({ ...t, value: null, prev: null, delta: null, change: null, good: null, note: null, missing: 'Import your helpdesk tickets (Zendesk).' })),
  chart: null,
  months: [],
  tags: [],
  channels: [],
  by_plan: [],
  by_stage: [],
  unlinked: 0,
  unlinked_total: 0,
};

// ---- Accounts ----

export function account(i: number): AccountsPage['accounts'][number] {
  return {
    id: `acc_${i}`,
    name: `Company ${i}`,
    domain: `company${i}.com`,
    email: `ann@company${i}.com`,
    customers: [`cus_${i}`],
    sources: ['stripe', 'zendesk', 'posthog'],
    emails: 3,
    users: 4,
    plan: i % 2 ? 'Growth' : 'Starter',
    mrr: 100000 - i * 100,
    tickets: 10 + i,
    events: 500 - i,
    first_seen: '2025-01-01T00:00:00Z',
    last_activity: '2026-03-10T00:00:00Z',
  };
}

export function page(offset = 0, limit = 50, total = 120): AccountsPage {
  const n = Math.max(0, Math.min(limit, total - offset));
  return {
    accounts: Array.from({ length: n }, (_, i) => account(offset + i + 1)),
    total,
    base_currency: 'usd',
    mrr_at: '2026-03-14T15:30:00Z',
    mrr_note: "Plan and MRR today (14 Mar 2026), not at a month's end: the Revenue screen's MRR is at the end of February 2026.",
    query: '',
    sort: 'mrr',
    offset,
    limit,
    unlinked: { tickets: 330, tickets_without_email: 0, requesters: 180, events: 10461, users: 3500, anonymous_users: 3500, ambiguous_tickets: 0, ambiguous_events: 0, organisations: 0 },
    last: null,
  };
}

export function detail(i: number): AccountDetail {
  const a = account(i);
  return {
    ...a,
    keys: [`customer:cus_${i}`, `domain:company${i}.com`, `email:ann@company${i}.com`, `email:bob@company${i}.com`],
    addresses: [`ann@company${i}.com`, `bob@company${i}.com`],
    domains: [`company${i}.com`],
    rule_views: [],
  };
}

export const REQUESTERS: UnlinkedRequester[] = [
  { email: 'abigail.silva@icloud.com', domain: 'icloud.com', tickets: 6, last: '2026-02-02T05:59:55Z' },
  { email: 'elena.chen@yahoo.com', domain: 'yahoo.com', tickets: 5, last: '2026-02-13T09:20:51Z' },
];

export const UNLINKED_USERS: UnlinkedUser[] = [
  { distinct_id: '0193bfff-d42f', email: '', events: 5, first: '2024-12-13T12:30:34Z', last: '2024-12-13T12:39:47Z' },
];

export function mergeChange(a: number, b: number): Change {
  const d = detail(a);
  d.customers = [`cus_${a}`, `cus_${b}`];
  const rule = { seq: 7, kind: 'merge' as const, a: `customer:cus_${a}`, b: `customer:cus_${b}`, at: 0, text: `Merged customer cus_${a} with customer cus_${b}`, when: '2026-03-14T12:00:00Z' };
  d.rule_views = [rule];
  return { account: d, other: null, rule, message: `Merged Company ${b} into Company ${a}.` };
}

// ---- Mapper ----

export const MAP_KINDS: MapKind[] = [
  {
    kind: 'events',
    label: 'Product events',
    about: 'One row per thing a user did.',
    fields: [
      { name: 'name', label: 'Event name', type: 'text', required: true },
      { name: 'time', label: 'Time of the event', type: 'time', required: true },
      { name: 'user', label: 'User id (distinct id)', type: 'text', required: false },
      { name: 'email', label: 'User email', type: 'email', required: false },
    ],
  },
  {
    kind: 'payments',
    label: 'Payments',
    about: 'One row per charge.',
    fields: [
      { name: 'created', label: 'Date', type: 'time', required: true },
      { name: 'amount', label: 'Amount', type: 'amount', required: true },
      { name: 'currency', label: 'Currency', type: 'text', required: false },
    ],
  },
];

export const MAP_FILE: MapFile = {
  path: '/in/tool.csv',
  file: 'tool.csv',
  encoding: 'UTF-8',
  separator: ',',
  header: ['Action', 'Who', 'When', 'Browser'],
  rows: [
    ['signed_up', 'ann@acme.io', '2026-01-02 10:00:00', 'Firefox'],
    ['report_created', 'bob@acme.io', 'yesterday', 'Safari'],
  ],
  kind: 'events',
  guesses: { events: { name: 'Action' }, payments: {} },
  name: 'tool',
  existing: null,
};

/** What the Go preview answers for the columns given. */
export function mapPreview(columns: Record<string, string>): MapPreview {
  if (!columns.name || !columns.time) return { problem: 'Choose the column that holds the time of the event: events need it.', rows: [], good: 0 };
  return {
    problem: '',
    good: 1,
    rows: [
      { line: 2, values: { name: 'signed_up', time: '2026-01-02T10:00:00Z', user: columns.user ? 'ann@acme.io' : null, email: null }, problem: '' },
      { line: 3, values: {}, problem: 'When "yesterday" is not a date' },
    ],
  };
}

export const SAVED: MappingInfo[] = [
  {
    name: 'Our tool',
    kind: 'events',
    source: 'our-tool',
    header: ['Action', 'Who', 'When', 'Browser'],
    signature: 'h1:abc',
    columns: { name: 'Action', time: 'When', user: 'Who' },
    created: '2026-03-01T00:00:00Z',
    updated: '2026-03-01T00:00:00Z',
    kind_label: 'Product events',
    fields: 3,
  },
];

export function installAreaFakes(
  over: { Users?: Record<string, AnyFn>; Support?: Record<string, AnyFn>; Accounts?: Record<string, AnyFn>; Mapper?: Record<string, AnyFn>; Imports?: Record<string, AnyFn> } = {},
): AreaFake {
  const fake = installFake({ Imports: over.Imports });
  const Users: Record<string, Mock<AnyFn>> = {
    Overview: vi.fn(async () => structuredClone(USERS)),
    Events: vi.fn(async () => structuredClone(EVENTS)),
    SetActivation: vi.fn(async (events: string[], days: number) => ({ events, days, core: [], rule: 'r' })),
    SetCoreEvents: vi.fn(async (core: string[]) => ({ events: [], days: 14, core, rule: 'r' })),
    Cohorts: vi.fn(async (_m: string, weekly: boolean) => ({ ...structuredClone(COHORTS), period: weekly ? 'week' : 'month' })),
    Usage: vi.fn(async () => structuredClone(USAGE)),
    Traffic: vi.fn(async () => structuredClone(NO_TRAFFIC)),
  };
  const Support: Record<string, Mock<AnyFn>> = {
    Overview: vi.fn(async () => structuredClone(SUPPORT)),
  };
  const Accounts: Record<string, Mock<AnyFn>> = {
    List: vi.fn(async (_q: string, _s: string, offset: number, limit: number) => page(offset, limit)),
    Get: vi.fn(async (id: string) => detail(Number(id.replace('acc_', '')) || 1)),
    Merge: vi.fn(async (a: string, b: string) => mergeChange(Number(a.replace('acc_', '')), Number(b.replace('acc_', '')))),
    Split: vi.fn(async (id: string, what: string) => ({
      account: detail(Number(id.replace('acc_', ''))),
      other: null,
      rule: { seq: 8, kind: 'split', a: `email:${what}`, b: '', at: 0, text: `Split ${what} off into its own account`, when: '2026-03-14T12:00:00Z' },
      message: `Split ${what} off Company 1.`,
    })),
    Attach: vi.fn(async (id: string, what: string) => ({
      account: detail(Number(id.replace('acc_', ''))),
      other: null,
      rule: { seq: 9, kind: 'merge', a: 'customer:cus_1', b: `email:${what}`, at: 0, text: `Merged customer cus_1 with ${what}`, when: '2026-03-14T12:00:00Z' },
      message: `Linked ${what} to Company 1.`,
    })),
    Forget: vi.fn(async () => undefined),
    Rules: vi.fn(async () => []),
    UnlinkedTickets: vi.fn(async () => structuredClone(REQUESTERS)),
    UnlinkedUsers: vi.fn(async () => structuredClone(UNLINKED_USERS)),
  };
  const Mapper: Record<string, Mock<AnyFn>> = {
    Kinds: vi.fn(async () => structuredClone(MAP_KINDS)),
    Open: vi.fn(async () => structuredClone(MAP_FILE)),
    Preview: vi.fn(async (_p: string, m: { columns: Record<string, string> }) => mapPreview(m.columns ?? {})),
    Save: vi.fn(async (_p: string, m: { name: string; kind: string; columns: Record<string, string> }) => ({
      ...m,
      source: m.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      header: MAP_FILE.header,
      signature: 'h1:abc',
    })),
    List: vi.fn(async () => []),
    Delete: vi.fn(async () => undefined),
  };
  for (const [k, fn] of Object.entries(over.Users ?? {})) Users[k] = vi.fn(fn);
  for (const [k, fn] of Object.entries(over.Support ?? {})) Support[k] = vi.fn(fn);
  for (const [k, fn] of Object.entries(over.Accounts ?? {})) Accounts[k] = vi.fn(fn);
  for (const [k, fn] of Object.entries(over.Mapper ?? {})) Mapper[k] = vi.fn(fn);
  Object.assign(window.go!.app!, { Users, Support, Accounts, Mapper });
  return { ...fake, Users, Support, Accounts, Mapper };
}
