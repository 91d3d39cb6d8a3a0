// Package freshdesk reads Freshdesk ticket CSV exports (any column
// selection) into canonical tickets, through the helpdesk engine: the
// mapping below is the whole importer.
//
//	Ticket field          Freshdesk columns
//	ID (required)         Ticket ID
//	Created (required)    Created time, Created at, Created date
//	Solved                Resolved time, else (on that row) Closed time, kept in Attrs
//	First reply           First response time (in hrs): decimal hours or HH:MM:SS
//	Resolution            Resolution time (in hrs)
//	Status                Resolved is solved, Waiting on Customer pending, Waiting on
//	                      Third Party hold, others lower case; the exported status is
//	                      kept in Attrs when it was read as another one
//	Priority, Type        Priority (lower case), Type
//	Channel               Source, Channel, as exported ("Portal")
//	Requester             Contact ID, Email; Company Name
//	Group, Assignee       Group, Agent
//	Subject, Tags         Subject, Tags (comma-separated)
//	Satisfaction          Survey results: happy answers good, neutral and unhappy ones
//	                      bad; the answer is kept in Attrs
//
// Every other column is kept in Attrs. Times are in the account's time
// zone (importers.Options.Location).
package freshdesk

import (
	"strings"
	"time"

	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/helpdesk"
)

func init() { importers.Register(Tickets{}) }

// Tickets is the Freshdesk "tickets" importer.
type Tickets struct{}

func (Tickets) Source() string { return "freshdesk" }
func (Tickets) Kind() string   { return "tickets" }
func (Tickets) Label() string  { return "Freshdesk tickets" }

var mapping = &helpdesk.Mapping{
	Source:         "freshdesk",
	Label:          "Freshdesk tickets",
	ID:             []string{"Ticket ID", "Ticket Id"},
	Created:        []string{"Created time", "Created at", "Created date"},
	Solved:         []string{"Resolved time", "Resolved at"},
	SolvedElse:     []string{"Closed time", "Closed at"},
	FirstReply:     []string{"First response time (in hrs)", "First response time (in hours)"},
	Resolution:     []string{"Resolution time (in hrs)", "Resolution time (in hours)"},
	DurationUnit:   time.Hour,
	Status:         []string{"Status"},
	Priority:       []string{"Priority"},
	Channel:        []string{"Source", "Channel"},
	Type:           []string{"Type", "Ticket type"},
	Group:          []string{"Group", "Group name"},
	Assignee:       []string{"Agent", "Agent name", "Assigned agent"},
	Subject:        []string{"Subject"},
	RequesterEmail: []string{"Email", "Contact email", "Requester email"},
	RequesterID:    []string{"Contact ID", "Requester ID"},
	Org:            []string{"Company Name", "Company"},
	Tags:           []string{"Tags"},
	Satisfaction:   []string{"Survey results", "Survey result", "Satisfaction rating"},
	StatusOf:       status,
	KeepStatus:     true,
	SatisfactionOf: satisfaction,
	TagsOf:         tags,
}

// Detect claims a header with Ticket ID and Created time plus a ticket
// column (0.95); Ticket ID and Created time alone are a weaker claim (0.5).
func (Tickets) Detect(h *csvfile.Header) float64 {
	if h == nil || h.Index(mapping.ID...) < 0 || h.Index(mapping.Created...) < 0 {
		return 0
	}
	if h.Index("Status", "Subject", "Priority", "Resolved time", "Closed time", "Agent", "Source",
		"Due by Time", "First response time (in hrs)", "Resolution time (in hrs)") >= 0 {
		return 0.95
	}
	return 0.5
}

// Bind needs Ticket ID and Created time; every other column is optional.
func (Tickets) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	return mapping.Bind(h, opt)
}

// status maps Freshdesk's statuses to Keel's: Resolved is solved, Waiting
// on Customer is pending (waiting on the requester) and Waiting on Third
// Party is hold, as in Zendesk. Other (custom) statuses are lowercased.
func status(s string) string {
	l := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch l {
	case "resolved":
		return "solved"
	case "waiting on customer":
		return "pending"
	case "waiting on third party":
		return "hold"
	}
	return l
}

// satisfaction maps Survey results to good or bad: Freshdesk's happy
// answers (Awesome, Happy, Very/Extremely happy) are good; neutral and
// unhappy answers (Just Okay, Neutral, Not Good, …) are bad, since only the
// positive share counts as satisfied. It is exact only for the words good
// and bad themselves: any other answer is kept in Attrs as given.
func satisfaction(s string) (v string, exact bool) {
	l := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch l {
	case "":
		return "", true
	case "awesome", "happy", "very happy", "extremely happy", "satisfied", "very satisfied", "good":
		return "good", l == "good"
	case "just okay", "neutral", "not good", "unhappy", "very unhappy", "extremely unhappy",
		"dissatisfied", "very dissatisfied", "bad":
		return "bad", l == "bad"
	}
	return "", false
}

// tags splits Freshdesk's comma-separated tags.
func tags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}
