// Package freshdesk reads Freshdesk ticket CSV exports (any column
// selection) into canonical tickets.
package freshdesk

import "keel/importers"

func init() { importers.Register(Tickets{}) }

// Tickets is the Freshdesk "tickets" importer.
type Tickets struct{}

func (Tickets) Source() string { return "freshdesk" }
func (Tickets) Kind() string   { return "tickets" }
func (Tickets) Label() string  { return "Freshdesk tickets" }
