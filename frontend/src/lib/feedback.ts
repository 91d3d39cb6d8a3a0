// The Feedback area's API: typed wrappers of the Go struct app.Feedback,
// and the pure rules of its keyboard (which key does what), kept here so
// that Vitest can check them without a page. MRR is in minor units of
// base_currency; null when unknown.
import { call, type Period } from './api';
import type { Hint, Tile } from './revenue';

export type TypeKey = 'bug' | 'friction' | 'request' | 'strategy' | 'billing' | 'confusion' | 'account';

export interface TypeInfo {
  type: TypeKey;
  key: string;
  label: string;
  help: string;
}

/** The seven types, in the order of their keys 1–7 (as the backend lists them). */
export const TYPES: TypeInfo[] = [
  { type: 'bug', key: '1', label: 'Bug', help: 'Something promised does not work' },
  { type: 'friction', key: '2', label: 'Friction', help: 'Works, but is confusing, slow or hard to find' },
  { type: 'request', key: '3', label: 'Request', help: 'A new capability' },
  {
    type: 'strategy',
    key: '4',
    label: 'Strategy signal',
    help: 'Why they chose us, what they compare us with, what they refuse to pay for, what they do by hand',
  },
  { type: 'billing', key: '5', label: 'Billing', help: 'Invoices, charges, plans and refunds' },
  { type: 'confusion', key: '6', label: 'Confusion', help: 'A question the product should have answered' },
  { type: 'account', key: '7', label: 'Account-specific', help: 'About one account only: ownership, seats, access' },
];

export const typeLabel = (t: string | null | undefined): string => TYPES.find((x) => x.type === t)?.label ?? '';

export interface Area {
  id: string;
  name: string;
  letter: string;
}

export interface Suggestion {
  type: TypeKey | '';
  why: string[] | null;
  /** The reason in words ("mentions ‘not working’, ‘error’"); '' without a suggestion. */
  reason: string;
}

export interface Ref {
  id: string;
  title: string;
  items: number;
  suggested: boolean;
}

export interface Row {
  key: string;
  kind: 'ticket' | 'feedback' | 'note';
  source: string;
  source_id: string;
  created: string;
  title: string;
  text: string;
  text_len: number;
  email: string;
  name: string;
  votes: number | null;
  board?: string;
  account: string;
  account_name: string;
  plan: string;
  mrr: number | null;
  stage: string;
  account_type: string;
  segment: string;
  suggested: Suggestion;
  type: TypeKey | '';
  area: string;
  cluster: Ref | null;
  suggestion: Ref | null;
}

export interface Detail extends Row {
  full: string;
}

export interface Facet {
  value: string;
  items: number;
}

export interface Page {
  rows: Row[];
  total: number;
  offset: number;
  counts: { items: number; untriaged: number; by_type: Record<string, number> };
  facets: { plans: Facet[]; sources: Facet[]; stages: Facet[] };
  areas: Area[];
  base_currency: string;
  mrr_problem?: string;
  undo: string;
}

export interface Filter {
  status: 'untriaged' | 'triaged' | 'all';
  types: string[];
  areas: string[];
  plans: string[];
  stages: string[];
  sources: string[];
  from: string;
  to: string;
  cluster: string;
  account: string;
  query: string;
  oldest: boolean;
}

export const emptyFilter = (): Filter => ({
  status: 'untriaged',
  types: [],
  areas: [],
  plans: [],
  stages: [],
  sources: [],
  from: '',
  to: '',
  cluster: '',
  account: '',
  query: '',
  oldest: false,
});

export interface Change {
  message: string;
  untriaged: number;
  undo: string;
  cluster?: string;
}

export interface Outcome {
  days: number;
  churned: number;
  churned_mrr: number;
  contracted: number;
  contracted_mrr: number;
  expanded: number;
  expanded_mrr: number;
  unchanged: number;
  pending: number;
}

export type Status = 'open' | 'planned' | 'shipped' | 'wont_do';

