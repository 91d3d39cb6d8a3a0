// Package zendesk reads Zendesk Support ticket CSV exports (the full export
// and any column subset of it) into canonical tickets, through the helpdesk
// engine: the mapping below is the whole importer.
//
//	Ticket field          Zendesk columns
//	ID (required)         Id, Ticket id
//	Created (required)    Created at, Created
//	Solved                Solved at, Solved ("1900-01-01 00:00:00" means not solved)
//	First reply / biz     First reply time in minutes [within business hours]
//	Resolution / biz      Full resolution time in minutes [within business hours];
//	                      without them, Resolution time (hours), kept in Attrs too
//	Status                Status, lower case ("On-hold" is hold)
//	Priority, Type        Priority (lower case), Ticket type
//	Channel               Via, Channel, as exported ("Web form")
//	Requester             Requester id, Requester email
//	Organization, Group   Organization, Group
//	Assignee, Subject     Assignee, Subject
//	Tags                  Tags, space-separated as Zendesk writes them
//	Satisfaction          Satisfaction Score: Good, Bad, Offered, Not Offered, or
//	                      Zendesk's newer 1–5 CSAT (4–5 good, 1–3 bad, kept in Attrs)
//
// Every other column is kept in Attrs, custom fields under their name
// without the type suffix ("Plan [list]" is "Plan"). Dates are in the
// account's time zone (importers.Options.Location).
package zendesk

import (
	"strings"
	"time"

	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/helpdesk"
)

func init() { importers.Register(Tickets{}) }

// Tickets is the Zendesk "tickets" importer.
type Tickets struct{}

func (Tickets) Source() string { return "zendesk" }
func (Tickets) Kind() string   { return "tickets" }
func (Tickets) Label() string  { return "Zendesk tickets" }

var colCreated = []string{"Created at", "Created"}

var mapping = &helpdesk.Mapping{
	Source:         "zendesk",
	Label:          "Zendesk tickets",
	ID:             []string{"Id", "Ticket id"},
	Created:        colCreated,
	Solved:         []string{"Solved at", "Solved"},
	FirstReply:     []string{"First reply time in minutes"},
	FirstReplyBiz:  []string{"First reply time in minutes within business hours"},
	Resolution:     []string{"Full resolution time in minutes"},
	ResolutionBiz:  []string{"Full resolution time in minutes within business hours"},
	DurationUnit:   time.Minute,
	ResolutionElse: []string{"Resolution time"},
	ElseUnit:       time.Hour,
	Status:         []string{"Status"},
	Priority:       []string{"Priority"},
	Channel:        []string{"Via", "Channel"},
	Type:           []string{"Ticket type", "Type"},
	Group:          []string{"Group", "Group name"},
	Assignee:       []string{"Assignee", "Assignee name"},
	Subject:        []string{"Subject"},
	RequesterEmail: []string{"Requester email", "Requester e-mail"},
	RequesterID:    []string{"Requester id"},
	Org:            []string{"Organization", "Organization name", "Requester organization"},
	Tags:           []string{"Tags"},
	Satisfaction:   []string{"Satisfaction Score", "Satisfaction rating", "Satisfaction"},
	StatusOf:       status,
	SatisfactionOf: satisfaction,
	TagsOf:         tags,
	AttrKey:        attrKey,
}

// Detect claims a header with Id and Created at plus a requester column and
// a Zendesk-only column (0.95); with Id and Created at and only one of
// those, or another Zendesk metric column, it is a weaker claim (0.6).
func (Tickets) Detect(h *csvfile.Header) float64 {
	// Only the exact "Id": "Ticket ID" is Freshdesk's.
	if h == nil || h.Index("Id") < 0 || h.Index(colCreated...) < 0 {
		return 0
	}
	requester := h.Index("Requester", "Requester id") >= 0
	zendeskish := h.Index("Solved at", "Satisfaction Score", "Via") >= 0
	switch {
	case requester && zendeskish:
		return 0.95
	case requester || zendeskish || h.Index(
		"Ticket type",
		"First reply time in minutes",
		"First reply time in minutes within business hours",
		"Full resolution time in minutes",
		"Requester wait time in minutes",
	) >= 0:
		return 0.6
	}
	return 0
}

// Bind needs Id and Created at; every other column is optional.
func (Tickets) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	return mapping.Bind(h, opt)
}

// status lowercases Zendesk's status ("On-hold" is hold).
func status(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "on-hold", "on hold", "onhold":
		return "hold"
	}
	return s
}

// satisfaction maps Satisfaction Score to good, bad, offered or "" (not
// offered). Numeric scores are the 1–5 scale of Zendesk's newer CSAT
// surveys: 4–5 are good and 1–3 bad, as Zendesk counts them, and not
// exact (the score is kept in Attrs), like a value it does not know.
func satisfaction(s string) (v string, exact bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	switch l {
	case "", "not offered", "unoffered", "-":
		return "", true
	case "offered":
		return "offered", true
	case "good", "good with comment", "good, i'm satisfied":
		return "good", true
	case "bad", "bad with comment", "bad, i'm unsatisfied":
		return "bad", true
	}
	v, _ = helpdesk.FivePoint(l)
	return v, false
}

// tags splits Zendesk's space-separated tags; nil when there are none.
func tags(s string) []string {
	if f := strings.Fields(s); len(f) > 0 {
		return f
	}
	return nil
}

// attrKey is the Attrs key of an unknown column: its name, without the
// type suffix of a Zendesk custom field ("Plan [list]" -> "Plan").
func attrKey(name string) string {
	name = strings.TrimSpace(name)
	if strings.HasSuffix(name, "]") {
		if open := strings.LastIndex(name, " ["); open > 0 {
			suffix := name[open+2 : len(name)-1]
			if suffix != "" && !strings.ContainsAny(suffix, " []") {
				return strings.TrimSpace(name[:open])
			}
		}
	}
	return name
}
