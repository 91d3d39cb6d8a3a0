package freshdesk

import (
	"strings"

	"keel/importers/csvfile"
)

// Column names with their aliases; Header.Index matches case-insensitively.
var (
	colID         = []string{"Ticket ID", "Ticket Id"}
	colCreated    = []string{"Created time", "Created at", "Created date"}
	colSubject    = []string{"Subject"}
	colStatus     = []string{"Status"}
	colPriority   = []string{"Priority"}
	colSource     = []string{"Source", "Channel"}
	colType       = []string{"Type", "Ticket type"}
	colAgent      = []string{"Agent", "Agent name", "Assigned agent"}
	colGroup      = []string{"Group", "Group name"}
	colResolved   = []string{"Resolved time", "Resolved at"}
	colClosed     = []string{"Closed time", "Closed at"} // fallback for Resolved time; kept in Attrs
	colTags       = []string{"Tags"}
	colSurvey     = []string{"Survey results", "Survey result", "Satisfaction rating"}
	colEmail      = []string{"Email", "Contact email", "Requester email"}
	colContactID  = []string{"Contact ID", "Requester ID"}
	colCompany    = []string{"Company Name", "Company"}
	colFirstReply = []string{"First response time (in hrs)", "First response time (in hours)"}
	colResolution = []string{"Resolution time (in hrs)", "Resolution time (in hours)"}
)

type columns struct {
	id, created, subject, status, priority, source, typ, agent, group,
	resolved, closed, tags, survey, email, contactID, company,
	firstReply, resolution int
	names []string
	attrs []attrCol
}

type attrCol struct {
	index int
	key   string
}

func bindColumns(h *csvfile.Header) *columns {
	c := &columns{names: h.Names}
	used := map[int]bool{}
	idx := func(aliases []string) int {
		i := h.Index(aliases...)
		if i >= 0 {
			used[i] = true
		}
		return i
	}
	c.id = idx(colID)
	c.created = idx(colCreated)
	c.subject = idx(colSubject)
	c.status = idx(colStatus)
	c.priority = idx(colPriority)
	c.source = idx(colSource)
	c.typ = idx(colType)
	c.agent = idx(colAgent)
	c.group = idx(colGroup)
	c.resolved = idx(colResolved)
	c.closed = h.Index(colClosed...)
	c.tags = idx(colTags)
	c.survey = idx(colSurvey)
	c.email = idx(colEmail)
	c.contactID = idx(colContactID)
	c.company = idx(colCompany)
	c.firstReply = idx(colFirstReply)
	c.resolution = idx(colResolution)

	seen := map[string]bool{}
	for i, name := range h.Names {
		key := strings.TrimSpace(name)
		if used[i] || key == "" || seen[key] {
			continue
		}
		seen[key] = true
		c.attrs = append(c.attrs, attrCol{i, key})
	}
	return c
}

func (c *columns) name(i int) string {
	if i >= 0 && i < len(c.names) {
		return strings.TrimSpace(c.names[i])
	}
	return ""
}
