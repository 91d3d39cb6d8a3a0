// Package front reads Front's analytics messages export (one row per
// message) into canonical tickets, one per conversation.
//
// # Columns
//
// Read by name, case-insensitive (FORMATS.md, DOC/GUESS; Front's API lists
// the export's column names):
//
//	Conversation ID (required)  the ticket id; also Conversation API ID
//	Message date (required)     also Date, Sent at
//	Direction                   Inbound / Outbound (also in, out)
//	Status                      the conversation's status: archived→closed,
//	                            resolved→solved, snoozed/waiting→pending,
//	                            open/assigned/unassigned→open; others kept lowercase
//	Inbox                       the ticket's group
//	Assignee                    also Attributed to
//	Contact handle              the requester: an e-mail, else its id (phone, handle)
//	Contact name, Account names kept in Attrs; Account names is the organization
//	Tags                        comma-separated
//	Subject
//	Response time               seconds (or "HH:MM:SS", or the unit in the header)
//	First response              true on the message that is the first reply, when present
//	Autoreply                   true on automatic replies, which are not replies
//
// # One ticket per conversation
//
// The pipeline hands an importer one row at a time, so each row updates the
// importer's picture of its conversation and returns the conversation's
// ticket as known so far, keyed by conversation id: within one import the
// workspace overwrites the ticket row (a later row of the same conversation
// counts as "updated", or "duplicate" when it changed nothing), and the
// ticket ends up as of the conversation's last row. The rows may come in
// any order:
//
//   - Created is the earliest message date of the conversation, Solved its
//     latest message date when its status is closed or solved (the export
//     has no archive time; this is the best it says);
//   - the requester is the contact of the earliest inbound message (of
//     the first message until an inbound one is seen);
//   - the first reply is the message flagged "First response", else the
//     earliest outbound, non-automatic message after the first inbound one;
//     FirstReplyMinutes is its Response time when the export has it (Front
//     computes it in business hours when the inbox has them), else the time
//     from the first inbound message to that reply;
//   - Status, Inbox, Assignee, Tags and the attributes come from the latest
//     message that has them; Subject from the earliest one.
//
// Re-importing the same export changes nothing in the end, but reports the
// conversations' rows as updated: the first row of a conversation gives a
// ticket that differs from the finished one stored by the first import.
package front

import (
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	cols "keel/importers/internal/columns"
	"keel/importers/internal/helpdesk"
)

func init() { importers.Register(Messages{}) }

// Messages is the Front "messages" importer.
type Messages struct{}

func (Messages) Source() string { return "front" }
func (Messages) Kind() string   { return "messages" }
func (Messages) Label() string  { return "Front messages" }

var (
	colConv       = []string{"Conversation ID", "Conversation Id", "Conversation API ID"}
	colMessage    = []string{"Message ID", "Message Id", "Message API ID"}
	colDate       = []string{"Message date", "Date", "Sent at"}
	colDirection  = []string{"Direction"}
	colStatus     = []string{"Status"}
	colInbox      = []string{"Inbox"}
	colAssignee   = []string{"Assignee", "Attributed to"}
	colHandle     = []string{"Contact handle", "Contact"}
	colName       = []string{"Contact name"}
	colAccounts   = []string{"Account names", "Account name", "Accounts"}
	colTags       = []string{"Tags"}
	colSubject    = []string{"Subject"}
	colResponse   = []string{"Response time"}
	colFirst      = []string{"First response"}
	colAutoreply  = []string{"Autoreply", "Auto reply"}
	colTicketName = []string{"Ticket status name"}
)

// Detect claims a header with message and conversation ids, the message
// date and Direction or Inbox: 0.9.
func (Messages) Detect(h *csvfile.Header) float64 {
	if h == nil || h.Index(colMessage...) < 0 || h.Index(colConv...) < 0 || h.Index(colDate...) < 0 {
		return 0
	}
	if h.Index("Direction", "Inbox") >= 0 {
		return 0.9
	}
	return 0
}

type columns struct {
	names                                                  []string
	conv, date, direction, status, inbox, assignee, handle int
	name, accounts, tags, subject, response, first, auto   int
	ticketName                                             int
	unit                                                   time.Duration
}

func (c *columns) label(i int) string {
	if i >= 0 && i < len(c.names) {
		return strings.TrimSpace(c.names[i])
	}
	return ""
}

// conversation is what the rows so far say about one conversation.
type conversation struct {
	created, latest  time.Time
	firstInbound     time.Time // zero until an inbound message is seen
	contact          string
	reply            time.Time // the first reply's date; zero until seen
	replyFlagged     bool      // reply is the row flagged "First response"
	replyMinutes     *int64    // the first reply's Response time
	subject          string
	subjectAt        time.Time
	status, inbox    string
	assignee, tags   string
	accounts, name   string
	ticketStatus     string
	latestWithStatus time.Time
}