export interface Summary {
  id: string;
  title: string;
  suggested: boolean;
  status: Status | '';
  release: string;
  reason: string;
  changelog: string;
  status_at: string;
  items: number;
  accounts: number;
  persons: number;
  mrr_at_ask: number | null;
  mrr_now: number | null;
  first_seen: string;
  last_seen: string;
  area: string;
  types: Facet[];
  outcomes: Outcome[];
  sentence: string;
  decisions: number;
  told: number;
}

export interface Asker {
  account: string;
  name: string;
  first_asked: string;
  items: number;
  plan_at_ask: string;
  stage_at_ask: string;
  segment: string;
  account_type: string;
  mrr_at_ask: number | null;
  mrr_now: number | null;
  plan_now: string;
  outcome_30: string;
  outcome_30_mrr: number;
  outcome_90: string;
  outcome_90_mrr: number;
}

export interface Person {
  key: string;
  name: string;
  email: string;
  account: string;
  plan: string;
  paying: boolean;
  churned: string | null;
  asked: string;
  items: number;
  told: string | null;
}

export interface ProductNote {
  id: number;
  cluster: string;
  decision: string;
  why: string;
  owner: string;
  date: string;
}

export interface View extends Summary {
  rows: Row[];
  askers: Asker[];
  timeline: { month: string; items: number; accounts: number }[];
  segments: Facet[];
  plans: Facet[];
  stages: Facet[];
  quotes: Quote[];
  notes: ProductNote[];
  people: { tell: Person[]; win_back: Person[] };
  base_currency: string;
  mrr_problem?: string;
  candidates?: string[] | null;
  undo: string;
}

/** A representative item's words. */
export interface Quote {
  item: string;
  text: string;
  who: string;
  account: string;
  plan: string;
  mrr: number | null;
  date: string;
}

/** A cluster as the monthly review sums it up (as of the month's end). */
export interface DigestCluster {
  id: string;
  title: string;
  status: Status;
  release: string;
  items: number;
  new_items: number;
  accounts: number;
  new_accounts: number;
  mrr_at_ask: number | null;
  mrr_now: number | null;
  segments: Facet[];
  quotes: Quote[];
  sentence: string;
}

export interface SegmentClusters {
  segment: string;
  accounts: number;
  /** Cluster titles by the segment's accounts that asked. */
  clusters: Facet[];
}

/** A month's feedback for the review, the scaling map and the report. */
export interface Digest {
  month: string;
  base_currency: string;
  full: boolean;
  by_accounts: DigestCluster[];
  by_mrr: DigestCluster[];
  closed: DigestCluster[];
  signals: Quote[];
  told: { cluster: string; status: Status; person: string; account: string; at: string }[];
  notes: ProductNote[];
  planned: number;
  planned_noted: number;
  segments: SegmentClusters[];
}

export interface ClusterList {
  clusters: Summary[];
  base_currency: string;
  mrr_problem?: string;
  undo: string;
}

export interface NoteInput {
  date: string;
  source: string;
  email: string;
  name: string;
  account: string;
  title: string;
  text: string;
}

