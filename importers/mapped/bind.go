package mapped

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/money"
	"keel/importers"
	"keel/importers/csvfile"
)

// row reads the mapped fields of one row.
type row struct {
	im    *Importer
	r     csvfile.Row
	cols  map[string]int
	names []string
	loc   *time.Location
}

// Bind resolves the mapped columns in the file's header and returns the
// row parser. Columns the mapping does not use are kept in Attrs.
func (im *Importer) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	cols := map[string]int{}
	used := map[int]bool{}
	for _, f := range im.fields {
		name := im.m.Columns[f.Name]
		if name == "" {
			continue
		}
		i := h.Index(name)
		if i < 0 {
			if f.Required {
				return nil, backend.Errorf(backend.Invalid, "The file has no %q column, which the mapping %q reads the %s from.", name, im.m.Name, strings.ToLower(f.Label))
			}
			continue
		}
		cols[f.Name], used[i] = i, true
	}
	loc := opt.Location
	if im.m.TimeZone != "" {
		loc, _ = time.LoadLocation(im.m.TimeZone)
	}
	if loc == nil {
		loc = time.UTC
	}
	var extra []int
	for i := range h.Names {
		if !used[i] {
			extra = append(extra, i)
		}
	}
	if im.m.Kind == "flags" && len(extra) > 0 {
		// A flag's words decide whether it is stale: a column Keel would
		// only keep aside (an owner under another name, a cleanup date)
		// must be mapped, or the file refused before anything is stored.
		var names []string
		for _, i := range extra {
			names = append(names, fmt.Sprintf("%q", strings.TrimSpace(h.Names[i])))
		}
		return nil, backend.Errorf(backend.Invalid, "The flag file has %s Keel does not know: %s. Map each to a flag field in the mapping %q, or remove it from the file; nothing was imported.",
			map[bool]string{true: "a column", false: "columns"}[len(names) == 1], strings.Join(names, ", "), im.m.Name)
	}
	parse := map[string]func(*row) (backend.Record, error){
		"events": (*row).event, "tickets": (*row).ticket, "payments": (*row).payment,
		"customers": (*row).customer, "subscriptions": (*row).subscription, "flags": (*row).flag,
	}[im.m.Kind]
	return func(r csvfile.Row) (backend.Record, error) {
		if r.Problem != "" {
			return nil, backend.Errorf(backend.Invalid, "%s", r.Problem)
		}
		rw := &row{im: im, r: r, cols: cols, names: h.Names, loc: loc}
		rec, err := parse(rw)
		if err != nil || rec == nil {
			return rec, err
		}
		attrs := backend.Attrs{}
		for _, i := range extra {
			if v := r.Get(i); v != "" {
				attrs[strings.TrimSpace(h.Names[i])] = v
			}
		}
		if len(attrs) > 0 {
			setAttrs(rec, attrs)
		}
		return rec, nil
	}, nil
}

func setAttrs(rec backend.Record, a backend.Attrs) {
	switch x := rec.(type) {
	case *backend.Event:
		x.Attrs = a
	case *backend.Ticket:
		x.Attrs = a
	case *backend.Payment:
		x.Attrs = a
	case *backend.Customer:
		x.Attrs = a
	case *backend.Subscription:
		x.Attrs = a
	case *backend.Flag:
		x.Attrs = a
	}
}

// text is the trimmed value of a field, "" when unmapped.
func (w *row) text(field string) string {
	i, ok := w.cols[field]
	if !ok {
		return ""
	}
	return w.r.Get(i)
}

func (w *row) column(field string) string {
	return strings.TrimSpace(w.names[w.cols[field]])
}

func (w *row) required(field string) (string, error) {
	v := w.text(field)
	if v == "" {
		return "", backend.Errorf(backend.Invalid, "%s is empty", w.column(field))
	}
	return v, nil
}

// when parses a time field; ok is false when it is empty.
func (w *row) when(field string) (time.Time, bool, error) {
	s := w.text(field)
	if s == "" {
		return time.Time{}, false, nil
	}
	t, ok, err := csvfile.ParseTime(s, w.loc)
	if err != nil {
		return time.Time{}, false, backend.Errorf(backend.Invalid, "%s %q is not a date", w.column(field), s)
	}
	return t.UTC(), ok, nil
}

func (w *row) whenp(field string) (*time.Time, error) {
	t, ok, err := w.when(field)
	if err != nil || !ok {
		return nil, err
	}
	return &t, nil
}

func (w *row) requiredTime(field string) (time.Time, error) {
	t, ok, err := w.when(field)
	if err == nil && !ok {
		err = backend.Errorf(backend.Invalid, "%s is empty", w.column(field))
	}
	return t, err
}

// currency is the row's currency: its column, else the mapping's.
func (w *row) currency() (string, error) {
	c := strings.ToLower(w.text("currency"))
	if c == "" {
		c = w.im.m.Currency
	}
	if c == "" {
		return "", backend.Errorf(backend.Invalid, "%s is empty", w.column("currency"))
	}
	if !money.Known(c) {
		return "", backend.Errorf(backend.Invalid, "%q is not a currency code Keel knows", c)
	}
	return c, nil
}

// amount parses a money field in minor units of cur; ok is false when empty.
func (w *row) amount(field, cur string) (int64, bool, error) {
	s := w.text(field)
	if s == "" {
		return 0, false, nil
	}
	if w.im.m.AmountUnit == "minor" {
		n, err := strconv.ParseInt(strings.ReplaceAll(s, " ", ""), 10, 64)
		if err != nil {
			return 0, false, backend.Errorf(backend.Invalid, "%s %q is not a whole number of minor units", w.column(field), s)
		}
		return n, true, nil
	}
	n, err := money.ParseIn(s, cur, w.im.m.DecimalComma)
	if err != nil {
		return 0, false, backend.Errorf(backend.Invalid, "%s: %s", w.column(field), backend.ErrorMessage(err))
	}
	return n, true, nil
}

func (w *row) integer(field string, def int64) (int64, error) {
	s := w.text(field)
	if s == "" {
		return def, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, backend.Errorf(backend.Invalid, "%s %q is not a whole number", w.column(field), s)
	}
	return n, nil
}

// minutes parses a count of minutes ("12", "12.5" rounds half up); nil when empty.
func (w *row) minutes(field string) (*int64, error) {
	s := w.text(field)
	if s == "" {
		return nil, nil
	}
	x, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", "."), 64)
	if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return nil, backend.Errorf(backend.Invalid, "%s %q is not a number of minutes", w.column(field), s)
	}
	n := int64(math.Floor(x + 0.5))
	return &n, nil
}

func (w *row) email(field string) string { return strings.ToLower(w.text(field)) }

// rowKey is the id of a row exported without one: a hash of its cells by
// column name, so that the same row in a file with its columns in another
// order is the same record.
func (w *row) rowKey() string {
	cells := make([]string, 0, len(w.names))
	for i, n := range w.names {
		cells = append(cells, fold(n)+"\x1f"+w.r.Get(i))
	}
	sort.Strings(cells)
	h := sha256.New()
	for _, c := range cells {
		h.Write([]byte(c))
		h.Write([]byte{0})
	}
	return "row-" + hex.EncodeToString(h.Sum(nil)[:16])
}
