// Package mapped imports the CSV files that no importer recognises, with a
// column mapping the founder made (which column is the id, the time, the
// email, the amount, the event name…) for a target kind: events, tickets,
// payments, customers or subscriptions. Mappings (Mapping) are kept by a
// Store, which the workspace implements, and found again by the signature
// of the file's header, so the next export of the same tool imports by
// itself; `keel import --mapping NAME` names one.
//
// A mapping is an importers.Importer built by New; it is not registered
// globally, since it belongs to one workspace: the pipeline asks ForHeader
// (automatic reuse) or Named (--mapping) for it.
package mapped

import (
	"regexp"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/money"
	"keel/importers"
	"keel/importers/csvfile"
)

// Importer imports files with one mapping.
type Importer struct {
	m      Mapping
	fields []Field
}

// New checks a mapping and builds its importer.
func New(m Mapping) (*Importer, error) {
	m = withDefaults(m)
	if err := Validate(m); err != nil {
		return nil, err
	}
	fs, _ := Fields(m.Kind)
	return &Importer{m: m, fields: fs}, nil
}

// Mapping is the mapping the importer uses.
func (im *Importer) Mapping() Mapping { return im.m }

// Source is the mapping's source name, recorded on every row it imports.
func (im *Importer) Source() string { return im.m.Source }

// Kind is the target kind: events, tickets, payments, customers, subscriptions.
func (im *Importer) Kind() string { return im.m.Kind }

// Label names the mapping for the import report.
func (im *Importer) Label() string { return im.m.Name + " (saved mapping)" }

// Detect is certain of files whose header has the mapping's signature.
func (im *Importer) Detect(h *csvfile.Header) float64 {
	if h != nil && HeaderSignature(h.Names) == im.m.Signature {
		return 1
	}
	return 0
}

var sourceName = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)

// withDefaults fills the source (from the name), the signature and the
// amount unit.
func withDefaults(m Mapping) Mapping {
	m.Name = strings.TrimSpace(m.Name)
	m.Kind = strings.ToLower(strings.TrimSpace(m.Kind))
	if m.Source == "" {
		m.Source = slug(m.Name)
	}
	m.Source = strings.ToLower(strings.TrimSpace(m.Source))
	if m.AmountUnit == "" {
		m.AmountUnit = "major"
	}
	m.Currency = strings.ToLower(strings.TrimSpace(m.Currency))
	if len(m.Header) > 0 {
		m.Signature = HeaderSignature(m.Header)
	}
	return m
}

func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if len(out) > 40 {
		out = strings.TrimSuffix(out[:40], "-")
	}
	if out == "" {
		out = "mapped"
	}
	return out
}

// Validate checks that a mapping can import: a known kind, the required
// fields mapped to columns of its header, every mapped field known, and
// options Keel understands.
func Validate(m Mapping) error {
	if strings.TrimSpace(m.Name) == "" {
		return backend.Errorf(backend.Invalid, "A mapping needs a name.")
	}
	if len(m.Name) > 100 {
		return backend.Errorf(backend.Invalid, "The mapping name %q is too long (100 characters at most).", m.Name[:40]+"…")
	}
	fs, err := Fields(m.Kind)
	if err != nil {
		return err
	}
	if !sourceName.MatchString(m.Source) {
		return backend.Errorf(backend.Invalid, "The source name %q must be lowercase letters, digits, - or _ (like \"mixpanel\").", m.Source)
	}
	if len(m.Header) == 0 {
		return backend.Errorf(backend.Invalid, "The mapping %q has no header to recognise files by.", m.Name)
	}
	h := csvfile.NewHeader(m.Header...)
	known := map[string]bool{}
	for _, f := range fs {
		known[f.Name] = true
		col := strings.TrimSpace(m.Columns[f.Name])
		if col == "" {
			if f.Required {
				return backend.Errorf(backend.Invalid, "Choose the column that holds the %s: %s need it.", strings.ToLower(f.Label), m.Kind)
			}
			continue
		}
		if h.Index(col) < 0 {
			return backend.Errorf(backend.Invalid, "The %s column %q is not in the file's header.", strings.ToLower(f.Label), col)
		}
	}
	for name := range m.Columns {
		if !known[name] {
			return backend.Errorf(backend.Invalid, "%s have no field %q.", m.Kind, name)
		}
	}
	if m.TimeZone != "" {
		if _, err := time.LoadLocation(m.TimeZone); err != nil {
			return backend.Errorf(backend.Invalid, "%q is not a time zone Keel knows (use a name like Europe/Paris).", m.TimeZone)
		}
	}
	if m.Currency != "" && !money.Known(m.Currency) {
		return backend.Errorf(backend.Invalid, "%q is not a currency code Keel knows.", m.Currency)
	}
	if m.AmountUnit != "major" && m.AmountUnit != "minor" {
		return backend.Errorf(backend.Invalid, "Amounts are in \"major\" units (12.50) or \"minor\" units (1250), not %q.", m.AmountUnit)
	}
	needsCurrency := m.Kind == "payments" || m.Kind == "subscriptions"
	if needsCurrency && m.Columns["currency"] == "" && m.Currency == "" {
		return backend.Errorf(backend.Invalid, "Choose the currency column, or the currency of every amount in the file.")
	}
	return nil
}

// Save checks a mapping and stores it (replacing one of the same name).
func Save(st Store, m Mapping) (Mapping, error) {
	m = withDefaults(m)
	if err := Validate(m); err != nil {
		return m, err
	}
	return st.SaveMapping(m)
}

// Named returns the importer of the saved mapping called name (for
// `keel import --mapping NAME`).
func Named(st Store, name string) (importers.Importer, error) {
	m, err := st.Mapping(name)
	if err != nil {
		return nil, err
	}
	im, err := New(m)
	if err != nil {
		return nil, err
	}
	return im, nil
}

// ForHeader returns the importer of the most recently saved mapping made
// for a header with this one's signature; ok is false when there is none.
func ForHeader(st Store, h *csvfile.Header) (im importers.Importer, ok bool, err error) {
	if h == nil {
		return nil, false, nil
	}
	m, ok, err := st.MappingFor(HeaderSignature(h.Names))
	if err != nil || !ok {
		return nil, false, err
	}
	imp, err := New(m)
	if err != nil {
		return nil, false, err
	}
	return imp, true, nil
}
