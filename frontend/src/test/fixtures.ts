// Data shaped like the Go API's answers, for the unit tests.
import type { HistoryItem, Preview, Report, Summary, WorkspaceInfo } from '../lib/api';

const DAY = 86_400_000;
export const ago = (days: number): string => new Date(Date.now() - days * DAY).toISOString();

export const WS: WorkspaceInfo = {
  path: '/home/ana/Acme.keel',
  name: 'Acme Analytics',
  base_currency: 'USD',
  time_zone: 'Europe/Paris',
};

export const SUMMARY: Summary = {
  name: 'Acme Analytics',
  base_currency: 'USD',
  time_zone: 'Europe/Paris',
  imports: 3,
  last_import_at: ago(3),
  sources: [
    {
      source: 'stripe',
      kind: 'payments',
      label: 'Stripe payments',
      rows: 48213,
      from: '2024-03-01',
      to: '2026-02-27T23:10:00Z',
      last_import_at: ago(3),
      stale: false,
    },
    {
      source: 'zendesk',
      kind: 'tickets',
      label: 'Zendesk tickets',
      rows: 9120,
      from: '2024-01-02',
      to: '2025-12-19',
      last_import_at: ago(60),
      stale: true,
    },
  ],
  next: [
    { label: 'Stripe subscriptions', why: 'MRR needs subscriptions or invoices', source: 'stripe', kind: 'subscriptions' },
  ],
};

export const EMPTY_SUMMARY: Summary = {
  ...SUMMARY,
  imports: 0,
  last_import_at: null,
  sources: [],
  next: [{ label: 'Stripe payments', why: 'Revenue starts from payments', source: 'stripe', kind: 'payments' }],
};

export const PREVIEWS: Preview[] = [
  {
    path: '/in/payments.csv',
    name: 'payments.csv',
    size: 1000,
    sha256: 'aa11',
    encoding: 'UTF-8',
    separator: ',',
    header: ['id', 'Created date (UTC)', 'Amount', 'Currency'],
    rows: [
      ['ch_1', '2026-02-01 10:00', '49.00', 'usd'],
      ['ch_2', '2026-02-02 11:00', '79.00', 'usd'],
    ],
    source: 'stripe',
    kind: 'payments',
    label: 'Stripe payments',
    confidence: 0.97,
    candidates: [{ source: 'stripe', kind: 'payments', label: 'Stripe payments', confidence: 0.97 }],
    error: null,
  },
  {
    path: '/in/tickets.csv',
    name: 'tickets.csv',
    size: 3000,
    sha256: 'bb22',
    encoding: 'Windows-1252',
    separator: ';',
    header: ['Id', 'Subject', 'Status'],
    rows: [['1201', 'Cannot log in', 'solved']],
    source: 'zendesk',
    kind: 'tickets',
    label: 'Zendesk tickets',
    confidence: 0.42,
    candidates: [
      { source: 'zendesk', kind: 'tickets', label: 'Zendesk tickets', confidence: 0.42 },
      { source: 'posthog', kind: 'events', label: 'PostHog events', confidence: 0.1 },
    ],
    error: null,
  },
  {
    path: '/in/notes.txt',
    name: 'notes.txt',
    size: 12,
    sha256: 'cc33',
    encoding: '',
    separator: '',
    header: [],
    rows: [],
    source: '',
    kind: '',
    label: '',
    confidence: 0,
    candidates: [],
    error: { code: 'invalid', message: 'This is not a CSV file: Keel found no header row.' },
  },
];

export const KINDS = [
  { source: 'stripe', kind: 'payments', label: 'Stripe payments' },
  { source: 'stripe', kind: 'subscriptions', label: 'Stripe subscriptions' },
  { source: 'zendesk', kind: 'tickets', label: 'Zendesk tickets' },
  { source: 'posthog', kind: 'events', label: 'PostHog events' },
];

export const REPORTS: Report[] = [
  {
    import_id: 11,
    file: 'payments.csv',
    path: '/in/payments.csv',
    source: 'stripe',
    kind: 'payments',
    label: 'Stripe payments',
    size: 1000,
    sha256: 'aa11',
    read: 1250,
    imported: 1200,
    updated: 30,
    older: 5,
    duplicates: 17,
    rejected: 3,
    skipped: 1,
    rejected_rows: [
      { line: 412, reason: 'Amount "12,00 EUR" is not a number' },
      { line: 977, reason: 'Created date "2025-02-30" is not a date' },
      { line: 1003, reason: 'Currency is empty' },
    ],
    notes: ['The file has no Status column: payments with an id are taken as succeeded.'],
    error: null,
    duration_ms: 4200,
  },
  {
    import_id: 0,
    file: 'tickets.csv',
    path: '/in/tickets.csv',
    source: 'zendesk',
    kind: 'tickets',
    label: 'Zendesk tickets',
    size: 3000,
    sha256: 'bb22',
    read: 0,
    imported: 0,
    updated: 0,
    older: 0,
    duplicates: 0,
    rejected: 0,
    skipped: 0,
    rejected_rows: [],
    notes: [],
    error: { code: 'invalid', message: 'The column "Requester" is missing.' },
    duration_ms: 3,
  },
];

export const HISTORY: HistoryItem[] = [
  {
    id: 7,
    file: 'unified_payments (3).csv',
    path: '/in/unified_payments (3).csv',
    size: 18342211,
    sha256: 'a3f1c9e0b4d2a7c6e5f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e',
    source: 'stripe',
    kind: 'payments',
    label: 'Stripe payments',
    at: ago(3),
    read: 48230,
    imported: 1204,
    updated: 37,
    duplicates: 46982,
    rejected: 7,
    undone_at: null,
  },
  {
    id: 4,
    file: 'tickets-old.csv',
    path: '/in/tickets-old.csv',
    size: 4211,
    sha256: '1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef',
    source: 'zendesk',
    kind: 'tickets',
    label: 'Zendesk tickets',
    at: ago(61),
    read: 300,
    imported: 300,
    updated: 0,
    duplicates: 0,
    rejected: 0,
    undone_at: ago(60),
  },
];