export interface ProductNoteInput {
  decision: string;
  why: string;
  owner: string;
  date: string;
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function fixRow<T extends Row>(r: T): T {
  return { ...r, suggested: { type: r.suggested?.type ?? '', why: arr(r.suggested?.why), reason: r.suggested?.reason ?? '' }, cluster: r.cluster ?? null, suggestion: r.suggestion ?? null };
}

function fixSummary<T extends Summary>(s: T): T {
  return { ...s, types: arr(s.types), outcomes: arr(s.outcomes) };
}

function fixView(v: View): View {
  return {
    ...fixSummary(v),
    rows: arr(v.rows).map(fixRow),
    askers: arr(v.askers),
    timeline: arr(v.timeline),
    segments: arr(v.segments),
    plans: arr(v.plans),
    stages: arr(v.stages),
    quotes: arr(v.quotes),
    notes: arr(v.notes),
    people: { tell: arr(v.people?.tell), win_back: arr(v.people?.win_back) },
    candidates: arr(v.candidates),
  };
}

export const Feedback = {
  List: (f: Filter, offset: number, limit: number) =>
    call<Page>('Feedback', 'List', f, offset, limit).then((p) => ({
      ...p,
      rows: arr(p.rows).map(fixRow),
      areas: arr(p.areas),
      facets: { plans: arr(p.facets?.plans), sources: arr(p.facets?.sources), stages: arr(p.facets?.stages) },
    })),
  Item: (key: string) => call<Detail>('Feedback', 'Item', key).then(fixRow),
  Badge: () => call<number>('Feedback', 'Badge'),
  SetType: (keys: string[], type: string) => call<Change>('Feedback', 'SetType', keys, type),
  SetArea: (keys: string[], area: string) => call<Change>('Feedback', 'SetArea', keys, area),
  Undo: () => call<string>('Feedback', 'Undo'),
  SetAreas: (areas: Area[]) => call<Area[]>('Feedback', 'SetAreas', areas).then(arr),
  NoteSources: () => call<string[]>('Feedback', 'NoteSources').then(arr),
  AddNote: (n: NoteInput) => call<Row>('Feedback', 'AddNote', n).then(fixRow),
  EditNote: (key: string, n: NoteInput) => call<Row>('Feedback', 'EditNote', key, n).then(fixRow),
  DeleteNote: (key: string) => call<Change>('Feedback', 'DeleteNote', key),
  Clusters: (sort: string) =>
    call<ClusterList>('Feedback', 'Clusters', sort).then((l) => ({ ...l, clusters: arr(l.clusters).map(fixSummary) })),
  Cluster: (id: string) => call<View>('Feedback', 'Cluster', id).then(fixView),
  Accept: (id: string, items: string[] | null, title: string) => call<Change>('Feedback', 'Accept', id, items, title),
  Reject: (id: string, items: string[] | null) => call<Change>('Feedback', 'Reject', id, items),
  Create: (title: string, items: string[]) => call<Change>('Feedback', 'Create', title, items),
  AddItems: (cluster: string, items: string[]) => call<Change>('Feedback', 'AddItems', cluster, items),
  RemoveItems: (items: string[]) => call<Change>('Feedback', 'RemoveItems', items),
  Merge: (into: string, from: string) => call<Change>('Feedback', 'Merge', into, from),
  Split: (cluster: string, items: string[], title: string) => call<Change>('Feedback', 'Split', cluster, items, title),
  Delete: (cluster: string) => call<Change>('Feedback', 'Delete', cluster),
  Rename: (cluster: string, title: string) => call<Change>('Feedback', 'Rename', cluster, title),
  SetStatus: (cluster: string, status: Status, release: string, reason: string) =>
    call<Change>('Feedback', 'SetStatus', cluster, status, release, reason),
  SetChangelog: (cluster: string, text: string) => call<Change>('Feedback', 'SetChangelog', cluster, text),
  AddProductNote: (cluster: string, n: ProductNoteInput) => call<Change>('Feedback', 'AddProductNote', cluster, n),
  DeleteProductNote: (id: number) => call<Change>('Feedback', 'DeleteProductNote', id),
  MarkTold: (cluster: string, persons: string[], date: string, told: boolean) =>
    call<Change>('Feedback', 'MarkTold', cluster, persons, date, told),
  PeopleText: (cluster: string, winBack: boolean) => call<string>('Feedback', 'PeopleText', cluster, winBack),
  ExportPeople: (cluster: string) => call<string>('Feedback', 'ExportPeople', cluster),
  ExportPeopleTo: (cluster: string, path: string) => call<string>('Feedback', 'ExportPeopleTo', cluster, path),
  Numbers: (month: string) =>
    call<Numbers>('Feedback', 'Numbers', month).then((n) => ({
      ...n,
      missing: n.missing ?? null,
      tiles: arr(n.tiles).map((t) => ({ ...t, months: arr(t.months), values: arr(t.values), note: t.note ?? null, spark: t.spark ?? null })),
    })),
};

/** The Numbers tab: the month's Feedback figures (METRICS.md), as the review and the report show them. */
export interface Numbers extends Period {
  missing: Hint | null;
  tiles: Tile[];
}

// ---- the inbox keyboard ----

/** What a key does in the inbox, before any call to the backend. */
export type KeyAction =
  | { kind: 'move'; by: number }
  | { kind: 'type'; type: TypeKey }
  | { kind: 'area'; area: string }
  | { kind: 'cluster' }
  | { kind: 'select' }
  | { kind: 'undo' }
  | { kind: 'note' }
  | { kind: 'search' }
  | { kind: 'clear' }
  | { kind: 'open' };

/**
 * inboxKey reads a key press of the inbox: j/k or the arrows move, 1–7
 * type, an area's letter sets the area, c clusters, x selects, u undoes,
 * n writes a note, / searches, Esc clears the selection, Enter opens the
 * whole text. null for keys the inbox does not use (and for modified ones,
 * which belong to the app: Ctrl/Cmd+K, g then a letter).
 */
export function inboxKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>, areas: Area[]): KeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { kind: 'move', by: 1 };
    case 'k':
    case 'ArrowUp':
      return { kind: 'move', by: -1 };
    case 'c':
      return { kind: 'cluster' };
    case 'x':
      return { kind: 'select' };
    case 'u':
      return { kind: 'undo' };
    case 'n':
      return { kind: 'note' };
    case '/':
      return { kind: 'search' };
    case 'Escape':
      return { kind: 'clear' };
    case 'Enter':
      return { kind: 'open' };
  }
  const t = TYPES.find((x) => x.key === e.key);
  if (t) return { kind: 'type', type: t.type };
  const a = areas.find((x) => x.letter === e.key);
  if (a) return { kind: 'area', area: a.id };
  return null;
}

