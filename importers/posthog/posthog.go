// Package posthog reads PostHog events CSV exports, in the current layout
// (`event,*.uuid,*.event,*.properties.<key>,*.timestamp,*.distinct_id,…`,
// or only the `*.` columns) and the legacy one
// (`id,distinct_id,properties.<key>,event,timestamp,person,elements_chain`).
package posthog

import "keel/importers"

func init() { importers.Register(Events{}) }

// Events is the PostHog "events" importer.
type Events struct{}

func (Events) Source() string { return "posthog" }
func (Events) Kind() string   { return "events" }
func (Events) Label() string  { return "PostHog events" }
