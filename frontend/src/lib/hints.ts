// Where each export lives in the source tool, so the page can say exactly
// what to do. Keyed by "source/kind" as the importers name them.

const HINTS: Record<string, string> = {
  'stripe/payments': 'Stripe Dashboard → Payments → Export',
  'stripe/subscriptions': 'Stripe Dashboard → Billing → Subscriptions → Export',
  'stripe/invoices': 'Stripe Dashboard → Billing → Invoices → Export',
  'stripe/customers': 'Stripe Dashboard → Customers → Export',
  'zendesk/tickets': 'Zendesk → Views → pick a view of all tickets → Export as CSV',
  'posthog/events': 'PostHog → Activity → Explore → Export to CSV',
};

/** Where to find the export of source/kind, or "" when Keel has no hint. */
export function exportHint(source: string, kind: string): string {
  return HINTS[`${source}/${kind}`] ?? '';
}

/** The first thing to do in an empty workspace. */
export const FIRST_IMPORT = 'Import your Stripe payments export: Dashboard → Payments → Export';