/** The keys the selection applies to: the selected items, else the current one. */
export function targets(selected: Set<string>, current: string | null): string[] {
  if (selected.size > 0) return [...selected];
  return current ? [current] : [];
}

/** "2 churned (−$412)" from an outcome, with fmt formatting money. */
export function outcomeWords(o: Outcome | undefined, fmt: (n: number) => string): string {
  if (!o) return '';
  const parts: string[] = [];
  if (o.churned) parts.push(`${o.churned} churned (−${fmt(o.churned_mrr)})`);
  if (o.contracted) parts.push(`${o.contracted} contracted (−${fmt(o.contracted_mrr)})`);
  if (o.expanded) parts.push(`${o.expanded} expanded (+${fmt(o.expanded_mrr)})`);
  if (!parts.length) {
    if (o.unchanged) return `${o.unchanged} unchanged`;
    if (o.pending) return `${o.pending} too recent`;
    return '';
  }
  return parts.join(', ');
}

export const STATUS_LABELS: Record<Status, string> = {
  open: 'Open',
  planned: 'Planned',
  shipped: 'Shipped',
  wont_do: "Won't do",
};

export const STAGE_LABELS: Record<string, string> = {
  trial: 'Trial',
  new: 'New',
  established: 'Established',
  churned: 'Churned',
  prospect: 'Prospect',
};

export const SEGMENT_LABELS: Record<string, string> = {
  none: 'No MRR',
  small: 'Small',
  mid: 'Mid',
  large: 'Large',
  unknown: 'Unknown',
};

/** The source tools and note kinds by name. */
export const SOURCE_LABELS: Record<string, string> = {
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  helpscout: 'Help Scout',
  intercom: 'Intercom',
  front: 'Front',
  canny: 'Canny',
  featurebase: 'Featurebase',
  fider: 'Fider',
  csv: 'Feedback CSV',
  call: 'Call',
  email: 'E-mail',
  chat: 'Chat',
  meeting: 'Meeting',
  social: 'Social',
  other: 'Other note',
};

export const sourceLabel = (s: string): string => SOURCE_LABELS[s] ?? s;
