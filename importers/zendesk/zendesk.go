// Package zendesk reads Zendesk Support ticket CSV exports (the full export
// and any column subset of it) into canonical tickets.
package zendesk

import "keel/importers"

func init() { importers.Register(Tickets{}) }

// Tickets is the Zendesk "tickets" importer.
type Tickets struct{}

func (Tickets) Source() string { return "zendesk" }
func (Tickets) Kind() string   { return "tickets" }
func (Tickets) Label() string  { return "Zendesk tickets" }
