// Package helpscout reads Help Scout conversation CSV exports (a mailbox
// or report "Export" of conversations, one conversation per row) into
// canonical tickets.
//
// Help Scout's CSV layout is documented only loosely (FORMATS.md: DOC/GUESS),
// so the importer reads columns by name through this mapping, first alias
// present wins (case-insensitive); anything else is kept in the ticket's
// Attrs. Variants it does not know go through the generic column mapper.
//
//	Ticket field       Help Scout columns
//	ID                 Conversation ID, Conversation Id, ID, Id, id, Conversation Number, Number, #
//	Created (required) Created At, Created, Date Created, Conversation Created At, createdAt, Created at (UTC)
//	Solved             Closed At, Closed, Date Closed, Resolved At, closedAt
//	FirstReplyMinutes  First Response Time, Response Time (first reply) — durations like
//	                   "01:23:45", "1h 23m" or numbers with a unit in the header
//	                   ("… (minutes)"); else First Response At − Created At
//	ResolutionMinutes  Resolution Time, Time to Resolve (same duration rules)
//	Status             Status, State: active→open, pending, closed, spam (kept)
//	RequesterEmail     Customer Email, Customer email address, Email, primaryCustomer.email,
//	                   else a Customer column holding an e-mail
//	RequesterID        Customer ID, Customer Id, primaryCustomer.id
//	Organization       Company, Customer Company, Organization
//	Subject            Subject
//	Group              Mailbox, Mailbox Name, Inbox
//	Assignee           Assigned To, Assignee, Assigned User, Owner
//	Tags               Tags (comma-separated)
//	Channel            Type, Source, Channel (email, chat, phone)
//	Satisfaction       Happiness Rating, Rating, Satisfaction Rating:
//	                   Great→good, Not Good→bad, Okay→neutral (rated, neither)
//
// Naive times are in the time zone chosen at import (Options.Location).
// A plain-number duration whose header names no unit is not guessed: it is
// kept in Attrs and the first reply comes from First Response At.
package helpscout

import (
	"strings"

	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/helpdesk"
)

func init() { importers.Register(Conversations{}) }

// Conversations is the Help Scout "conversations" importer.
type Conversations struct{}

func (Conversations) Source() string { return "helpscout" }
func (Conversations) Kind() string   { return "conversations" }
func (Conversations) Label() string  { return "Help Scout conversations" }

var mapping = &helpdesk.Mapping{
	Source:         "helpscout",
	Label:          "Help Scout conversations",
	ID:             []string{"Conversation ID", "Conversation Id", "ID", "Id", "Conversation Number", "Number", "#"},
	Created:        []string{"Created At", "Created", "Date Created", "Conversation Created At", "createdAt", "Created at (UTC)"},
	Solved:         []string{"Closed At", "Closed", "Date Closed", "Resolved At", "closedAt"},
	FirstReplyAt:   []string{"First Response At", "First Reply At", "First Responded At"},
	FirstReply:     []string{"First Response Time", "Response Time", "First Reply Time"},
	Resolution:     []string{"Resolution Time", "Time to Resolve"},
	Status:         []string{"Status", "State"},
	Channel:        []string{"Type", "Source", "Channel"},
	Group:          []string{"Mailbox", "Mailbox Name", "Inbox"},
	Assignee:       []string{"Assigned To", "Assignee", "Assigned User", "Owner"},
	Subject:        []string{"Subject"},
	RequesterEmail: []string{"Customer Email", "Customer email address", "Email", "primaryCustomer.email"},
	EmailFallback:  []string{"Customer"},
	RequesterID:    []string{"Customer ID", "Customer Id", "primaryCustomer.id"},
	Org:            []string{"Company", "Customer Company", "Organization"},
	Tags:           []string{"Tags"},
	Satisfaction:   []string{"Happiness Rating", "Rating", "Satisfaction Rating"},
	StatusOf:       status,
	SatisfactionOf: satisfaction,
	ChannelOf:      strings.ToLower,
}

// distinctive are columns only Help Scout writes.
var distinctive = []string{"Mailbox", "Mailbox Name", "Conversation Number", "Customer Waiting Since", "Waiting Since", "Happiness Rating"}

// Detect claims a header with a conversation id, a creation date and a
// Help Scout-only column (mailbox, conversation number, waiting since,
// happiness rating): 0.9. Anything less is left to the generic mapper.
func (Conversations) Detect(h *csvfile.Header) float64 {
	if h == nil || h.Index(mapping.ID...) < 0 || h.Index(mapping.Created...) < 0 {
		return 0
	}
	if h.Index(distinctive...) >= 0 {
		return 0.9
	}
	return 0
}

// Bind needs the id and creation columns.
func (Conversations) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	return mapping.Bind(h, opt)
}

func status(s string) string {
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case "active":
		return "open"
	}
	return s
}

func satisfaction(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return "", true
	case "great", "good":
		return "good", true
	case "not good", "bad":
		return "bad", true
	case "okay", "ok":
		return "neutral", true
	}
	return "", false
}
