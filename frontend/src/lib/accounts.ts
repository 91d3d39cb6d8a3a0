// The Accounts view's API: typed wrappers of the Go struct app.Accounts.
// MRR is in minor units of base_currency; null when unknown.
import { call } from './api';

export type SortKey = 'mrr' | 'tickets' | 'events' | 'last_activity' | 'name' | 'first_seen';

export interface Account {
  id: string;
  name: string;
  domain: string;
  email: string;
  customers: string[];
  sources: string[];
  emails: number;
  users: number;
  plan: string;
  mrr: number | null;
  tickets: number;
  events: number;
  first_seen: string | null;
  last_activity: string | null;
}

export interface Rule {
  seq: number;
  kind: 'merge' | 'split';
  a: string;
  b: string;
  at: number;
  text: string;
  when: string;
}

export interface Unlinked {
  tickets: number;
  tickets_without_email: number;
  requesters: number;
  events: number;
  users: number;
  anonymous_users: number;
  /** Tickets and events linked to an organisation several accounts share. */
  ambiguous_tickets: number;
  ambiguous_events: number;
  organisations: number;
}

export interface AccountsPage {
  accounts: Account[];
  total: number;
  base_currency: string;
  mrr_problem?: string;
  /** The instant the plans and MRR are of (today), and a sentence saying so. */
  mrr_at: string;
  mrr_note: string;
  query: string;
  sort: SortKey;
  offset: number;
  limit: number;
  unlinked: Unlinked | null;
  last: Rule | null;
}

export interface AccountDetail extends Account {
  keys: string[];
  addresses: string[];
  domains: string[];
  rule_views: Rule[];
}

export interface Change {
  account: AccountDetail | null;
  other: AccountDetail | null;
  rule: Rule | null;
  message: string;
}

export interface UnlinkedRequester {
  email: string;
  domain: string;
  tickets: number;
  last: string;
}

export interface UnlinkedUser {
  distinct_id: string;
  email: string;
  events: number;
  first: string;
  last: string;
}

/** An account an ambiguous item could belong to. */
export interface Candidate {
  id: string;
  name: string;
  email: string;
}

/** One address of an organisation whose tickets and events several accounts could claim. */
export interface AmbiguousItem {
  email: string;
  tickets: number;
  events: number;
  last: string;
  /** When several accounts have this very address: those only. */
  accounts?: string[];
}

/** "ambiguous: 3 accounts at acme.example", with the accounts to choose from. */
export interface Ambiguity {
  domain: string;
  text: string;
  accounts: Candidate[];
  items: AmbiguousItem[];
}

/** The public mail domains: their addresses never link by domain. */
export interface PublicDomains {
  domains: string[];
  /** Keel's own list. */
  default: boolean;
}

const arr = <T>(v: T[] | null | undefined): T[] => (Array.isArray(v) ? v : []);

function fixAccount<T extends Account>(a: T): T {
  return { ...a, customers: arr(a.customers), sources: arr(a.sources), mrr: a.mrr ?? null };
}

function fixDetail(d: AccountDetail | null | undefined): AccountDetail | null {
  if (!d) return null;
  return { ...fixAccount(d), keys: arr(d.keys), addresses: arr(d.addresses), domains: arr(d.domains), rule_views: arr(d.rule_views) };
}

function fixChange(c: Change): Change {
  return { ...c, account: fixDetail(c.account), other: fixDetail(c.other), rule: c.rule ?? null };
}

export const Accounts = {
  List: (query: string, sort: SortKey, offset: number, limit: number) =>
    call<AccountsPage>('Accounts', 'List', query, sort, offset, limit).then((p) => ({
      ...p,
      accounts: arr(p.accounts).map(fixAccount),
      unlinked: p.unlinked ?? null,
      last: p.last ?? null,
    })),
  Get: (id: string) => call<AccountDetail>('Accounts', 'Get', id).then((d) => fixDetail(d)!),
  Merge: (a: string, b: string) => call<Change>('Accounts', 'Merge', a, b).then(fixChange),
  Split: (id: string, emailOrDomain: string) => call<Change>('Accounts', 'Split', id, emailOrDomain).then(fixChange),
  Attach: (id: string, emailOrDomain: string) => call<Change>('Accounts', 'Attach', id, emailOrDomain).then(fixChange),
  Forget: (seq: number) => call<void>('Accounts', 'Forget', seq),
  Rules: () => call<Rule[] | null>('Accounts', 'Rules').then(arr),
  UnlinkedTickets: (offset: number, limit: number) =>
    call<UnlinkedRequester[] | null>('Accounts', 'UnlinkedTickets', offset, limit).then(arr),
  UnlinkedUsers: (offset: number, limit: number) =>
    call<UnlinkedUser[] | null>('Accounts', 'UnlinkedUsers', offset, limit).then(arr),
  Ambiguous: () =>
    call<Ambiguity[] | null>('Accounts', 'Ambiguous').then((l) =>
      arr(l).map((a) => ({ ...a, accounts: arr(a.accounts), items: arr(a.items) })),
    ),
  PublicDomains: () => call<PublicDomains>('Accounts', 'PublicDomains').then((p) => ({ ...p, domains: arr(p.domains) })),
  SetPublicDomains: (text: string) =>
    call<PublicDomains>('Accounts', 'SetPublicDomains', text).then((p) => ({ ...p, domains: arr(p.domains) })),
};

/** What the Accounts view shows, kept while the founder looks elsewhere. */
export const accountsView = { query: '', sort: 'mrr' as SortKey, offset: 0, tab: 'accounts' as 'accounts' | 'tickets' | 'events' | 'ambiguous' };

/** The source tools by name, as the founder knows them. */
export const SOURCE_NAMES: Record<string, string> = {
  stripe: 'Stripe',
  chargebee: 'Chargebee',
  paddle: 'Paddle',
  lemonsqueezy: 'Lemon Squeezy',
  gumroad: 'Gumroad',
  buymeacoffee: 'Buy Me a Coffee',
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  helpscout: 'Help Scout',
  intercom: 'Intercom',
  front: 'Front',
  posthog: 'PostHog',
  mixpanel: 'Mixpanel',
  amplitude: 'Amplitude',
};

export const sourceName = (s: string): string => SOURCE_NAMES[s] ?? s;
