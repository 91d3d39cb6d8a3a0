// Data shaped like app.Review's answers, and a fake of it, for the unit tests.
import { vi, type Mock } from 'vitest';
import type { Tile } from '../lib/revenue';
import type { CheckItem, Decision, ReviewNumber, ReviewStep, ReviewView, ScalingMap, StepId } from '../lib/review.svelte';
import { installFake, type Fake } from './fake';

type AnyFn = (...args: any[]) => Promise<any>;

const MONTHS = Array.from({ length: 12 }, (_, i) => {
  const d = new Date(Date.UTC(2025, 2 + i, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
});

const SPARK = { series: [{ type: 'line', data: [1, 2, 3] }] };

export function tile(
  key: string,
  label: string,
  unit: Tile['unit'],
  value: number | null,
  prev: number | null,
  better: Tile['better'] = 'up',
  missing = '',
): Tile {
  const delta = value !== null && prev !== null ? value - prev : null;
  const change = delta !== null && prev ? delta / Math.abs(prev) : null;
  const values = MONTHS.map((_, i) => (i === 11 ? value : i === 10 ? prev : value === null ? null : value * (0.8 + i / 60)));
  return {
    key,
    label,
    unit,
    digits: unit === 'multiple' ? 2 : 0,
    better,
    value,
    prev,
    delta,
    change: unit === 'ratio' ? null : change,
    good: delta === null || delta === 0 || !better ? null : delta > 0 === (better === 'up'),
    months: MONTHS,
    values,
    spark: value === null ? null : SPARK,
    rule: `${label}: the rule.`,
    missing,
    note: null,
  };
}

const num = (t: Tile): ReviewNumber => ({
  key: t.key,
  label: t.label,
  unit: t.unit,
  value: t.value,
  prev: t.prev,
  delta: t.delta,
  change: t.change,
  better: t.better,
  trend: t.values,
  missing: t.missing || undefined,
});

const MRR = tile('revenue.mrr', 'MRR', 'money', 2904457, 2631868);
const CUSTOMERS = tile('revenue.customers', 'Paying customers', 'count', 196, 185);
const CHURN = tile('revenue.churn', 'Churned MRR', 'money', 35500, 38562, 'down');
const NRR = tile('revenue.nrr', 'NRR (monthly)', 'ratio', 1.0269, 0.9925);
const SIGNUPS = tile('product.signups', 'Signups', 'count', 19, 19);
const ACTIVATION = tile(
  'product.activation_rate',
  'Activation',
  'ratio',
  null,
  null,
  'up',
  'Import analytics events and pick the activation event on the Users screen.',
);
const TICKETS = tile('support.tickets', 'Tickets', 'count', 296, 252, 'down');
const PER_ACCOUNT = tile('support.tickets_per_active_account', 'Tickets per active account', 'multiple', 1.4, 1.26, 'down');
const RELEASES = tile('operations.releases', 'Releases', 'count', null, null, '', 'Not tracked yet: releases.');

export const SUPPORT_WARNING = {
  id: 'support_load',
  surface: 'operations',
  title: 'Support load rising while activation is flat',
  detail: 'Tickets per active account rose two months running: 1.19 → 1.26 → 1.40.',
};

export const MAP: ScalingMap = {
  throughput: [],
  month: '2026-02',
  default: '2026-02',
  first: '2025-01',
  last: '2026-03',
  last_complete: '2026-02',
  current: '2026-03',
  title: 'February 2026',
  currency: 'usd',
  surfaces: [
    {
      id: 'product',
      name: 'Product',
      tiles: [RELEASES],
      warnings: [],
      unavailable: [
        { id: 'stale_flags', surface: 'product', title: 'Flags past their cleanup date', needs: 'Needs the flag registry (releases are not tracked yet).' },
      ],
      not_tracked: ['Not tracked yet: releases, flags, bugs per release, rollbacks and stale flags.'],
      missing: null,
    },
    { id: 'users', name: 'Users', tiles: [SIGNUPS, ACTIVATION], warnings: [], unavailable: [], not_tracked: [], missing: null },
    {
      id: 'operations',
      name: 'Operations',
      tiles: [TICKETS, PER_ACCOUNT],
      warnings: [SUPPORT_WARNING],
      unavailable: [],
      not_tracked: ['Not tracked yet: manual work.'],
      missing: null,
    },
    { id: 'revenue', name: 'Revenue', tiles: [MRR, CHURN, NRR], warnings: [], unavailable: [], not_tracked: [], missing: null },
  ],
  freshness: { reading: 'Every source is imported through 28 Feb 2026.', missing: [] },
  stage: {
    id: 'reliability',
    name: 'Reliability',
    reason: '196 paying customers, but support load rising while activation is flat: make the product dependable before adding more.',
  },
  next_review: {
    month: '2026-02',
    open: '2026-02',
    ended: true,
    title: 'February 2026',
    due: '2026-03-01T00:00:00Z',
    overdue: true,
    text: 'The review of February 2026 is overdue: it was due on 1 Mar 2026.',
  },
  next_status: 'not_started',
};

/** A map of a workspace with billing only: Users and Operations say what fills them. */
export const BILLING_ONLY_MAP: ScalingMap = {
  ...MAP,
  surfaces: MAP.surfaces.map((s) =>
    s.id === 'operations'
      ? {
          ...s,
          warnings: [],
          missing: {
            text: 'Import your helpdesk tickets (a Zendesk, Freshdesk, Help Scout, Intercom or Front export) to see the support load.',
            source: 'zendesk',
            kind: 'tickets',
          },
        }
      : s,
  ),
};

function step(id: StepId, title: string, reading: string, extra: Partial<ReviewStep> = {}): ReviewStep {
  return {
    id,
    title,
    numbers: [],
    reading,
    not_tracked: [],
    missing: [],
    note: '',
    done: false,
    tiles: [],
    chart: null,
    chart_title: '',
    warnings: [],
    unavailable: [],
    needs: null,
    ...extra,
  };
}

export const CHECKLIST: CheckItem[] = [
  { id: 'onboarding_founder_calls', question: 'Onboarding depends on founder calls', late: false, answer: '', note: '' },
  {
    id: 'support_one_person',
    question: 'Support depends on one person',
    late: false,
    answer: 'yes',
    note: 'Ana takes a third',
    hint: "The busiest person took 33.1 % of February's assigned tickets.",
  },
  { id: 'meetings_without_decisions', question: 'Meetings without better decisions', late: true, answer: '', note: '' },
];

export const DECISIONS: Decision[] = [{ id: 7, kind: 'fix', what: 'Fix the trial-to-paid email', owner: 'Ana', due: '2026-03-31' }];

export const VIEW: ReviewView = {
  decisions_due: [],
  month: '2026-02',
  title: 'February 2026',
  workspace: 'Acme Analytics',
  status: 'in_progress',
  step: 'revenue',
  started_at: '2026-03-02T09:00:00Z',
  updated_at: '2026-03-02T09:10:00Z',
  frozen_at: null,
  base_currency: 'usd',
  steps: [
    step('freshness', 'Data freshness', 'Every source is imported through 28 Feb 2026.'),
    step(
      'revenue',
      'Revenue',
      'MRR grew 10.4 % to $29,044.57, driven by new customers; churn: 3 accounts on Starter churned (−$355.00 MRR).',
      {
        numbers: [MRR, CUSTOMERS, CHURN, NRR].map(num),
        tiles: [MRR, CUSTOMERS, NRR],
        chart: { series: [{ type: 'bar', data: [1, 2] }] },
        chart_title: 'MRR and its movements',
      },
    ),
    step('users', 'Users', '19 signups (as many as the month before).', {
      numbers: [SIGNUPS, ACTIVATION].map(num),
      tiles: [SIGNUPS, ACTIVATION],
    }),
    step('operations', 'Operations', 'Tickets grew 17.5 % to 296 (1.40 per active account).', {
      numbers: [TICKETS, PER_ACCOUNT].map(num),
      tiles: [TICKETS, PER_ACCOUNT],
      warnings: [SUPPORT_WARNING],
      not_tracked: ['Not tracked yet: manual work — interventions, minutes and interventions per account.'],
    }),
    step('releases', 'Releases', 'Not tracked yet: releases, rollbacks, hotfixes, bugs per release and stale flags.', {
      numbers: [num(RELEASES)],
      tiles: [RELEASES],
      not_tracked: ['Not tracked yet: releases — shipped, rolled back, hotfixes, bugs per release and stale flags.'],
    }),
    step('feedback', 'Feedback', '307 feedback items came in, 12 untriaged at the end of the month; 28 strategy signals.'),
    step('checklist', 'Failure-mode checklist', '1 of 3 failure modes present: support depends on one person.'),
    step('decisions', 'Decisions', '1 decision: fix.'),
  ],
  warnings: [SUPPORT_WARNING],
  warnings_not_available: [],
  stage: MAP.stage,
  next_review: MAP.next_review,
  checklist: CHECKLIST,
  decisions: DECISIONS,
  notes: '',
  sources: [
    {
      import_id: 1,
      file: 'stripe_payments.csv',
      sha256: '1c680b60416933a866daf27f460ef2ba865f7e3f78c39ddfb4c8983745521d6f',
      source: 'stripe',
      kind: 'payments',
      imported_at: '2026-03-01T10:00:00Z',
      read: 100,
      imported: 100,
      updated: 0,
      rows: 100,
      first: '2025-01-03T00:00:00Z',
      last: '2026-02-27T00:00:00Z',
    },
  ],
  restatement: null,
  period: { month: '2026-02', default: '2026-02', last_complete: '2026-02', current: '2026-03', first: '2025-01', last: '2026-03' },
  past: [
    {
      month: '2026-02',
      title: 'February 2026',
      status: 'in_progress',
      step: 'revenue',
      started_at: '2026-03-02T09:00:00Z',
      updated_at: '2026-03-02T09:10:00Z',
      frozen_at: null,
      decisions: 1,
      imports_since_freeze: 0,
    },
    {
      month: '2026-01',
      title: 'January 2026',
      status: 'frozen',
      step: 'decisions',
      started_at: '2026-02-02T09:00:00Z',
      updated_at: '2026-02-02T10:00:00Z',
      frozen_at: '2026-02-02T10:00:00Z',
      decisions: 2,
      imports_since_freeze: 1,
    },
  ],
  decision_kinds: ['keep', 'change', 'fix', 'stop'],
};

export const FROZEN: ReviewView = {
  ...VIEW,
  month: '2026-01',
  title: 'January 2026',
  status: 'frozen',
  step: 'decisions',
  frozen_at: '2026-02-02T10:00:00Z',
  notes: 'A calm month.',
  steps: VIEW.steps.map((s) => ({ ...s, done: true, note: s.id === 'revenue' ? 'Expansion carried the month.' : '' })),
  restatement: {
    checked_at: '2026-03-14T12:00:00Z',
    text: '1 number of January 2026 changed since the freeze, after 1 import.',
    changes: [
      {
        month: '2026-01',
        key: 'revenue.collected',
        label: 'Collected',
        unit: 'money',
        old: 2573068,
        new: 2585068,
        causes: ['import:7'],
        text: 'Collected: $25,730.68 → $25,850.68',
      },
    ],
    causes: [
      {
        id: 'import:7',
        kind: 'import',
        import_id: 7,
        file: 'late_payments.csv',
        sha256: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
        source: 'stripe',
        records: 'payments',
        at: '2026-03-10T08:00:00Z',
        text: 'Import of late_payments.csv (Stripe payments) on 10 Mar 2026.',
      },
    ],
  },
};

export interface ReviewFake extends Fake {
  Review: Record<string, Mock<AnyFn>>;
}

/** The Workspace and Imports fakes plus a Review fake; `over` replaces methods. */
export function installReviewFake(over: Record<string, AnyFn> = {}): ReviewFake {
  const fake = installFake();
  let nextId = 100;
  const Review: Record<string, Mock<AnyFn>> = {
    Map: vi.fn(async () => structuredClone(MAP)),
    Due: vi.fn(async () => ({ ...structuredClone(MAP.next_review), is_due: true, status: 'not_started' })),
    Get: vi.fn(async (m: string) => structuredClone(m === '2026-01' ? FROZEN : VIEW)),
    List: vi.fn(async () => structuredClone(VIEW.past)),
    Start: vi.fn(async () => structuredClone(VIEW)),
    StartEarly: vi.fn(async () => structuredClone(VIEW)),
    SetStep: vi.fn(async () => undefined),
    SaveStep: vi.fn(async () => undefined),
    Answer: vi.fn(async () => undefined),
    SaveNotes: vi.fn(async () => undefined),
    AddDecision: vi.fn(async (_m: string, d: Decision) => ({ ...d, id: nextId++ })),
    UpdateDecision: vi.fn(async () => undefined),
    DeleteDecision: vi.fn(async () => undefined),
    Freeze: vi.fn(async () => ({ ...structuredClone(FROZEN), month: '2026-02', title: 'February 2026', restatement: null })),
    Export: vi.fn(async (m: string) => `/home/ana/Keel report ${m}.xlsx`),
    ExportTo: vi.fn(async (_m: string, p: string) => p),
  };
  for (const [k, fn] of Object.entries(over)) Review[k] = vi.fn(fn);
  window.go!.app!.Review = Review;
  return { ...fake, Review };
}
