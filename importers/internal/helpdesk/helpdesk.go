// Package helpdesk is the one engine of the helpdesk importers whose
// exports hold one ticket or conversation per row (Zendesk, Freshdesk,
// Help Scout, Intercom): each declares a Mapping, the header names (with
// aliases) of each ticket field and the few ways its export differs, and
// Bind turns its rows into backend.Ticket. It also holds the value
// parsers the helpdesk importers share: times, durations, e-mail
// addresses, tags (values.go).
package helpdesk

import (
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

// Mapping is the column mapping of one helpdesk export. Each field lists
// the header names it is read from, first match wins (case-insensitive).
// Columns of no field are kept in Attrs.
type Mapping struct {
	Source string // "zendesk"
	Label  string // "Zendesk tickets", for messages
	Noun   string // what one row is, for messages: "ticket" (the default) or "conversation"

	ID, Created  []string // required
	Solved       []string // closed / resolved time
	SolvedElse   []string // read on a row whose Solved is empty (Freshdesk's Closed time); kept in Attrs too
	FirstReplyAt []string // time of the first agent reply, when no duration column gives it

	// Durations, in the unit their name says ("in minutes", "(in hrs)"),
	// else DurationUnit (0: a plain number is kept in Attrs, not guessed).
	FirstReply, FirstReplyBiz, Resolution, ResolutionBiz []string
	DurationUnit                                         time.Duration
	// ResolutionElse is read, in ElseUnit, when the file has no Resolution
	// column (Zendesk's "Resolution time", in hours); kept in Attrs too.
	ResolutionElse []string
	ElseUnit       time.Duration

	Status, Priority, Channel, Type  []string
	Group, Assignee, Subject         []string
	RequesterEmail, RequesterID, Org []string
	Tags, Satisfaction               []string
	EmailFallback                    []string // columns that may hold an e-mail when no e-mail column has one (a customer column)
	IgnorePrefixes                   []string // columns not kept in Attrs (per-message columns of a message-level file)

	// StatusOf maps the export's status to Keel's (default: lower case);
	// with KeepStatus the exported one is kept in Attrs when the mapping
	// changed more than its case ("Resolved" read as solved).
	StatusOf   func(string) string
	KeepStatus bool
	// SatisfactionOf maps a rating to good, bad, offered or ""; when it is
	// not exact, the exported value is kept in Attrs.
	SatisfactionOf func(string) (v string, exact bool)
	TagsOf         func(string) []string // default Tags (comma-separated)
	ChannelOf      func(string) string   // default: as exported
	AttrKey        func(name string) string
}

// cols is a Mapping bound to one header: a column index per field, -1
// when the file lacks it.
type cols struct {
	m                                      *Mapping
	names                                  []string
	id, created, solved, solvedElse        int
	firstReplyAt                           int
	firstReply, firstReplyBiz, res, resBiz int
	resElse                                int
	status, priority, channel, typ         int
	group, assignee, subject, email, reqID int
	org, tags, sat                         int
	emailFallback                          []int
	units                                  map[int]time.Duration
	attrs                                  []columns.Attr
	enc                                    *columns.Encoder
	loc                                    *time.Location
}

// Bind resolves the columns of h; the id and creation columns are required.
func (m *Mapping) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	c := &cols{m: m, names: h.Names, units: map[int]time.Duration{}, loc: opt.Location}
	if c.loc == nil {
		c.loc = time.UTC
	}
	used := map[int]bool{}
	idx := func(aliases []string) int {
		i := h.Index(aliases...)
		if i >= 0 {
			used[i] = true
		}
		return i
	}
	c.id, c.created, c.solved, c.firstReplyAt = idx(m.ID), idx(m.Created), idx(m.Solved), idx(m.FirstReplyAt)
	c.firstReply, c.firstReplyBiz, c.res, c.resBiz = c.duration(h, m.FirstReply, used), c.duration(h, m.FirstReplyBiz, used),
		c.duration(h, m.Resolution, used), c.duration(h, m.ResolutionBiz, used)
	c.status, c.priority, c.channel, c.typ = idx(m.Status), idx(m.Priority), idx(m.Channel), idx(m.Type)
	c.group, c.assignee, c.subject = idx(m.Group), idx(m.Assignee), idx(m.Subject)
	c.email, c.reqID, c.org, c.tags, c.sat = idx(m.RequesterEmail), idx(m.RequesterID), idx(m.Org), idx(m.Tags), idx(m.Satisfaction)
	// Fallback columns are read but stay in Attrs.
	c.solvedElse, c.resElse = h.Index(m.SolvedElse...), -1
	if c.res < 0 {
		if c.resElse = h.Index(m.ResolutionElse...); c.resElse >= 0 {
			c.units[c.resElse] = m.ElseUnit
		}
	}
	for _, a := range m.EmailFallback {
		if i := h.Index(a); i >= 0 {
			c.emailFallback = append(c.emailFallback, i)
		}
	}
	noun := m.Noun
	if noun == "" {
		noun = "ticket"
	}
	if c.id < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a %s export needs the %s id.", m.ID[0], m.Label, noun)
	}
	if c.created < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a %s export needs the creation date.", m.Created[0], m.Label)
	}
	c.keepRest(h, used)
	return c.parse, nil
}

// duration finds a duration column, also by its name with the unit
// ("Resolution Time (hours)", "First response time in seconds"), and its
// unit.
func (c *cols) duration(h *csvfile.Header, aliases []string, used map[int]bool) int {
	i := h.Index(aliases...)
	for j := 0; i < 0 && j < len(h.Names); j++ {
		if k := unitSuffix.FindStringIndex(h.Names[j]); k != nil && k[0] > 0 {
			for _, a := range aliases {
				if strings.EqualFold(strings.TrimSpace(h.Names[j][:k[0]]), a) {
					i = j
					break
				}
			}
		}
	}
	if i >= 0 {
		used[i] = true
		c.units[i] = UnitOf(h.Names[i], c.m.DurationUnit)
	}
	return i
}

// keepRest lists the columns of no field, kept in Attrs under AttrKey of
// their name; a key met twice ("Plan" and "Plan [txt]") falls back to the
// column's full name, a column repeated as it is is kept once.
func (c *cols) keepRest(h *csvfile.Header, used map[int]bool) {
	seen := map[string]bool{}
	for i, name := range h.Names {
		name = strings.TrimSpace(name)
		if used[i] || name == "" || hasPrefix(name, c.m.IgnorePrefixes) {
			continue
		}
		key := name
		if c.m.AttrKey != nil {
			key = c.m.AttrKey(name)
		}
		if seen[key] {
			if key = name; seen[key] {
				continue
			}
		}
		seen[key] = true
		c.attrs = append(c.attrs, columns.Attr{Key: key, Index: i})
	}
	c.enc = columns.NewEncoder(c.attrs)
}

func hasPrefix(name string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(name) >= len(p) && strings.EqualFold(name[:len(p)], p) {
			return true
		}
	}
	return false
}

func (c *cols) name(i int) string {
	if i >= 0 && i < len(c.names) {
		return strings.TrimSpace(c.names[i])
	}
	return ""
}
