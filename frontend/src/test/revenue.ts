// Revenue answers shaped like the Go API's (app/revenue.go), and a fake
// window.go.app.Revenue next to the Workspace and Imports fakes.
import { vi, type Mock } from 'vitest';
import type {
  Cohorts,
  CustomerPage,
  Drill,
  Overview,
  PlanMix,
  RatesTable,
  Rules,
  Tile,
} from '../lib/revenue';
import { installFake, type Fake } from './fake';

type AnyFn = (...args: any[]) => Promise<any>;

const MONTHS = ['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'];
const SPARK = { series: [{ id: 'trend', type: 'line', data: [] }] };

function tile(t: Partial<Tile> & Pick<Tile, 'key' | 'label' | 'unit' | 'value'>): Tile {
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

export const OVERVIEW: Overview = {
  month: '2026-02',
  default: '2026-02',
  first: '2024-03',
  last: '2026-03',
  last_complete: '2026-02',
  current: '2026-03',
  currency: 'usd',
  has_data: true,
  mode: 'mrr',
  about: '',
  products: [],
  missing: null,
  problem: null,
  tiles: [
    tile({ key: 'mrr', label: 'MRR', unit: 'money', value: 2904457, prev: 2631868, delta: 272589, change: 0.10357, good: true }),
    tile({ key: 'arr', label: 'ARR', unit: 'money', value: 34853484, prev: 31582416, delta: 3271068, change: 0.10357, good: true }),
    tile({ key: 'customers', label: 'Paying customers', unit: 'count', value: 196, prev: 185, delta: 11, change: 0.059, good: true, note: { value: 14, unit: 'count', label: 'new' } }),
    tile({ key: 'arpa', label: 'ARPA', unit: 'money', value: 14819, prev: 14227, delta: 592, change: 0.0416, good: true }),
    tile({ key: 'nrr', label: 'NRR (monthly)', unit: 'ratio', value: 1.027, prev: 0.992, delta: 0.035, good: true }),
    tile({ key: 'quick_ratio', label: 'Quick ratio', unit: 'multiple', value: null, better: 'up', missing: 'No contraction or churn this month, so the ratio has no denominator: nothing was lost.' }),
    tile({ key: 'logo_churn_rate', label: 'Logo churn', unit: 'ratio', better: 'down', value: 0.031, prev: 0.016, delta: 0.015, good: false }),
    tile({ key: 'net_revenue_churn_rate', label: 'Net revenue churn', unit: 'ratio', better: 'down', value: -0.027, prev: 0.007, delta: -0.034, good: true }),
    tile({ key: 'collected', label: 'Collected', unit: 'money', value: null, missing: 'Import your Stripe payments export (Stripe Dashboard → Payments → Export) to fill this.' }),
    tile({ key: 'refunded', label: 'Refunded', unit: 'money', better: 'down', value: null, missing: 'Import your Stripe payments export (Stripe Dashboard → Payments → Export) to fill this.' }),
    tile({ key: 'failed_payments', label: 'Failed payments', unit: 'count', better: 'down', value: 8, prev: 1, delta: 7, change: 7, good: false }),
    tile({ key: 'disputes', label: 'Disputes', unit: 'count', better: 'down', value: 0, prev: 1, delta: -1, change: -1, good: true }),
  ],
  chart: {
    xAxis: [{ type: 'category', data: MONTHS, axisLabel: { formatter: 'keel:month' } }],
    yAxis: [{ type: 'value', axisLabel: { formatter: 'keel:money-short:usd' } }],
    tooltip: { trigger: 'axis', formatter: 'keel:tooltip:money:usd' },
    series: [
      { id: 'mrr', name: 'MRR', type: 'line', data: MONTHS.map(() => ({ value: 2904457 })) },
      { id: 'churn', name: 'Churn', type: 'bar', stack: 'movements', itemStyle: { color: '#DC2626' }, data: MONTHS.map(() => ({ value: -35500 })) },
    ],
  },
  start: 2631868,
  end: 2904457,
  movements: [
    { kind: 'new', label: 'New', colour: '#16A34A', customers: 14, amount: 196441 },
    { kind: 'expansion', label: 'Expansion', colour: '#0D9488', customers: 6, amount: 124262 },
    { kind: 'reactivation', label: 'Reactivation', colour: '#2563EB', customers: 0, amount: 0 },
    { kind: 'contraction', label: 'Contraction', colour: '#EA580C', customers: 1, amount: -18000 },
    { kind: 'churn', label: 'Churn', colour: '#DC2626', customers: 3, amount: -35500 },
    { kind: 'fx', label: 'FX', colour: '#9CA3AF', customers: 28, amount: 5386 },
  ],
};

export const EMPTY_OVERVIEW: Overview = {
  ...OVERVIEW,
  first: '2026-02',
  has_data: false,
  mode: '',
  missing: {
    text: 'Import your Stripe subscriptions or invoices export (Stripe Dashboard → Billing → Subscriptions → Export) to see MRR, its movements and churn.',
    source: 'stripe',
    kind: 'subscriptions',
  },
  tiles: OVERVIEW.tiles.map((t) => ({ ...t, value: null, prev: null, delta: null, change: null, good: null, missing: 'Import your Stripe subscriptions or invoices export to fill this.' })),
  chart: null,
  start: 0,
  end: 0,
};

/** Payments without MRR: the Revenue screen of one-off sales. */
export const SALES_OVERVIEW: Overview = {
  ...OVERVIEW,
  has_data: false,
  mode: 'sales',
  about: 'These are one-off sales (Gumroad): revenue, orders, buyers and refunds. MRR, churn and retention need subscriptions.',
  tiles: [
    { ...OVERVIEW.tiles[0], key: 'collected', label: 'Revenue', value: 123450 },
    { ...OVERVIEW.tiles[0], key: 'orders', label: 'Orders', unit: 'count', value: 42 },
  ],
  chart: { series: [{ id: 'collected', type: 'bar', data: [1, 2] }] },
  products: [
    { product: 'Icon pack', orders: 30, revenue: 90000, share: 0.729, year: 400000 },
    { product: 'Course', orders: 12, revenue: 33450, share: 0.271, year: 150000 },
    { product: 'Old ebook', orders: 0, revenue: 0, share: 0, year: 2500 },
  ],
  start: 0,
  end: 0,
  movements: [],
};

export const RATE_PROBLEM: Overview = {
  ...OVERVIEW,
  problem: {
    code: 'invalid',
    message:
      'Keel has no exchange rate from EUR to USD for January 2026 or earlier. Import Stripe payments in EUR that have a Converted Amount, or add the EUR rate for January 2026 to the exchange-rates table.',
    rates: true,
    currency: 'eur',
    month: '2026-01',
  },
  tiles: [],
  chart: null,
  movements: [],
};

export const CHURN: Drill = {
  month: '2026-02',
  kind: 'churn',
  label: 'Churn',
  colour: '#DC2626',
  currency: 'usd',
  total: -35500,
  customers: 3,
  rows: [
    { customer_id: 'cus_A', name: 'Bramble Fitness', email: 'ops@bramble.example', plan: 'Scale · monthly', kind: 'churn', amount: -29900, from: 29900, to: 0 },
    { customer_id: 'cus_B', name: '', email: 'kai@cinder.example', plan: 'Starter · monthly', kind: 'churn', amount: -2900, from: 2900, to: 0 },
    { customer_id: 'cus_C', name: 'Wren Dental', email: 'isaac@wren.example', plan: 'Starter · monthly', kind: 'churn', amount: -2700, from: 2700, to: 0 },
  ],
};

export const CUSTOMER: CustomerPage = {
  id: 'cus_A',
  name: 'Bramble Fitness',
  email: 'ops@bramble.example',
  currency: 'usd',
  month: '2026-02',
  mrr: 0,
  first_paid: '2025-06',
  chart: { series: [{ id: 'mrr', type: 'bar', data: [] }] },
  moves: [
    { month: '2026-02', kind: 'churn', label: 'Churn', colour: '#DC2626', plan: 'Scale · monthly', amount: -29900, from: 29900, to: 0 },
    { month: '2025-06', kind: 'new', label: 'New', colour: '#16A34A', plan: 'Scale · monthly', amount: 29900, from: 0, to: 29900 },
  ],
  subscriptions: [
    {
      id: 'sub_1',
      plan: 'Scale · monthly',
      plan_id: 'price_1SxTs',
      currency: 'usd',
      status: 'canceled',
      interval: 'month',
      interval_count: 1,
      source: 'invoices',
      source_label: 'MRR from its invoices',
      steps: [
        {
          from: '2025-06-03T00:00:00Z',
          mrr: 29900,
          why: 'invoice',
          label: 'Set by an invoice',
          invoices: 8,
          invoice: {
            id: 'in_1',
            number: 'D3FEB91A-0001',
            status: 'paid',
            currency: 'usd',
            date: '2025-06-03T00:00:00Z',
            period_start: '2025-06-03T00:00:00Z',
            period_end: '2025-07-03T00:00:00Z',
            subtotal: 29900,
            discount: 0,
            tax: 0,
            total: 29900,
          },
        },
        { from: '2026-02-03T00:00:00Z', mrr: 0, why: 'end', label: 'Ended', invoices: 0, invoice: null },
      ],
    },
  ],
};

export const PLAN_MIX: PlanMix = {
  month: '2026-02',
  currency: 'usd',
  total: 2904457,
  plans: [
    { plan: 'Scale · yearly', mrr: 971940, subscriptions: 25, share: 0.3346, prev: 854002 },
    { plan: 'Growth · monthly', mrr: 684379, subscriptions: 55, share: 0.2356, prev: 686936 },
  ],
  chart: { series: [{ id: 'plans', type: 'bar', data: [] }] },
  missing: null,
};

export const COHORTS: Cohorts = {
  currency: 'usd',
  rule: 'Customers are grouped by their first paid month.',
  last: '2026-02',
  rows: [
    { month: '2026-01', customers: 10, start: 136265, mrr: [136265, 122638], paying: [10, 9], retained: [1, 0.9] },
    { month: '2026-02', customers: 14, start: 196441, mrr: [196441], paying: [14], retained: [1] },
  ],
  missing: null,
};

export const RULES: Rules = {
  currency: 'usd',
  time_zone: 'UTC',
  test_mode: 'excluded',
  switches: [
    {
      key: 'churn_timing',
      label: 'A subscription ends',
      value: 'period_end',
      choices: [
        { value: 'period_end', label: 'At period end', text: 'At Ended At, else at the current period end.' },
        { value: 'cancellation', label: 'When canceled', text: 'At Canceled At.' },
      ],
    },
    {
      key: 'discounts',
      label: 'MRR counts',
      value: 'net',
      choices: [
        { value: 'net', label: 'What is billed', text: 'Invoice subtotal − discount.' },
        { value: 'list', label: 'List price', text: 'Plan amount × quantity.' },
      ],
    },
  ],
  definitions: [{ key: 'cohorts', label: 'Revenue cohorts', text: 'Customers are grouped by their first paid month.' }],
};

export const RATES: RatesTable = { currency: 'usd', rates: [], currencies: ['eur'] };

export interface RevenueFake extends Fake {
  Revenue: Record<string, Mock<AnyFn>>;
}

/** The Workspace and Imports fakes plus a Revenue fake; `over` replaces methods. */
export function installRevenueFake(over: Record<string, AnyFn> = {}): RevenueFake {
  const fake = installFake();
  const Revenue: Record<string, Mock<AnyFn>> = {
    Overview: vi.fn(async () => structuredClone(OVERVIEW)),
    Movements: vi.fn(async () => structuredClone(CHURN)),
    Customer: vi.fn(async () => structuredClone(CUSTOMER)),
    PlanMix: vi.fn(async () => structuredClone(PLAN_MIX)),
    Cohorts: vi.fn(async () => structuredClone(COHORTS)),
    Rules: vi.fn(async () => structuredClone(RULES)),
    SetRule: vi.fn(async (key: string, value: string) => {
      const r = structuredClone(RULES);
      for (const s of r.switches) if (s.key === key) s.value = value;
      return r;
    }),
    Rates: vi.fn(async () => structuredClone(RATES)),
    SetRate: vi.fn(async (currency: string, month: string, rate: string) => ({
      ...RATES,
      rates: [{ currency: currency.toLowerCase(), month, rate }],
    })),
    DeleteRate: vi.fn(async () => structuredClone(RATES)),
  };
  for (const [k, fn] of Object.entries(over)) Revenue[k] = vi.fn(fn);
  window.go!.app!.Revenue = Revenue;
  return { ...fake, Revenue };
}
