package lemonsqueezy

// Every other importer is registered in this package's tests, so that
// detection is checked against all of them (Stripe's first).
import (
	_ "keel/importers/buymeacoffee"
	_ "keel/importers/chargebee"
	_ "keel/importers/freshdesk"
	_ "keel/importers/gumroad"
	_ "keel/importers/paddle"
	_ "keel/importers/posthog"
	_ "keel/importers/stripe"
	_ "keel/importers/zendesk"
)