// Bind needs the conversation id and message date columns.
func (Messages) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	c := &columns{
		names: h.Names, conv: h.Index(colConv...), date: h.Index(colDate...), direction: h.Index(colDirection...),
		status: h.Index(colStatus...), inbox: h.Index(colInbox...), assignee: h.Index(colAssignee...),
		handle: h.Index(colHandle...), name: h.Index(colName...), accounts: h.Index(colAccounts...),
		tags: h.Index(colTags...), subject: h.Index(colSubject...), response: h.Index(colResponse...),
		first: h.Index(colFirst...), auto: h.Index(colAutoreply...), ticketName: h.Index(colTicketName...),
	}
	if c.conv < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a Front messages export needs it to group messages into conversations.", colConv[0])
	}
	if c.date < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a Front messages export needs the message dates.", colDate[0])
	}
	if c.response >= 0 {
		c.unit = helpdesk.UnitOf(h.Names[c.response], time.Second)
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	convs := map[string]*conversation{}
	return func(row csvfile.Row) (backend.Record, error) {
		if row.Problem != "" {
			return nil, backend.Errorf(backend.Invalid, "%s", row.Problem)
		}
		id := row.Get(c.conv)
		if id == "" {
			return nil, backend.Errorf(backend.Invalid, "%s is empty: a message needs its conversation", c.label(c.conv))
		}
		at, ok, err := helpdesk.Time(row, c.date, c.label(c.date), loc)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, backend.Errorf(backend.Invalid, "%s is empty: a message needs its date", c.label(c.date))
		}
		var resp *int64
		if c.response >= 0 {
			if resp, err = helpdesk.Minutes(row.Get(c.response), c.unit); err != nil {
				return nil, backend.Errorf(backend.Invalid, "%s %s", c.label(c.response), err.Error())
			}
		}
		cv := convs[id]
		if cv == nil {
			cv = &conversation{created: at, latest: at}
			convs[id] = cv
		}
		c.update(cv, row, at, resp)
		return cv.ticket(id), nil
	}, nil
}

func truth(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "y", "1", "x":
		return true
	}
	return false
}

func (c *columns) update(cv *conversation, row csvfile.Row, at time.Time, resp *int64) {
	if at.Before(cv.created) {
		cv.created = at
	}
	latest := !at.Before(cv.latest)
	if latest {
		cv.latest = at
	}
	dir := strings.ToLower(row.Get(c.direction))
	inbound := strings.HasPrefix(dir, "in")
	outbound := strings.HasPrefix(dir, "out")
	if inbound && (cv.firstInbound.IsZero() || at.Before(cv.firstInbound)) {
		cv.firstInbound = at
		cv.contact = row.Get(c.handle)
		// An earlier inbound message makes a reply before it no reply.
		if !cv.replyFlagged && !cv.reply.IsZero() && cv.reply.Before(at) {
			cv.reply, cv.replyMinutes = time.Time{}, nil
		}
	}
	if cv.contact == "" {
		cv.contact = row.Get(c.handle) // until an inbound message says who wrote in
	}
	if outbound && !truth(row.Get(c.auto)) {
		flagged := c.first >= 0 && truth(row.Get(c.first))
		switch {
		case flagged && (!cv.replyFlagged || at.Before(cv.reply)):
			cv.reply, cv.replyMinutes, cv.replyFlagged = at, resp, true
		case !flagged && !cv.replyFlagged && c.first < 0 && !cv.firstInbound.IsZero() && !at.Before(cv.firstInbound) &&
			(cv.reply.IsZero() || at.Before(cv.reply)):
			cv.reply, cv.replyMinutes = at, resp
		}
	}
	if s := row.Get(c.subject); s != "" && (cv.subject == "" || at.Before(cv.subjectAt)) {
		cv.subject, cv.subjectAt = s, at
	}
	set := func(dst *string, i int) {
		if v := row.Get(i); v != "" && (latest || *dst == "") {
			*dst = v
		}
	}
	set(&cv.status, c.status)
	set(&cv.inbox, c.inbox)
	set(&cv.assignee, c.assignee)
	set(&cv.tags, c.tags)
	set(&cv.accounts, c.accounts)
	set(&cv.name, c.name)
	set(&cv.ticketStatus, c.ticketName)
}

// status maps Front's conversation status to Keel's ticket status.
func status(s string) string {
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case "archived", "closed":
		return "closed"
	case "resolved":
		return "solved"
	case "snoozed", "waiting":
		return "pending"
	case "open", "assigned", "unassigned", "unarchived":
		return "open"
	}
	return s
}

func (cv *conversation) ticket(id string) *backend.Ticket {
	t := &backend.Ticket{
		Source:       "front",
		ID:           id,
		Created:      cv.created.UTC(),
		Subject:      cv.subject,
		Status:       status(cv.status),
		Group:        cv.inbox,
		Assignee:     cv.assignee,
		Organization: cv.accounts,
		Tags:         helpdesk.Tags(cv.tags),
	}
	if cols.IsEmail(cv.contact) {
		t.RequesterEmail = strings.ToLower(cv.contact)
	} else {
		t.RequesterID = cv.contact
	}
	if t.Status == "closed" || t.Status == "solved" {
		solved := cv.latest.UTC()
		t.Solved = &solved
	}
	switch {
	case cv.reply.IsZero():
	case cv.replyMinutes != nil:
		m := *cv.replyMinutes
		t.FirstReplyMinutes = &m
	case !cv.firstInbound.IsZero() && !cv.reply.Before(cv.firstInbound):
		t.FirstReplyMinutes = helpdesk.Between(cv.firstInbound, cv.reply)
	}
	attrs := backend.Attrs{}
	if cv.name != "" {
		attrs["Contact name"] = cv.name
	}
	if cv.ticketStatus != "" {
		attrs["Ticket status name"] = cv.ticketStatus
	}
	if len(attrs) > 0 {
		t.Attrs = attrs
	}
	return t
}
