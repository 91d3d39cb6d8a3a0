// The Releases screen's API: typed wrappers of the Go struct app.Releases.
// Money is in minor units of the workspace's base currency; null is
// "no value", never 0.
import { call } from './api';

export interface Segment {
  plans: string[];
  accounts: string[];
}

export interface RollbackPlan {
  data_formats: string;
  user_visible: string;
  support: string;
  analytics: string;
  communication: string;
  reversible: boolean;
}

/** A problem users may meet since a release, with the workaround support gives (backend.KnownIssue). */
export interface KnownIssue {
  id: string;
  title: string;
  workaround: string;
  /** The workaround loses no data and needs no help from the team. */
  safe: boolean;
  /** Days, YYYY-MM-DD; fixed is '' while the issue is open. */
  opened: string;
  fixed: string;
}

export interface StatusTimes {
  planned: string | null;
  rolling_out: string | null;
  watching: string | null;
  decided: string | null;
  reviewed: string | null;
}

export type CallKind = 'go' | 'hold' | 'rollback';

export interface Call {
  id: number;
  call: CallKind;
  at: string;
  by: string;
  note: string;
  window: string;
  /** The watch window as it was shown when the call was made. */
  evidence: Watch | null;
}

export interface ReleaseReview {
  changed: string;
  broke: string;
  confused: string;
  next: string;
}

export type Status = 'planned' | 'rolling_out' | 'watching' | 'decided' | 'reviewed';

export interface Release {
  id: string;
  title: string;
  decision: string;
  behaviour: string;
  owner: string;
  affected: string;
  segment: Segment;
  could_break: string;
  reverse: string;
  rollout: string;
  rollout_detail: string;
  flags: string[];
  areas: string[];
  kinds: string[];
  clusters: string[];
  watch: string[];
  migration_plan: string;
  checks: Record<string, string>;
  rollback: RollbackPlan;
  known_issues: KnownIssue[];
  status: Status;
  times: StatusTimes;
  shipped_at: string | null;
  window: string;
  calls: Call[];
  review: ReleaseReview;
  sentence: string;
  origin: string;
  created: string;
  updated: string;
  deleted_at: string | null;
}

export interface Check {
  id: string;
  label: string;
  done: boolean;
  at: string | null;
}

export interface Step {
  id: string;
  title: string;
  why: string;
  done: boolean;
  missing: string[];
  checks: Check[];
}

export interface Warning {
  id: string;
  text: string;
}

export interface Flag {
  key: string;
  flag_key: string;
  source: string;
  name: string;
  owner: string;
  purpose: string;
  type: string;
  lifetime: string;
  release: string;
  release_title: string;
  created: string | null;
  cleanup_due: string | null;
  state: string;
  /** Hundredths of a percent: 5000 is 50 %. */
  percentage: number | null;
  state_since: string | null;
  environment: string;
  archived: boolean;
  imported: boolean;
  deleted_at: string | null;
  stale: string[];
}

export interface ReleaseView extends Release {
  checklist: Step[];
  next: string;
  warnings: Warning[];
  unanswered: string[];
  flag_states: Flag[];
  /** The feedback clusters it answers, in order, with the people to tell. */
  answers: ClusterRef[];
}

/** A confirmed feedback cluster a release can answer (the picker's choice). */
export interface ClusterChoice {
  id: string;
  title: string;
  people: number;
}

/** A release as the month's review lists it (releases.Shipped). */
export interface MonthRelease {
  id: string;
  title: string;
  status: Status;
  shipped_at: string;
  kinds: string[];
  areas: string[];
  call: CallKind | '';
  call_at: string | null;
  note: string;
  risky: boolean;
  observed: boolean;
  warnings: string[];
}

/** One month of the release log (releases.Month): what went out, what was rolled back, the flags at its end. */
export interface ReleaseLog {
  shipped: MonthRelease[];
  rolled_back: MonthRelease[];
  flags: { total: number; stale: number; stale_keys: string[] } | null;
}

export function fixReleaseLog(l: ReleaseLog | null | undefined): ReleaseLog | null {
  if (!l) return null;
  const fix = (r: MonthRelease): MonthRelease => ({ ...r, kinds: r.kinds ?? [], areas: r.areas ?? [], warnings: r.warnings ?? [] });
  return {
    shipped: (l.shipped ?? []).map(fix),
    rolled_back: (l.rolled_back ?? []).map(fix),
    flags: l.flags ? { ...l.flags, stale_keys: l.flags.stale_keys ?? [] } : null,
  };
}

export interface ReleaseRow {
  id: string;
  title: string;
  status: Status;
  owner: string;
  kinds: string[];
  areas: string[];
  shipped_at: string | null;
  window: string;
  call: Call | null;
  next: string;
  done: number;
  warnings: string[];
  flags: number;
}

