// Package all registers every importer; import it for its side effect.
package all

import (
	_ "keel/importers/freshdesk" // Freshdesk tickets
	_ "keel/importers/posthog"   // PostHog events
	_ "keel/importers/stripe"    // Stripe payments, customers, subscriptions, invoices
	_ "keel/importers/zendesk"   // Zendesk tickets
)
