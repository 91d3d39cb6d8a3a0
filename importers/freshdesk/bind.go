package freshdesk

import (
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

// Bind needs Ticket ID and Created time; every other column is optional.
func (Tickets) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	c := bindColumns(h)
	if c.id < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a Freshdesk tickets export needs the ticket id.", colID[0])
	}
	if c.created < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a Freshdesk tickets export needs the creation time.", colCreated[0])
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
		Source:         "freshdesk",
		ID:             row.Get(c.id),
		RequesterID:    row.Get(c.contactID),
		RequesterEmail: strings.ToLower(row.Get(c.email)),
		Organization:   row.Get(c.company),
		Subject:        row.Get(c.subject),
		Status:         status(row.Get(c.status)),
		Priority:       strings.ToLower(row.Get(c.priority)),
		Channel:        row.Get(c.source),
		Type:           row.Get(c.typ),
		Group:          row.Get(c.group),
		Assignee:       row.Get(c.agent),
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
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a ticket needs its creation time", c.name(c.created))
	}
	t.Created = created
	solved, ok, err := c.time(row, c.resolved, loc)
	if err != nil {
		return nil, err
	}
	if !ok {
		if solved, ok, err = c.time(row, c.closed, loc); err != nil {
			return nil, err
		}
	}
	if ok {
		t.Solved = &solved
	}
	if t.FirstReplyMinutes, err = c.minutes(row, c.firstReply); err != nil {
		return nil, err
	}
	if t.ResolutionMinutes, err = c.minutes(row, c.resolution); err != nil {
		return nil, err
	}

	attrs := backend.Attrs{}
	if raw := row.Get(c.status); raw != "" && t.Status != strings.ToLower(raw) {
		attrs[c.name(c.status)] = raw
	}
	raw := row.Get(c.survey)
	sat, known := satisfaction(raw)
	t.Satisfaction = sat
	if raw != "" && (!known || !strings.EqualFold(raw, sat)) {
		attrs[c.name(c.survey)] = raw
	}
	for _, a := range c.attrs {
		if v := row.Get(a.index); v != "" {
			attrs[a.key] = v
		}
	}
	if len(attrs) > 0 {
		t.Attrs = attrs
	}
	return t, nil
}

// time parses column i as a naive time in loc, returned in UTC; ok is false
// for an absent column or an empty value.
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

// minutes reads an "(in hrs)" column as whole minutes; nil when absent or empty.
func (c *columns) minutes(row csvfile.Row, i int) (*int64, error) {
	s := row.Get(i)
	if i < 0 || s == "" {
		return nil, nil
	}
	n, ok := hoursToMinutes(s)
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s %q is not a duration in hours (like 1.5 or 01:30:00)", c.name(i), s)
	}
	return &n, nil
}
