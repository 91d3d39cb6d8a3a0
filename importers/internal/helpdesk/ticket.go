package helpdesk

import (
	"strings"

	"keel/backend"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

// extras are values of mapped columns that are also kept in Attrs as
// exported (an address that is not one, a rating the mapping had to
// interpret): few per row, so no map unless there are some.
type extras struct {
	kv [6][2]string
	n  int
}

func (x *extras) add(k, v string) {
	if v != "" && x.n < len(x.kv) {
		x.kv[x.n] = [2]string{k, v}
		x.n++
	}
}

func (c *cols) parse(row csvfile.Row) (backend.Record, error) {
	m := c.m
	t := &backend.Ticket{
		Source:       m.Source,
		ID:           row.Get(c.id),
		RequesterID:  row.Get(c.reqID),
		Organization: row.Get(c.org),
		Subject:      row.Get(c.subject),
		Priority:     strings.ToLower(row.Get(c.priority)),
		Channel:      row.Get(c.channel),
		Type:         row.Get(c.typ),
		Group:        row.Get(c.group),
		Assignee:     row.Get(c.assignee),
	}
	if t.ID == "" {
		noun := m.Noun
		if noun == "" {
			noun = "ticket"
		}
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a %s needs its id", c.name(c.id), noun)
	}
	if m.ChannelOf != nil {
		t.Channel = m.ChannelOf(t.Channel)
	}
	if tags := row.Get(c.tags); m.TagsOf != nil {
		t.Tags = m.TagsOf(tags)
	} else {
		t.Tags = Tags(tags)
	}
	var x extras
	status := row.Get(c.status)
	if m.StatusOf != nil {
		t.Status = m.StatusOf(status)
	} else {
		t.Status = strings.ToLower(status)
	}
	if m.KeepStatus && t.Status != strings.ToLower(status) {
		x.add(c.name(c.status), status)
	}
	if e := row.Get(c.email); columns.IsEmail(e) {
		t.RequesterEmail = strings.ToLower(e)
	} else {
		x.add(c.name(c.email), e) // not an address: kept as it is
		for _, i := range c.emailFallback {
			if e := row.Get(i); columns.IsEmail(e) {
				t.RequesterEmail = strings.ToLower(e)
				break
			}
		}
	}

	created, ok, err := Time(row, c.created, c.name(c.created), c.loc)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a ticket needs its creation date", c.name(c.created))
	}
	t.Created = created
	solved, ok, err := Time(row, c.solved, c.name(c.solved), c.loc)
	if err == nil && !ok {
		solved, ok, err = Time(row, c.solvedElse, c.name(c.solvedElse), c.loc)
	}
	if err != nil {
		return nil, err
	}
	if ok {
		t.Solved = &solved
	}

	for _, d := range [...]struct {
		col int
		dst **int64
	}{
		{c.firstReply, &t.FirstReplyMinutes}, {c.firstReplyBiz, &t.FirstReplyBizMinutes},
		{c.res, &t.ResolutionMinutes}, {c.resBiz, &t.ResolutionBizMinutes}, {c.resElse, &t.ResolutionMinutes},
	} {
		if d.col < 0 {
			continue
		}
		v, err := Minutes(row.Get(d.col), c.units[d.col])
		switch {
		case err == ErrNoUnit:
			x.add(c.name(d.col), row.Get(d.col)) // kept as it is, not guessed
		case err != nil:
			return nil, backend.Errorf(backend.Invalid, "%s %s", c.name(d.col), err.Error())
		default:
			*d.dst = v
		}
	}
	if c.firstReplyAt >= 0 {
		if t.FirstReplyMinutes == nil {
			at, ok, err := Time(row, c.firstReplyAt, c.name(c.firstReplyAt), c.loc)
			if err != nil {
				return nil, err
			}
			if ok && !at.Before(created) {
				t.FirstReplyMinutes = Between(created, at)
			}
		}
		if c.firstReply >= 0 { // a duration column gives the reply: the time stays as exported
			x.add(c.name(c.firstReplyAt), row.Get(c.firstReplyAt))
		}
	}
	raw := row.Get(c.sat)
	if m.SatisfactionOf != nil {
		v, exact := m.SatisfactionOf(raw)
		t.Satisfaction = v
		if !exact {
			x.add(c.name(c.sat), raw)
		}
	}

	if x.n == 0 {
		t.AttrsJSON = c.enc.JSON(row) // the common case: no map
		return t, nil
	}
	t.Attrs = columns.Attrs(row, c.attrs)
	for _, kv := range x.kv[:x.n] {
		if t.Attrs[kv[0]] == "" {
			columns.SetAttr(&t.Attrs, kv[0], kv[1])
		}
	}
	return t, nil
}
