// Package all registers every importer; import it for its side effect.
package all

import (
	_ "keel/importers/amplitude"    // Amplitude events (JSON lines, gzipped or zipped)
	_ "keel/importers/buymeacoffee" // Buy Me a Coffee supporters
	_ "keel/importers/chargebee"    // Chargebee customers, subscriptions, invoices, transactions (CSV files of its ZIP)
	_ "keel/importers/flags"        // LaunchDarkly, Unleash, GrowthBook and PostHog flag lists (JSON)
	_ "keel/importers/freshdesk"    // Freshdesk tickets
	_ "keel/importers/front"        // Front messages (one ticket per conversation)
	_ "keel/importers/ga4"          // Google Analytics 4 report downloads (traffic)
	_ "keel/importers/gumroad"      // Gumroad sales
	_ "keel/importers/helpscout"    // Help Scout conversations
	_ "keel/importers/intercom"     // Intercom conversations
	_ "keel/importers/lemonsqueezy" // Lemon Squeezy orders, subscriptions, subscribers
	_ "keel/importers/mixpanel"     // Mixpanel events (JSON lines and CSV)
	_ "keel/importers/paddle"       // Paddle Billing transactions, subscriptions
	_ "keel/importers/plausible"    // Plausible dashboard export (traffic)
	_ "keel/importers/posthog"      // PostHog events
	_ "keel/importers/stripe"       // Stripe payments, customers, subscriptions, invoices, balance, payouts
	_ "keel/importers/zendesk"      // Zendesk tickets
)
