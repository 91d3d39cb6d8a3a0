// Package helpdesk is the shared engine of the helpdesk importers whose
// exports hold one conversation per row (Help Scout, Intercom): a Mapping
// lists the header names (with aliases) of each ticket field, and Bind
// turns rows into backend.Ticket. It also holds the value parsers the
// helpdesk importers share: durations, e-mail addresses, tags.
package helpdesk

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

// Mapping is the column mapping of one helpdesk export. Each field lists
// the header names it is read from, first match wins (case-insensitive).
type Mapping struct {
	Source string // "helpscout"
	Label  string // "Help Scout conversations", for messages

	ID, Created                      []string // required
	Solved                           []string // closed / resolved time
	FirstReplyAt                     []string // time of the first agent reply
	FirstReply, FirstReplyBiz        []string // first reply durations
	Resolution, ResolutionBiz        []string // resolution durations
	Status, Priority, Channel, Type  []string
	Group, Assignee, Subject         []string
	RequesterEmail, RequesterID, Org []string
	Tags, Satisfaction               []string
	DurationUnit                     time.Duration
	StatusOf                         func(string) string
	SatisfactionOf                   func(string) (v string, exact bool)
	EmailFallback                    []string // columns that may hold an e-mail when no e-mail column has one (a customer column)
	IgnorePrefixes                   []string // columns not kept in Attrs (per-message columns of a message-level file)
}

type cols struct {
	m                                      *Mapping
	names                                  []string
	id, created, solved, firstReplyAt      int
	firstReply, firstReplyBiz, res, resBiz int
	status, priority, channel, typ         int
	group, assignee, subject, email, reqID int
	org, tags, sat                         int
	emailFallback                          []int
	units                                  map[int]time.Duration
	attrs                                  []int
}

