// The Revenue screen's API: typed wrappers of the Go struct app.Revenue.
// Money is integer minor units of `currency`; ratios are fractions; null
// means unknown (shown as "—"), never 0.
import { call, type Period } from './api';

export type Kind = 'new' | 'expansion' | 'reactivation' | 'contraction' | 'churn' | 'fx';
export type Unit = 'money' | 'count' | 'ratio' | 'multiple' | 'minutes';

/** echarts options built by the Go side (backend/charts), as JSON. */
export type ChartOptions = Record<string, unknown>;

export interface Hint {
  text: string;
  source: string;
  kind: string;
}

export interface Problem {
  code: string;
  message: string;
  /** A currency has no exchange rate: the rates table fixes it. */
  rates: boolean;
  /** The missing rate's currency and month (YYYY-MM), when known. */
  currency: string;
  month: string;
}

export interface Note {
  value: number | null;
  unit: Unit;
  label: string;
}

export interface Tile {
  key: string;
  label: string;
  unit: Unit;
  /** Decimals a multiple is shown with: the same on every screen. */
  digits: number;
  better: 'up' | 'down' | '';
  value: number | null;
  prev: number | null;
  delta: number | null;
  change: number | null;
  good: boolean | null;
  months: string[];
  values: (number | null)[];
  spark: ChartOptions | null;
  rule: string;
  missing: string;
  note: Note | null;
}

export interface MovementRow {
  kind: Kind;
  label: string;
  colour: string;
  customers: number;
  /** Signed effect on MRR. */
  amount: number;
}

/** One product of a month's revenue by product (Revenue without MRR). */
export interface ProductRow {
  product: string;
  orders: number;
  revenue: number;
  /** Of the month's revenue, a fraction. */
  share: number;
  /** The product's revenue over the 12 months ending with the month shown. */
  year: number;
}

export interface Overview extends Period {
  /** What the files support: MRR, payments without MRR ("sales"), or nothing. */
  mode: 'mrr' | 'sales' | '';
  /** Where the numbers come from and what a subscriptions export would add. */
  about: string;
  products: ProductRow[];
  currency: string;
  has_data: boolean;
  missing: Hint | null;
  problem: Problem | null;
  tiles: Tile[];
  chart: ChartOptions | null;
  start: number;
  end: number;
  movements: MovementRow[];
}

export interface DrillRow {
  customer_id: string;
  name: string;
  email: string;
  plan: string;
  kind: Kind;
  amount: number;
  from: number;
  to: number;
}

export interface Drill {
  month: string;
  kind: Kind | '';
  label: string;
  colour: string;
  currency: string;
  total: number;
  customers: number;
  rows: DrillRow[];
}

export interface Invoice {
  id: string;
  number: string;
  status: string;
  currency: string;
  date: string;
  period_start: string | null;
  period_end: string | null;
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
}

export interface Step {
  from: string;
  /** Native minor units of the subscription's currency. */
  mrr: number;
  why: string;
  label: string;
  invoices: number;
  invoice: Invoice | null;
}

export interface SubscriptionView {
  id: string;
  /** As a founder calls it ("Growth · yearly"); plan_id as exported. */
  plan: string;
  plan_id: string;
  currency: string;
  status: string;
  interval: string;
  interval_count: number;
  source: string;
  source_label: string;
  steps: Step[];
}

export interface CustomerMove {
  month: string;
  kind: Kind;
  label: string;
  colour: string;
  plan: string;
  amount: number;
  from: number;
  to: number;
}

export interface CustomerPage {
  id: string;
  name: string;
  email: string;
  currency: string;
  month: string;
  mrr: number;
  first_paid: string;
  chart: ChartOptions | null;
  moves: CustomerMove[];
  subscriptions: SubscriptionView[];
}

export interface PlanRow {
  plan: string;
  mrr: number;
  subscriptions: number;
  share: number;
  prev: number;
}

export interface PlanMix {
  month: string;
  currency: string;
  total: number;
  plans: PlanRow[];
  chart: ChartOptions | null;
  missing: Hint | null;
}

export interface Cohort {
  month: string;
  customers: number;
  start: number;
  mrr: number[];
  paying: number[];
  retained: number[];
}

export interface Cohorts {
  currency: string;
  rule: string;
  last: string;
  rows: Cohort[];
  missing: Hint | null;
}

export interface Choice {
  value: string;
  label: string;
  text: string;
}

export interface Switch {
  key: string;
  label: string;
  value: string;
  choices: Choice[];
}

export interface Definition {
  key: string;
  label: string;
  text: string;
}

export interface Rules {
  switches: Switch[];
  definitions: Definition[];
  currency: string;
  time_zone: string;
  test_mode: string;
}

export interface Rate {
  currency: string;
  month: string;
  rate: string;
}

export interface RatesTable {
  currency: string;
  rates: Rate[];
  currencies: string[];
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function fixOverview(o: Overview): Overview {
  return {
    ...o,
    tiles: arr(o.tiles).map((t) => ({ ...t, months: arr(t.months), values: arr(t.values), note: t.note ?? null })),
    movements: arr(o.movements),
    products: arr(o.products),
    about: o.about ?? '',
    mode: o.mode ?? (o.has_data ? 'mrr' : ''),
    chart: o.chart ?? null,
    missing: o.missing ?? null,
    problem: o.problem ?? null,
  };
}

function fixCustomer(c: CustomerPage): CustomerPage {
  return {
    ...c,
    moves: arr(c.moves),
    subscriptions: arr(c.subscriptions).map((s) => ({ ...s, steps: arr(s.steps) })),
    chart: c.chart ?? null,
  };
}

export const Revenue = {
  Overview: (month: string) => call<Overview>('Revenue', 'Overview', month).then(fixOverview),
  Movements: (month: string, kind: Kind | '') =>
    call<Drill>('Revenue', 'Movements', month, kind).then((d) => ({ ...d, rows: arr(d.rows) })),
  /** The customer's history through month: the month of the drill-down it was opened from ("" for the last complete month). */
  Customer: (id: string, month: string) => call<CustomerPage>('Revenue', 'Customer', id, month).then(fixCustomer),
  PlanMix: (month: string) =>
    call<PlanMix>('Revenue', 'PlanMix', month).then((p) => ({ ...p, plans: arr(p.plans), chart: p.chart ?? null })),
  Cohorts: () => call<Cohorts>('Revenue', 'Cohorts').then((c) => ({ ...c, rows: arr(c.rows) })),
  Rules: () => call<Rules>('Revenue', 'Rules').then((r) => ({ ...r, switches: arr(r.switches), definitions: arr(r.definitions) })),
  SetRule: (key: string, value: string) =>
    call<Rules>('Revenue', 'SetRule', key, value).then((r) => ({
      ...r,
      switches: arr(r.switches),
      definitions: arr(r.definitions),
    })),
  Rates: () => call<RatesTable>('Revenue', 'Rates').then(fixRates),
  SetRate: (currency: string, month: string, rate: string) =>
    call<RatesTable>('Revenue', 'SetRate', currency, month, rate).then(fixRates),
  DeleteRate: (currency: string, month: string) =>
    call<RatesTable>('Revenue', 'DeleteRate', currency, month).then(fixRates),
};

function fixRates(r: RatesTable): RatesTable {
  return { ...r, rates: arr(r.rates), currencies: arr(r.currencies) };
}

