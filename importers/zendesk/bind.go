package zendesk

import (
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	cols "keel/importers/internal/columns"
)

// Bind needs Id and Created at; every other column is optional.
func (Tickets) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	c := bindColumns(h)
	if c.id < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a Zendesk tickets export needs the ticket id.", colID[0])
	}
	if c.created < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a Zendesk tickets export needs the creation date.", colCreated[0])
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	return func(row csvfile.Row) (backend.Record, error) { return c.parse(row, loc) }, nil
}

func (c *columns) parse(row csvfile.Row, loc *time.Location) (backend.Record, error) {
	if row.Problem != "" {
		return nil, backend.Errorf(backend.Invalid, "%s", row.Problem)
	}
	t := &backend.Ticket{
		Source:         "zendesk",
		ID:             row.Get(c.id),
		RequesterID:    row.Get(c.requesterID),
		RequesterEmail: strings.ToLower(row.Get(c.requesterEmail)),
		Organization:   row.Get(c.organization),
		Subject:        row.Get(c.subject),
		Status:         status(row.Get(c.status)),
		Priority:       strings.ToLower(row.Get(c.priority)),
		Channel:        row.Get(c.via),
		Type:           row.Get(c.typ),
		Group:          row.Get(c.group),
		Assignee:       row.Get(c.assignee),
		Tags:           tags(row.Get(c.tags)),
	}
	if t.ID == "" {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a ticket needs its id", c.name(c.id))
	}
	created, ok, err := c.time(row, c.created, loc)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a ticket needs its creation date", c.name(c.created))
	}
	t.Created = created
	if solved, ok, err := c.time(row, c.solved, loc); err != nil {
		return nil, err
	} else if ok {
		t.Solved = &solved
	}

	raw := row.Get(c.satisfaction)
	sat, known := satisfaction(raw)
	t.Satisfaction = sat
	if known || raw == "" {
		t.AttrsJSON = c.enc.JSON(row) // no map for the common case
	} else {
		t.Attrs = cols.Attrs(row, c.attrs)
		if name := c.name(c.satisfaction); t.Attrs[name] == "" {
			cols.SetAttr(&t.Attrs, name, raw) // kept as Zendesk wrote it
		}
	}

	for _, m := range []struct {
		col   int
		scale int64
		dst   **int64
	}{
		{c.firstReply, 1, &t.FirstReplyMinutes},
		{c.firstReplyBiz, 1, &t.FirstReplyBizMinutes},
		{c.fullRes, 1, &t.ResolutionMinutes},
		{c.fullResBiz, 1, &t.ResolutionBizMinutes},
	} {
		v, err := c.minutes(row, m.col, m.scale)
		if err != nil {
			return nil, err
		}
		*m.dst = v
	}
	if c.fullRes < 0 && c.resHours >= 0 {
		v, err := c.minutes(row, c.resHours, 60)
		if err != nil {
			return nil, err
		}
		t.ResolutionMinutes = v
	}

	return t, nil
}

// time parses column i as a naive time in loc, returned in UTC; ok is false
// for an absent column, an empty value or Zendesk's 1900-01-01 placeholder.
func (c *columns) time(row csvfile.Row, i int, loc *time.Location) (time.Time, bool, error) {
	s := row.Get(i)
	if i < 0 || s == "" {
		return time.Time{}, false, nil
	}
	t, ok, err := csvfile.ParseTime(s, loc)
	if err != nil {
		return time.Time{}, false, backend.Errorf(backend.Invalid, "%s %q is not a date", c.name(i), s)
	}
	if !ok {
		return time.Time{}, false, nil
	}
	return t.UTC(), true, nil
}

// minutes parses column i (a count of minutes, or of hours with scale 60)
// into whole minutes; nil when the column is absent or empty.
func (c *columns) minutes(row csvfile.Row, i int, scale int64) (*int64, error) {
	s := row.Get(i)
	if i < 0 || s == "" {
		return nil, nil
	}
	n, ok := number(s, scale)
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s %q is not a number", c.name(i), s)
	}
	return &n, nil
}