// Bind resolves the columns of h; the id and creation columns are required.
func (m *Mapping) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	c := &cols{m: m, names: h.Names, units: map[int]time.Duration{}}
	used := map[int]bool{}
	idx := func(aliases []string) int {
		i := h.Index(aliases...)
		if i >= 0 {
			used[i] = true
		}
		return i
	}
	c.id, c.created, c.solved, c.firstReplyAt = idx(m.ID), idx(m.Created), idx(m.Solved), idx(m.FirstReplyAt)
	// Durations also match with their unit: "Resolution Time (hours)",
	// "First response time in seconds".
	dur := func(aliases []string) int {
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
		}
		return i
	}
	c.firstReply, c.firstReplyBiz, c.res, c.resBiz = dur(m.FirstReply), dur(m.FirstReplyBiz), dur(m.Resolution), dur(m.ResolutionBiz)
	c.status, c.priority, c.channel, c.typ = idx(m.Status), idx(m.Priority), idx(m.Channel), idx(m.Type)
	c.group, c.assignee, c.subject = idx(m.Group), idx(m.Assignee), idx(m.Subject)
	c.email, c.reqID, c.org, c.tags, c.sat = idx(m.RequesterEmail), idx(m.RequesterID), idx(m.Org), idx(m.Tags), idx(m.Satisfaction)
	for _, a := range m.EmailFallback {
		if i := h.Index(a); i >= 0 {
			c.emailFallback = append(c.emailFallback, i)
		}
	}
	if c.id < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a %s export needs the conversation id.", m.ID[0], m.Label)
	}
	if c.created < 0 {
		return nil, backend.Errorf(backend.Invalid, "The file has no %q column; a %s export needs the creation date.", m.Created[0], m.Label)
	}
	for _, i := range []int{c.firstReply, c.firstReplyBiz, c.res, c.resBiz} {
		if i >= 0 {
			c.units[i] = UnitOf(h.Names[i], m.DurationUnit)
		}
	}
	for i, n := range h.Names {
		if !used[i] && strings.TrimSpace(n) != "" && !hasPrefix(n, m.IgnorePrefixes) {
			c.attrs = append(c.attrs, i)
		}
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	return func(row csvfile.Row) (backend.Record, error) { return c.parse(row, loc) }, nil
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

func (c *cols) parse(row csvfile.Row, loc *time.Location) (backend.Record, error) {
	m := c.m
	t := &backend.Ticket{
		Source:       m.Source,
		ID:           row.Get(c.id),
		RequesterID:  row.Get(c.reqID),
		Organization: row.Get(c.org),
		Subject:      row.Get(c.subject),
		Priority:     strings.ToLower(row.Get(c.priority)),
		Channel:      strings.ToLower(row.Get(c.channel)),
		Type:         row.Get(c.typ),
		Group:        row.Get(c.group),
		Assignee:     row.Get(c.assignee),
		Tags:         Tags(row.Get(c.tags)),
	}
	if t.ID == "" {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a ticket needs its id", c.name(c.id))
	}
	status := row.Get(c.status)
	if m.StatusOf != nil {
		t.Status = m.StatusOf(status)
	} else {
		t.Status = strings.ToLower(status)
	}
	attrs := backend.Attrs{}
	if e := row.Get(c.email); IsEmail(e) {
		t.RequesterEmail = strings.ToLower(e)
	} else {
		if e != "" {
			attrs[c.name(c.email)] = e // not an address: kept as it is
		}
		for _, i := range c.emailFallback {
			if e := row.Get(i); IsEmail(e) {
				t.RequesterEmail = strings.ToLower(e)
				break
			}
		}
	}
	created, ok, err := Time(row, c.created, c.name(c.created), loc)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a ticket needs its creation date", c.name(c.created))
	}
	t.Created = created
	if solved, ok, err := Time(row, c.solved, c.name(c.solved), loc); err != nil {
		return nil, err
	} else if ok {
		t.Solved = &solved
	}
	for _, d := range []struct {
		col int
		dst **int64
	}{
		{c.firstReply, &t.FirstReplyMinutes}, {c.firstReplyBiz, &t.FirstReplyBizMinutes},
		{c.res, &t.ResolutionMinutes}, {c.resBiz, &t.ResolutionBizMinutes},
	} {
		if d.col < 0 {
			continue
		}
		v, err := Minutes(row.Get(d.col), c.units[d.col])
		if err == ErrNoUnit {
			continue // kept in Attrs below
		}
		if err != nil {
			return nil, backend.Errorf(backend.Invalid, "%s %s", c.name(d.col), err.Error())
		}
		*d.dst = v
	}
	if t.FirstReplyMinutes == nil {
		// No duration column (or an empty one): first reply − created.
		if at, ok, err := Time(row, c.firstReplyAt, c.name(c.firstReplyAt), loc); err != nil {
			return nil, err
		} else if ok && !at.Before(created) {
			t.FirstReplyMinutes = Between(created, at)
		}
	}
	raw := row.Get(c.sat)
	if m.SatisfactionOf != nil {
		v, exact := m.SatisfactionOf(raw)
		t.Satisfaction = v
		if !exact && raw != "" {
			attrs[c.name(c.sat)] = raw
		}
	}
	if c.firstReplyAt >= 0 && c.firstReply >= 0 {
		if v := row.Get(c.firstReplyAt); v != "" {
			attrs[c.name(c.firstReplyAt)] = v
		}
	}
	for _, i := range c.attrs {
		if v := row.Get(i); v != "" {
			attrs[c.name(i)] = v
		}
	}
	for _, i := range []int{c.firstReply, c.firstReplyBiz, c.res, c.resBiz} {
		if i >= 0 && c.units[i] == 0 {
			if v := row.Get(i); v != "" {
				if _, err := Minutes(v, 0); err == ErrNoUnit {
					attrs[c.name(i)] = v
				}
			}
		}
	}
	if len(attrs) > 0 {
		t.Attrs = attrs
	}
	return t, nil
}

// Time parses column i as a time (naive times in loc), in UTC; ok is false
// for an absent column or an empty value.
func Time(row csvfile.Row, i int, name string, loc *time.Location) (time.Time, bool, error) {
	s := row.Get(i)
	if i < 0 || s == "" {
		return time.Time{}, false, nil
	}
	t, ok, err := csvfile.ParseTime(s, loc)
	if err != nil {
		return time.Time{}, false, backend.Errorf(backend.Invalid, "%s %q is not a date", name, s)
	}
	return t.UTC(), ok, nil
}

// Between is b − a in whole minutes, halves rounded up.
func Between(a, b time.Time) *int64 {
	m := int64(math.Floor(b.Sub(a).Minutes() + 0.5))
	return &m
}

