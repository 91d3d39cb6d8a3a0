// The Plans & costs screen's API: typed wrappers of the Go struct
// app.Costs. Money is integer minor units; unit costs are decimal strings
// of minor units per unit ("0.12" = 0.12 cents an e-mail in USD).
import { call } from './api';
import type { ChartOptions } from './revenue';
import type { Period } from './users';

export type Access = 'plan' | 'role' | 'beta' | 'grandfathered' | 'temporary' | 'usage_limited';
export type UsageSource = 'events' | 'support' | 'manual';

export interface Feature {
  id: number;
  name: string;
  note: string;
}

export interface Entitlement {
  plan: string;
  feature: number;
  access: Access | '';
  limit: number | null;
  limit_unit: string;
  role: string;
  until: string;
  note: string;
}

export interface Cell extends Entitlement {
  granted: boolean;
  why: string;
}

export interface Matrix {
  plans: string[];
  features: Feature[];
  /** [feature][plan] */
  cells: Cell[][];
}

export interface EventName {
  name: string;
  events: number;
}

export interface CostDriver {
  id: number;
  name: string;
  unit: string;
  source: UsageSource;
  events: string[];
  unit_cost: string;
}

export interface DriverUse extends CostDriver {
  usage: number;
  cost: number;
  accounts: number;
  median: number | null;
  actual: number | null;
  suggested: string;
  unmapped: boolean;
  suggestions: EventName[];
}

export interface PlanCost {
  plan: string;
  accounts: number;
  mrr: number;
  cost: number;
  margin: number | null;
  heaviest: number;
  what_if_cost: number;
  what_if_margin: number | null;
  below_floor: boolean;
}

export interface AccountCost {
  account: string;
  name: string;
  plan: string;
  mrr: number | null;
  cost: number;
  margin: number | null;
  usage: number[];
  power: string[];
  over_mrr: boolean;
}

export interface PowerUser {
  account: string;
  name: string;
  plan: string;
  driver: string;
  unit: string;
  usage: number;
  median: number;
  multiple: number;
  cost: number;
  mrr: number | null;
}

export interface CostWarning {
  id: 'plan_margin' | 'account_over_mrr';
  title: string;
  detail: string;
  plan?: string;
  account?: string;
}

export interface CostModel {
  month: string;
  currency: string;
  margin_floor: number;
  support_minutes_per_ticket: number;
  drivers: DriverUse[];
  plans: PlanCost[];
  accounts: AccountCost[];
  power_users: PowerUser[];
  warnings: CostWarning[];
  mrr: number;
  cost_to_serve: number;
  margin: number | null;
  mrr_problem?: string;
}

export interface AccountTerms {
  account: string;
  terms: 'grandfathered' | 'negotiated';
  plan: string;
  note: string;
  since: string;
  name: string;
}

export interface CostsOverview extends Period {
  model: CostModel;
  accounts_total: number;
  chart: ChartOptions | null;
  plan_names: string[];
  matrix: Matrix;
  terms: AccountTerms[];
  events: EventName[];
  accesses: Access[];
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function fix(o: CostsOverview): CostsOverview {
  const m = o.model;
  return {
    ...o,
    chart: o.chart ?? null,
    plan_names: arr(o.plan_names),
    terms: arr(o.terms),
    events: arr(o.events),
    accesses: arr(o.accesses),
    matrix: { plans: arr(o.matrix?.plans), features: arr(o.matrix?.features), cells: arr(o.matrix?.cells).map((r) => arr(r)) },
    model: {
      ...m,
      drivers: arr(m.drivers).map((d) => ({ ...d, events: arr(d.events), suggestions: arr(d.suggestions) })),
      plans: arr(m.plans),
      accounts: arr(m.accounts).map((a) => ({ ...a, usage: arr(a.usage), power: arr(a.power) })),
      power_users: arr(m.power_users),
      warnings: arr(m.warnings),
    },
  };
}

export const Costs = {
  Overview: (month: string) => call<CostsOverview>('Costs', 'Overview', month).then(fix),
  SaveDriver: (d: Partial<CostDriver>) => call<CostDriver>('Costs', 'SaveDriver', d),
  DeleteDriver: (id: number) => call<void>('Costs', 'DeleteDriver', id),
  SaveFeature: (f: Partial<Feature>) => call<Feature>('Costs', 'SaveFeature', f),
  DeleteFeature: (id: number) => call<void>('Costs', 'DeleteFeature', id),
  Grant: (e: Entitlement) => call<void>('Costs', 'Grant', e),
  SetTerms: (t: Omit<AccountTerms, 'name' | 'terms'> & { terms: AccountTerms['terms'] | '' }) => call<void>('Costs', 'SetTerms', t),
  SetRule: (key: 'support_minutes_per_ticket' | 'margin_floor', value: string) => call<void>('Costs', 'SetRule', key, value),
};

export const ACCESS_LABEL: Record<Access, string> = {
  plan: 'Included',
  role: 'By role',
  beta: 'Beta',
  grandfathered: 'Grandfathered',
  temporary: 'Temporary',
  usage_limited: 'Usage-limited',
};

export const SOURCE_LABEL: Record<UsageSource, string> = {
  events: 'Product events',
  support: 'Support tickets',
  manual: 'Manual work log',
};

/** The Plans & costs screen's month and tab. */
export const costsView = { tab: 'costs' as 'costs' | 'plans' | 'drivers' };