export interface Ops {
  releases: number;
  rollbacks: number;
  hotfixes: number;
}

export interface ReleasesOverview {
  releases: ReleaseRow[];
  deleted: ReleaseRow[];
  month: string;
  ops: Ops;
  bugs_per_release: number | null;
  bugs_missing: string;
  stale_flags: number;
  flags: number;
  months: string[];
}

/** A count, an amount in minor units, or a rate (a fraction). */
export type Num = number;

export interface Usual {
  min: Num;
  max: Num;
  windows: number;
}

export interface Cell {
  after: Num | null;
  before: Num | null;
  change: Num | null;
  change_pct: number | null;
  usual: Usual | null;
  outside: '' | 'above' | 'below';
  alarm: boolean;
  reading: string;
  /** Every window, oldest first: the 8 earlier ones, before, after. */
  series: (Num | null)[];
}

export interface Row extends Cell {
  key: string;
  label: string;
}

export interface Figure extends Cell {
  key: string;
  label: string;
  group: 'support' | 'billing' | 'product' | 'revenue';
  unit: 'count' | 'money' | 'rate';
  good: 'up' | 'down';
  by_plan: Row[];
  segment: Row[];
  missing: string;
}

export interface Watch {
  release: string;
  title: string;
  window: string;
  length: string;
  start: string;
  end: string;
  before_start: string;
  earliest: string;
  base_currency: string;
  segment: string;
  figures: Figure[];
  tags: Figure[];
  alarms: string[];
  summary: string;
  computed: string;
}

export interface Person {
  name: string;
  email: string;
  plan: string;
  paying: boolean;
  told: boolean;
  cluster: string;
}

export interface ClusterRef {
  id: string;
  title: string;
  people: Person[];
}

export interface Entry {
  release: string;
  date: string;
  title: string;
  sentence: string;
  clusters: ClusterRef[];
  rolled_back: string | null;
}

export interface Changelog {
  entries: Entry[];
  people: Person[];
  markdown: string;
  note: string;
}

export interface Registry {
  flags: Flag[];
  stale: number;
  stale_days: number;
  stale_rules: string;
}

export interface FlagEdit {
  key: string;
  name?: string;
  owner?: string;
  purpose?: string;
  type?: string;
  lifetime?: string;
  release?: string;
  created?: string;
  cleanup_due?: string;
  state?: string;
  percentage?: number;
}

export interface Proposal {
  line: number;
  version: string;
  title: string;
  date: string | null;
  kinds: string[];
  sentence: string;
  changes: string[];
  problem: string;
  exists: boolean;
}

export interface Proposals {
  file: string;
  origin: 'changelog' | 'tags';
  proposals: Proposal[];
}

