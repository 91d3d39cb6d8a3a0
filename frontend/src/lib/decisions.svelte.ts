// The decision log's API (typed wrappers of the Go struct app.Decisions)
// and the Decisions screen's remembered view. A decision says how the
// founder will know it was right: a figure of the field catalogue, the
// direction or threshold expected, and a review date.
import { call } from './api';

export type DecisionKind = 'keep' | 'change' | 'fix' | 'stop';
export type DecisionStatus = 'made' | 'shipped' | 'validated' | 'invalidated' | 'abandoned';
export type Expect = 'up' | 'down' | 'at_least' | 'at_most' | '';
export type Origin = 'direct' | 'review' | 'feedback' | 'release';

export interface Evidence {
  figure: string;
  label: string;
  unit: string;
  before_month: string;
  after_month: string;
  before: number | null;
  after: number | null;
  proposed: 'validated' | 'invalidated' | '';
  reading: string;
}

export interface Release {
  id: string;
  title: string;
  shipped_on: string;
}

export interface Decision {
  id: number;
  kind: DecisionKind;
  what: string;
  why: string;
  owner: string;
  /** YYYY-MM-DD */
  made: string;
  figure: string;
  expect: Expect;
  threshold: number | null;
  review_on: string;
  status: DecisionStatus;
  shipped_on: string;
  shipped_by: '' | 'release' | 'done';
  closed_on: string;
  release_id: string;
  origin: Origin;
  origin_ref: string;
  evidence: Evidence | null;
  note: string;
}

export interface Entry extends Decision {
  figure_label: string;
  release: Release | null;
  due: boolean;
  overdue: boolean;
  /** A release call with no figure: the release's own review judges it, it is never overdue. */
  by_release: boolean;
  proposal: Evidence | null;
}

export interface Field {
  key: string;
  label: string;
  unit: 'money' | 'count' | 'ratio' | 'minutes' | 'multiple';
  better: 'up' | 'down' | '';
  missing: string;
}

export interface ThroughputMonth {
  month: string;
  decisions_made: number;
  decisions_shipped: number;
  decisions_validated: number;
  decisions_invalidated: number;
  decision_days_p50: number | null;
  decisions_overdue: number;
}

export interface DecisionsView {
  today: string;
  currency: string;
  entries: Entry[];
  months: ThroughputMonth[];
  fields: Field[];
  releases: Release[];
  kinds: DecisionKind[];
}

/** What the form sends: the founder's words of a decision. */
export type DecisionInput = Pick<Decision, 'kind' | 'what' | 'why' | 'owner' | 'made' | 'figure' | 'expect' | 'threshold' | 'review_on'> & {
  id?: number;
  release_id?: string;
};

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function fixEntry(e: Entry): Entry {
  return { ...e, release: e.release ?? null, proposal: e.proposal ?? null, evidence: e.evidence ?? null, threshold: e.threshold ?? null };
}

export const Decisions = {
  View: () =>
    call<DecisionsView>('Decisions', 'View').then((v) => ({
      ...v,
      entries: arr(v.entries).map(fixEntry),
      months: arr(v.months),
      fields: arr(v.fields),
      releases: arr(v.releases),
      kinds: arr(v.kinds),
    })),
  Record: (d: DecisionInput) => call<Entry>('Decisions', 'Record', d).then(fixEntry),
  Edit: (d: DecisionInput) => call<Entry>('Decisions', 'Edit', d).then(fixEntry),
  Link: (id: number, release: string) => call<Entry>('Decisions', 'Link', id, release).then(fixEntry),
  MarkDone: (id: number) => call<Entry>('Decisions', 'MarkDone', id).then(fixEntry),
  Confirm: (id: number, outcome: 'validated' | 'invalidated', note: string) =>
    call<Entry>('Decisions', 'Confirm', id, outcome, note).then(fixEntry),
  Abandon: (id: number, note: string) => call<Entry>('Decisions', 'Abandon', id, note).then(fixEntry),
  Reopen: (id: number) => call<Entry>('Decisions', 'Reopen', id).then(fixEntry),
  Delete: (id: number) => call<void>('Decisions', 'Delete', id),
};

export const KIND_LABEL: Record<DecisionKind, string> = { keep: 'Keep', change: 'Change', fix: 'Fix', stop: 'Stop' };

/** What each kind means, as its picker's tooltip says. */
export const KIND_HELP: Record<DecisionKind, string> = {
  keep: 'It works: keep doing it',
  change: 'Do it differently',
  fix: 'Something is broken: repair it',
  stop: 'Stop doing it',
};

export const STATUS_LABEL: Record<DecisionStatus, string> = {
  made: 'Made',
  shipped: 'Shipped',
  validated: 'Validated',
  invalidated: 'Invalidated',
  abandoned: 'Abandoned',
};

export const EXPECT_LABEL: Record<Exclude<Expect, ''>, string> = {
  up: 'goes up',
  down: 'goes down',
  at_least: 'is at least',
  at_most: 'is at most',
};

/** The screen's filter and the decision opened, kept while the founder looks elsewhere (Home's debt list opens one). */
export const decisionsView = $state({ filter: 'all' as 'all' | 'open' | 'due' | 'closed', open: 0 });

/** Due decisions (review date reached, still open), for the sidebar badge. */
export const decisionsDue = $state({ count: null as number | null });
