// Releases answers shaped like the Go API's (app/releases.go), and a fake of
// window.go.app.Releases next to the others.
import { vi, type Mock } from 'vitest';
import type { Changelog, Figure, Registry, ReleasesOverview, ReleaseView, Step, Watch } from '../lib/releases';
import { installFake, type Fake } from './fake';

type AnyFn = (...args: any[]) => Promise<any>;

const steps = (done: string[]): Step[] =>
  [
    ['decision', 'Define the decision'],
    ['slice', 'Scope the smallest slice'],
    ['rollout', 'Decide the rollout path'],
    ['observability', 'Prepare observability'],
    ['ship', 'Ship with an owner'],
    ['review', 'Review the evidence'],
  ].map(([id, title]) => ({
    id,
    title,
    why: `Why ${title}.`,
    done: done.includes(id),
    missing: done.includes(id) ? [] : [`what ${id} needs`],
    checks: id === 'slice' ? [{ id: 'slice', label: 'This is the smallest slice that proves the decision', done: done.includes('slice'), at: null }] : [],
  }));

export function release(over: Partial<ReleaseView> = {}): ReleaseView {
  const checklist = steps(['decision']);
  return {
    id: 'rel_1',
    title: 'Usage-based invoices',
    decision: 'Can usage lines replace seat counting?',
    behaviour: '',
    owner: 'Maya',
    affected: '',
    segment: { plans: [], accounts: [] },
    could_break: '',
    reverse: '',
    rollout: '',
    rollout_detail: '',
    flags: [],
    areas: ['billing'],
    kinds: ['feature'],
    clusters: [],
    watch: [],
    migration_plan: '',
    checks: {},
    rollback: { data_formats: 'None', user_visible: '', support: '', analytics: '', communication: '', reversible: false },
    known_issues: [],
    status: 'planned',
    times: { planned: '2026-03-01T10:00:00Z', rolling_out: null, watching: null, decided: null, reviewed: null },
    shipped_at: null,
    window: '72h',
    calls: [],
    review: { changed: '', broke: '', confused: '', next: '' },
    sentence: '',
    origin: '',
    created: '2026-03-01T10:00:00Z',
    updated: '2026-03-01T10:00:00Z',
    deleted_at: null,
    checklist,
    next: 'slice',
    warnings: [{ id: 'no_reverse', text: 'No way to reverse it. Say how to disable or roll it back.' }],
    unanswered: ['user-visible settings', 'support macros', 'analytics marking', 'customer communication'],
    flag_states: [],
    answers: [],
    ...over,
  };
}

const cell = { change_pct: null, outside: '' as const, alarm: false, reading: '', series: [] as (number | null)[] };

function fig(over: Partial<Figure> & Pick<Figure, 'key' | 'label' | 'group' | 'unit' | 'good'>): Figure {
  return { ...cell, after: null, before: null, change: null, usual: null, by_plan: [], segment: [], missing: '', ...over } as Figure;
}

export const WATCH: Watch = {
  release: 'rel_1',
  title: 'Usage-based invoices',
  window: '72h',
  length: '72 hours',
  start: '2026-02-10T14:00:00Z',
  end: '2026-02-13T14:00:00Z',
  before_start: '2026-02-07T14:00:00Z',
  earliest: '2026-01-14T14:00:00Z',
  base_currency: 'usd',
  segment: 'Scale',
  figures: [
    fig({
      key: 'tickets', label: 'Tickets', group: 'support', unit: 'count', good: 'down',
      after: 57, before: 25, change: 32, change_pct: 1.28, usual: { min: 19, max: 30, windows: 8 }, outside: 'above', alarm: true,
      reading: 'Tickets +128 % (57 against 25), more than in any of the last 8 three-day periods.',
      by_plan: [{ ...cell, key: 'Growth', label: 'Growth', after: 30, before: 12, change: 18, usual: { min: 5, max: 14, windows: 8 } }],
      segment: [
        { ...cell, key: 'in', label: 'Scale', after: 20, before: 8, change: 12, usual: { min: 3, max: 9, windows: 8 } },
        { ...cell, key: 'out', label: 'Everyone else', after: 37, before: 17, change: 20, usual: { min: 14, max: 22, windows: 8 } },
      ],
    }),
    fig({
      key: 'refunded', label: 'Refunded', group: 'billing', unit: 'money', good: 'down',
      after: 54232, before: 0, change: 54232, usual: { min: 0, max: 0, windows: 8 }, outside: 'above', alarm: true,
      reading: 'Refunded $542.32 against none before, more than in any of the last 8 three-day periods.',
    }),
    fig({
      key: 'activation_rate', label: 'Activation', group: 'product', unit: 'rate', good: 'up',
      missing: 'Pick the activation event on the Users screen to see activation around the release.',
    }),
  ],
  tags: [],
  alarms: ['Tickets', 'Refunded'],
  summary: 'In the 72 hours after it went out, 2 numbers moved beyond the usual range in the bad direction: tickets, refunded.',
  computed: '2026-02-13T16:00:00Z',
};