export interface ReleaseOptions {
  kinds: string[];
  rollouts: string[];
  areas: string[];
  windows: string[];
  statuses: Status[];
  plans: string[];
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function fixCell<T extends Cell>(c: T): T {
  return { ...c, series: arr(c.series), usual: c.usual ?? null };
}

export function fixWatch(w: Watch): Watch {
  const fig = (f: Figure): Figure => ({
    ...fixCell(f),
    by_plan: arr(f.by_plan).map(fixCell),
    segment: arr(f.segment).map(fixCell),
    missing: f.missing ?? '',
  });
  return { ...w, figures: arr(w.figures).map(fig), tags: arr(w.tags).map(fig), alarms: arr(w.alarms) };
}

function fixFlag(f: Flag): Flag {
  return { ...f, stale: arr(f.stale) };
}

function fixRelease<T extends Release>(r: T): T {
  return {
    ...r,
    segment: { plans: arr(r.segment?.plans), accounts: arr(r.segment?.accounts) },
    flags: arr(r.flags),
    areas: arr(r.areas),
    kinds: arr(r.kinds),
    clusters: arr(r.clusters),
    watch: arr(r.watch),
    checks: r.checks ?? {},
    known_issues: arr(r.known_issues),
    calls: arr(r.calls).map((c) => ({ ...c, evidence: c.evidence ? fixWatch(c.evidence) : null })),
  };
}

function fixView(v: ReleaseView): ReleaseView {
  return {
    ...fixRelease(v),
    checklist: arr(v.checklist).map((s) => ({ ...s, missing: arr(s.missing), checks: arr(s.checks) })),
    warnings: arr(v.warnings),
    unanswered: arr(v.unanswered),
    flag_states: arr(v.flag_states).map(fixFlag),
    answers: arr(v.answers).map((c) => ({ ...c, people: arr(c.people) })),
  };
}

function fixRow(r: ReleaseRow): ReleaseRow {
  return { ...r, kinds: arr(r.kinds), areas: arr(r.areas), warnings: arr(r.warnings), call: r.call ?? null };
}

export const Releases = {
  Overview: (month: string) =>
    call<ReleasesOverview>('Releases', 'Overview', month).then((o) => ({
      ...o,
      releases: arr(o.releases).map(fixRow),
      deleted: arr(o.deleted).map(fixRow),
      months: arr(o.months),
      bugs_per_release: o.bugs_per_release ?? null,
    })),
  Get: (id: string) => call<ReleaseView>('Releases', 'Get', id).then(fixView),
  Create: (title: string) => call<ReleaseView>('Releases', 'Create', title).then(fixView),
  Save: (r: Release) => call<ReleaseView>('Releases', 'Save', r).then(fixView),
  SetStatus: (id: string, status: Status) => call<ReleaseView>('Releases', 'SetStatus', id, status).then(fixView),
  SetShipped: (id: string, at: string) => call<ReleaseView>('Releases', 'SetShipped', id, at).then(fixView),
  Tick: (id: string, check: string, done: boolean) => call<ReleaseView>('Releases', 'Tick', id, check, done).then(fixView),
  Watch: (id: string, window: string) => call<Watch>('Releases', 'Watch', id, window).then(fixWatch),
  Decide: (id: string, c: CallKind, by: string, note: string, window: string) =>
    call<ReleaseView>('Releases', 'Decide', id, c, by, note, window).then(fixView),
  RemoveCall: (id: string, callID: number) => call<ReleaseView>('Releases', 'RemoveCall', id, callID).then(fixView),
  Delete: (id: string) => call<void>('Releases', 'Delete', id),
  Restore: (id: string) => call<void>('Releases', 'Restore', id),
  Propose: (text: string, origin: '' | 'changelog' | 'tags') =>
    call<Proposals>('Releases', 'Propose', text, origin).then((p) => ({
      ...p,
      proposals: arr(p.proposals).map((x) => ({ ...x, kinds: arr(x.kinds), changes: arr(x.changes) })),
    })),
  PickChangelog: () =>
    call<Proposals | null>('Releases', 'PickChangelog').then((p) =>
      p ? { ...p, proposals: arr(p.proposals).map((x) => ({ ...x, kinds: arr(x.kinds), changes: arr(x.changes) })) } : null,
    ),
  Accept: (p: Proposals) => call<number>('Releases', 'Accept', p),
  Changelog: () =>
    call<Changelog>('Releases', 'Changelog').then((c) => ({
      ...c,
      entries: arr(c.entries).map((e) => ({ ...e, clusters: arr(e.clusters).map((x) => ({ ...x, people: arr(x.people) })) })),
      people: arr(c.people),
    })),
  ExportChangelog: () => call<string>('Releases', 'ExportChangelog'),
  ClusterChoices: () => call<ClusterChoice[]>('Releases', 'ClusterChoices').then(arr),
  Flags: () => call<Registry>('Releases', 'Flags').then((r) => ({ ...r, flags: arr(r.flags).map(fixFlag) })),
  NewFlag: (key: string) => call<Flag>('Releases', 'NewFlag', key).then(fixFlag),
  EditFlag: (e: FlagEdit) => call<Flag>('Releases', 'EditFlag', e).then(fixFlag),
  DeleteFlag: (key: string) => call<void>('Releases', 'DeleteFlag', key),
  RestoreFlag: (key: string) => call<void>('Releases', 'RestoreFlag', key),
  SetStaleDays: (days: number) => call<Registry>('Releases', 'SetStaleDays', days).then((r) => ({ ...r, flags: arr(r.flags).map(fixFlag) })),
  Options: () =>
    call<ReleaseOptions>('Releases', 'Options').then((o) => ({
      ...o,
      kinds: arr(o.kinds),
      rollouts: arr(o.rollouts),
      areas: arr(o.areas),
      windows: arr(o.windows),
      statuses: arr(o.statuses),
      plans: arr(o.plans),
    })),
};

/** What the Releases screen shows, kept while the founder looks elsewhere. */
export const releasesView = {
  tab: 'releases' as 'releases' | 'changelog' | 'flags',
  open: '' as string,
  month: '',
};

export const STATUS_WORDS: Record<Status, string> = {
  planned: 'Planned',
  rolling_out: 'Rolling out',
  watching: 'Watching',
  decided: 'Decided',
  reviewed: 'Reviewed',
};

export const CALL_WORDS: Record<CallKind, string> = { go: 'Go', hold: 'Hold', rollback: 'Rollback' };

export const ROLLOUT_WORDS: Record<string, string> = {
  internal: 'Internal first',
  beta: 'A beta segment',
  percentage: 'A percentage of users',
  plan: 'Plan by plan',
  everyone: 'Everyone at once',
};

/** "user_data" → "user data". */
export const words = (s: string): string => s.replaceAll('_', ' ');