// UnitOf is the unit of a duration column, from its name when it says it
// ("… (seconds)", "… in minutes", "(in hrs)"), else def.
func UnitOf(name string, def time.Duration) time.Duration {
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "second") || strings.Contains(n, "(s)") || strings.Contains(n, "(sec"):
		return time.Second
	case strings.Contains(n, "minute") || strings.Contains(n, "(min"):
		return time.Minute
	case strings.Contains(n, "hour") || strings.Contains(n, "hrs") || strings.Contains(n, "(h)"):
		return time.Hour
	case strings.Contains(n, "(days") || strings.Contains(n, "in days"):
		return 24 * time.Hour
	}
	return def
}

// unitSuffix is the unit at the end of a duration column's name.
var unitSuffix = regexp.MustCompile(`(?i)\s*(\((in )?(s|sec|secs|seconds?|min|mins|minutes?|h|hrs?|hours?|days?)\)|\bin (seconds|minutes|hours|hrs|days))\s*$`)

var (
	clockRE = regexp.MustCompile(`^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$`)
	partsRE = regexp.MustCompile(`(?i)(\d+(?:\.\d+)?)\s*(d|days?|h|hrs?|hours?|m|mins?|minutes?|s|secs?|seconds?)\b`)
)

// maxDuration is the longest duration read: a larger one is a typo or a
// number in the wrong unit, and would overflow minutes.
const maxDuration = 10 * 365 * 24 * time.Hour

// ErrNoUnit is Minutes' answer for a plain number when the unit is not
// known: the importer keeps the value as it is instead of guessing.
var ErrNoUnit = backend.Errorf(backend.Invalid, "a plain number with no unit")

// Minutes parses a duration into whole minutes (halves rounded up):
// "HH:MM:SS" or "HH:MM", "1d 2h 3m 4s" / "2 hours 5 minutes", or a plain
// number of unit. "" and "-" give nil. A plain number with no unit (unit 0)
// gives ErrNoUnit.
func Minutes(s string, unit time.Duration) (*int64, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" || strings.EqualFold(s, "null") {
		return nil, nil
	}
	var d float64 // seconds
	switch {
	case clockRE.MatchString(s):
		p := clockRE.FindStringSubmatch(s)
		h, _ := strconv.ParseFloat(p[1], 64)
		mi, _ := strconv.ParseFloat(p[2], 64)
		sec := 0.0
		if p[3] != "" {
			sec, _ = strconv.ParseFloat(p[3], 64)
		}
		d = h*3600 + mi*60 + sec
	case partsRE.MatchString(s) && strings.TrimSpace(partsRE.ReplaceAllString(s, "")) == "":
		for _, p := range partsRE.FindAllStringSubmatch(s, -1) {
			v, _ := strconv.ParseFloat(p[1], 64)
			switch u := strings.ToLower(p[2]); {
			case strings.HasPrefix(u, "d"):
				d += v * 86400
			case strings.HasPrefix(u, "h"):
				d += v * 3600
			case strings.HasPrefix(u, "m"):
				d += v * 60
			default:
				d += v
			}
		}
	default:
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return nil, backend.Errorf(backend.Invalid, "%q is not a duration", s)
		}
		if unit == 0 {
			return nil, ErrNoUnit
		}
		d = v * unit.Seconds()
	}
	if d < 0 {
		return nil, backend.Errorf(backend.Invalid, "%q is a negative duration", s)
	}
	if d > maxDuration.Seconds() || math.IsNaN(d) {
		return nil, backend.Errorf(backend.Invalid, "%q is longer than ten years, more than any ticket waits", s)
	}
	m := int64(math.Floor(d/60 + 0.5))
	return &m, nil
}

// IsEmail is a loose check: something@domain.tld without spaces.
func IsEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t,;<>\"") {
		return false
	}
	domain := s[at+1:]
	dot := strings.LastIndexByte(domain, '.')
	return dot > 0 && dot < len(domain)-1
}

// Tags splits a comma-separated tag list. Keel stores a ticket's tags
// space-separated, so spaces inside a tag become underscores
// ("bug report" -> "bug_report", as Zendesk writes tags).
func Tags(s string) []string {
	var out []string
	for _, t := range strings.Split(s, ",") {
		if f := strings.Fields(t); len(f) > 0 {
			out = append(out, strings.Join(f, "_"))
		}
	}
	return out
}