export const OVERVIEW: ReleasesOverview = {
  releases: [
    { id: 'rel_1', title: 'Usage-based invoices', status: 'planned', owner: 'Maya', kinds: ['feature'], areas: ['billing'], shipped_at: null, window: '72h', call: null, next: 'slice', done: 1, warnings: ['No way to reverse it.'], flags: 0 },
    { id: 'rel_2', title: 'Dark mode', status: 'decided', owner: 'Jonas', kinds: ['feature'], areas: [], shipped_at: '2026-02-20T10:00:00Z', window: '72h',
      call: { id: 3, call: 'go', at: '2026-02-23T10:00:00Z', by: 'Jonas', note: '', window: '72h', evidence: null }, next: 'review', done: 5, warnings: [], flags: 1 },
  ],
  deleted: [],
  month: '2026-03',
  ops: { releases: 2, rollbacks: 1, hotfixes: 0 },
  bugs_per_release: null,
  bugs_missing: 'Bugs per release count feedback items classified bug; they are counted once this workspace has triaged feedback (the Feedback area).',
  stale_flags: 1,
  flags: 2,
  months: ['2026-03', '2026-02'],
};

export const REGISTRY: Registry = {
  stale: 1,
  stale_days: 30,
  stale_rules: 'A flag is stale when …',
  flags: [
    { key: 'launchdarkly:usage-invoices', flag_key: 'usage-invoices', source: 'launchdarkly', name: 'Usage invoices', owner: 'Maya', purpose: '', type: 'release',
      lifetime: 'temporary', release: 'rel_1', release_title: 'Usage-based invoices', created: '2025-12-01T00:00:00Z', cleanup_due: '2026-01-01T00:00:00Z',
      state: 'off', percentage: null, state_since: '2025-12-05T00:00:00Z', environment: 'Production', archived: false, imported: true, deleted_at: null,
      stale: ['Temporary and past its cleanup date (1 Jan 2026).'] },
    { key: 'keel:dark-mode', flag_key: 'dark-mode', source: 'keel', name: 'dark-mode', owner: '', purpose: '', type: '', lifetime: 'temporary', release: '',
      release_title: '', created: '2026-02-01T00:00:00Z', cleanup_due: null, state: 'percentage', percentage: 2500, state_since: '2026-02-01T00:00:00Z',
      environment: '', archived: false, imported: false, deleted_at: null, stale: [] },
  ],
};

export const CHANGELOG: Changelog = {
  entries: [
    { release: 'rel_2', date: '2026-02-20T10:00:00Z', title: 'Dark mode', sentence: 'Keel follows your system.', clusters: [], rolled_back: null },
    { release: 'rel_9', date: '2026-02-10T14:00:00Z', title: 'Usage-based invoices', sentence: 'Invoices show usage.', clusters: [{ id: 'cl_7', title: '', people: [] }], rolled_back: '2026-02-13T12:00:00Z' },
  ],
  people: [],
  markdown: '# Changelog\n\n## February 2026\n',
  note: 'The people to tell come from the feedback clusters …',
};

export interface ReleasesFake extends Fake {
  Releases: Record<string, Mock<AnyFn>>;
}

export function installReleasesFake(over: Record<string, AnyFn> = {}): ReleasesFake {
  const fake = installFake();
  const Releases: Record<string, Mock<AnyFn>> = {
    Overview: vi.fn(async () => structuredClone(OVERVIEW)),
    Options: vi.fn(async () => ({ kinds: ['feature', 'fix', 'hotfix', 'migration'], rollouts: ['internal', 'beta', 'percentage', 'plan', 'everyone'],
      areas: ['billing', 'permissions', 'user_data'], windows: ['24h', '72h', '7d', '14d'], statuses: ['planned', 'rolling_out', 'watching', 'decided', 'reviewed'], plans: ['Growth', 'Scale'] })),
    Get: vi.fn(async () => release()),
    ClusterChoices: vi.fn(async () => [
      { id: 'c-1a', title: 'Usage on invoices', people: 3 },
      { id: 'c-2b', title: 'Dark mode', people: 5 },
    ]),
    Create: vi.fn(async (title: string) => release({ id: 'rel_new', title })),
    Save: vi.fn(async (r: ReleaseView) => ({ ...release(), ...r })),
    SetStatus: vi.fn(async (_id: string, status: string) => release({ status: status as ReleaseView['status'] })),
    SetShipped: vi.fn(async (_id: string, at: string) => release({ status: 'rolling_out', shipped_at: at })),
    Tick: vi.fn(async () => release({ checklist: steps(['decision', 'slice']), next: 'rollout' })),
    Watch: vi.fn(async () => structuredClone(WATCH)),
    Decide: vi.fn(async () => release()),
    RemoveCall: vi.fn(async () => release()),
    Delete: vi.fn(async () => undefined),
    Restore: vi.fn(async () => undefined),
    Propose: vi.fn(async () => ({ file: 'pasted', origin: 'changelog', proposals: [] })),
    PickChangelog: vi.fn(async () => null),
    Accept: vi.fn(async () => 0),
    Changelog: vi.fn(async () => structuredClone(CHANGELOG)),
    ExportChangelog: vi.fn(async () => ''),
    Flags: vi.fn(async () => structuredClone(REGISTRY)),
    NewFlag: vi.fn(async () => REGISTRY.flags[1]),
    EditFlag: vi.fn(async () => REGISTRY.flags[0]),
    DeleteFlag: vi.fn(async () => undefined),
    RestoreFlag: vi.fn(async () => undefined),
    SetStaleDays: vi.fn(async (days: number) => ({ ...structuredClone(REGISTRY), stale_days: days })),
  };
  for (const [k, fn] of Object.entries(over)) Releases[k] = vi.fn(fn);
  Object.assign(window.go!.app!, { Releases });
  return { ...fake, Releases };
}
