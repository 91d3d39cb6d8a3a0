package zendesk

import (
	"strings"

	"keel/importers/csvfile"
	cols "keel/importers/internal/columns"
)

// Column names with their aliases; Header.Index matches case-insensitively.
var (
	colID             = []string{"Id", "Ticket id"}
	colCreated        = []string{"Created at", "Created"}
	colRequesterID    = []string{"Requester id"}
	colRequesterEmail = []string{"Requester email", "Requester e-mail"}
	colOrganization   = []string{"Organization", "Organization name", "Requester organization"}
	colSubject        = []string{"Subject"}
	colStatus         = []string{"Status"}
	colPriority       = []string{"Priority"}
	colVia            = []string{"Via", "Channel"}
	colType           = []string{"Ticket type", "Type"}
	colGroup          = []string{"Group", "Group name"}
	colAssignee       = []string{"Assignee", "Assignee name"}
	colTags           = []string{"Tags"}
	colSolved         = []string{"Solved at", "Solved"}
	colSatisfaction   = []string{"Satisfaction Score", "Satisfaction rating", "Satisfaction"}
	colFirstReply     = []string{"First reply time in minutes"}
	colFirstReplyBiz  = []string{"First reply time in minutes within business hours"}
	colFullRes        = []string{"Full resolution time in minutes"}
	colFullResBiz     = []string{"Full resolution time in minutes within business hours"}
	// colResHours is `Resolution time`, in hours: used only when the full
	// resolution minutes are absent, and always kept in Attrs.
	colResHours = []string{"Resolution time"}
)

// columns holds the index of every known column, -1 when absent.
type columns struct {
	id, created, requesterID, requesterEmail, organization, subject, status,
	priority, via, typ, group, assignee, tags, solved, satisfaction,
	firstReply, firstReplyBiz, fullRes, fullResBiz, resHours int
	names []string // header names, for messages
	attrs []cols.Attr
	enc   *cols.Encoder // attrs without a map
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
	c.requesterID = idx(colRequesterID)
	c.requesterEmail = idx(colRequesterEmail)
	c.organization = idx(colOrganization)
	c.subject = idx(colSubject)
	c.status = idx(colStatus)
	c.priority = idx(colPriority)
	c.via = idx(colVia)
	c.typ = idx(colType)
	c.group = idx(colGroup)
	c.assignee = idx(colAssignee)
	c.tags = idx(colTags)
	c.solved = idx(colSolved)
	c.satisfaction = idx(colSatisfaction)
	c.firstReply = idx(colFirstReply)
	c.firstReplyBiz = idx(colFirstReplyBiz)
	c.fullRes = idx(colFullRes)
	c.fullResBiz = idx(colFullResBiz)
	c.resHours = h.Index(colResHours...) // fallback only: stays in Attrs

	seen := map[string]bool{}
	for i, name := range h.Names {
		if used[i] {
			continue
		}
		key := attrKey(name)
		if key == "" {
			continue
		}
		if seen[key] {
			key = strings.TrimSpace(name) // "Foo" and "Foo [txt]", or a repeated column
			if seen[key] {
				continue
			}
		}
		seen[key] = true
		c.attrs = append(c.attrs, cols.Attr{Key: key, Index: i})
	}
	c.enc = cols.NewEncoder(c.attrs)
	return c
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

// name is the header name of column i, for messages.
func (c *columns) name(i int) string {
	if i >= 0 && i < len(c.names) {
		return strings.TrimSpace(c.names[i])
	}
	return ""
}
