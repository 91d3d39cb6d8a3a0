// Package intercom reads Intercom conversations into canonical tickets:
// the JSON its REST API returns, saved as an array of conversation objects
// (json.go), and the CSV exports: the Reports "Export conversations" CSV
// (one conversation per row, columns like "Conversation ID, Conversation
// started at, …") and the snake_case layout of API-based exports (conversation_id,
// conversation_created_at, …; a message-level file repeats the
// conversation on each row and imports as one ticket per conversation; its
// message_* columns are not kept).
//
// Intercom's CSV layout is documented only loosely (FORMATS.md: DOC/GUESS),
// so the importer reads columns by name through this mapping, first alias
// present wins (case-insensitive); anything else is kept in Attrs.
//
//	Ticket field       Intercom columns
//	ID                 Conversation ID, Conversation Id, conversation_id
//	Created (required) Conversation started at, Conversation created at, Created at, Started at,
//	                   conversation_created_at, created_at
//	Solved             Conversation last closed at, Last closed at, Closed at, conversation_closed_at,
//	                   last_close_at, Conversation first closed at
//	FirstReplyMinutes  First response time, Time to first response, Time to first reply,
//	                   time_to_admin_reply (seconds, as Intercom exports durations, or
//	                   "HH:MM:SS"); else Conversation first replied at / First response at /
//	                   conversation_first_response_at / first_admin_reply_at − Created
//	ResolutionMinutes  Time to close, Time to last close, time_to_last_close (seconds)
//	Status             Conversation state, State, Status, conversation_state:
//	                   open, closed, snoozed→pending
//	RequesterEmail     User email, Customer email, Contact email, Email, user_email
//	RequesterID        User ID, Contact ID, External ID, user_id, contact_id
//	Organization       Company name, Company, Companies, message_author_companies
//	Subject            Conversation title, Subject, Title, conversation_title
//	Group              Team assigned, Team, Inbox, team_assignee
//	Assignee           Teammate assigned, Assignee, Assigned to, Teammate, admin_assignee
//	Tags               Conversation tags, Tags, conversation_tags (comma-separated)
//	Channel            Channel, Source type, Conversation channel, source_type
//	Satisfaction       Conversation rating, Rating, CSAT rating, conversation_rating:
//	                   4–5 (Great, Amazing) good, 1–3 (OK, Bad, Terrible) bad, as
//	                   Intercom's own CSAT counts them
//
// Naive times are read in the time zone chosen at import (Intercom's CSVs
// are in UTC: leave the workspace default when it is UTC); unix seconds
// are absolute.
package intercom

import (
	"strings"
	"time"

	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/helpdesk"
)

func init() { importers.Register(Conversations{}) }

// Conversations is the Intercom "conversations" importer.
type Conversations struct{}

func (Conversations) Source() string { return "intercom" }
func (Conversations) Kind() string   { return "conversations" }
func (Conversations) Label() string  { return "Intercom conversations" }

var mapping = &helpdesk.Mapping{
	Source: "intercom",
	Label:  "Intercom conversations",
	ID:     []string{"Conversation ID", "Conversation Id", "conversation_id"},
	Created: []string{"Conversation started at", "Conversation created at", "Created at", "Started at",
		"conversation_created_at", "created_at"},
	Solved: []string{"Conversation last closed at", "Last closed at", "Closed at", "conversation_closed_at",
		"last_close_at", "Conversation first closed at"},
	FirstReplyAt: []string{"Conversation first replied at", "First response at", "First replied at",
		"conversation_first_response_at", "first_admin_reply_at"},
	FirstReply:     []string{"First response time", "Time to first response", "Time to first reply", "time_to_admin_reply"},
	Resolution:     []string{"Time to close", "Time to last close", "time_to_last_close"},
	DurationUnit:   time.Second,
	Status:         []string{"Conversation state", "State", "Status", "conversation_state"},
	RequesterEmail: []string{"User email", "Customer email", "Contact email", "Email", "user_email"},
	RequesterID:    []string{"User ID", "Contact ID", "External ID", "user_id", "contact_id"},
	Org:            []string{"Company name", "Company", "Companies", "message_author_companies"},
	Subject:        []string{"Conversation title", "Subject", "Title", "conversation_title"},
	Group:          []string{"Team assigned", "Team", "Inbox", "team_assignee"},
	Assignee:       []string{"Teammate assigned", "Assignee", "Assigned to", "Teammate", "admin_assignee"},
	Tags:           []string{"Conversation tags", "Tags", "conversation_tags"},
	Channel:        []string{"Channel", "Source type", "Conversation channel", "source_type"},
	Satisfaction:   []string{"Conversation rating", "Rating", "CSAT rating", "conversation_rating"},
	IgnorePrefixes: []string{"message_"},
	StatusOf:       status,
	SatisfactionOf: satisfaction,
	ChannelOf:      strings.ToLower,
}

// distinctive are columns only Intercom writes.
var distinctive = []string{
	"Conversation started at", "Conversation first replied at", "Conversation last closed at",
	"Conversation state", "Conversation rating", "Teammate assigned", "Team assigned", "Conversation tags",
	"conversation_state", "conversation_created_at", "conversation_first_response_at", "conversation_closed_at",
	"conversation_tags", "conversation_rating", "app_id",
}

// Detect claims a header with a conversation id, a creation date and an
// Intercom-only column: 0.9.
func (Conversations) Detect(h *csvfile.Header) float64 {
	if h == nil || h.Index(mapping.ID...) < 0 || h.Index(mapping.Created...) < 0 {
		return 0
	}
	if h.Index("Message ID") >= 0 && h.Index("Direction") >= 0 {
		return 0 // Front's messages export
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
	case "snoozed":
		return "pending"
	}
	return s
}

// satisfaction maps Intercom's 1–5 conversation rating (or its words).
func satisfaction(s string) (string, bool) {
	l := strings.ToLower(strings.TrimSpace(s))
	switch l {
	case "":
		return "", true
	case "amazing", "great":
		return "good", true
	case "ok", "okay", "bad", "terrible":
		return "bad", true
	}
	return helpdesk.FivePoint(l)
}
