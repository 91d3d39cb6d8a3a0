package workspace

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"
	"unicode"

	"keel/backend"
)

// Mapping is a founder's column mapping for an export that no importer
// recognises: which column holds which field of a target kind of record.
// importers/mapped turns it into an importer and checks the fields; the
// workspace only keeps it, keyed by name and found again by the signature
// of the header it was made for.
type Mapping struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // target: events, tickets, payments, customers, subscriptions
	// Source is what the records say they came from ("mixpanel"); it is
	// part of their keys, so it must not change once data is imported.
	Source string `json:"source"`
	// Header is the header the mapping was made for; Signature is its
	// HeaderSignature.
	Header    []string `json:"header"`
	Signature string   `json:"signature"`
	// Columns maps a field of Kind ("time", "email", "amount") to the
	// header name of the column that holds it.
	Columns map[string]string `json:"columns"`
	// Options for values: the zone of naive times (IANA name, "" = the
	// one chosen at import), the currency when no column has one, amounts
	// in "major" (12.50, default) or "minor" (1250) units, and a decimal
	// comma.
	TimeZone     string    `json:"time_zone,omitempty"`
	Currency     string    `json:"currency,omitempty"`
	AmountUnit   string    `json:"amount_unit,omitempty"`
	DecimalComma bool      `json:"decimal_comma,omitempty"`
	Created      time.Time `json:"created"`
	Updated      time.Time `json:"updated"`
}

// mappingSpec is what the spec column holds.
type mappingSpec struct {
	Source       string            `json:"source"`
	Header       []string          `json:"header"`
	Columns      map[string]string `json:"columns"`
	TimeZone     string            `json:"time_zone,omitempty"`
	Currency     string            `json:"currency,omitempty"`
	AmountUnit   string            `json:"amount_unit,omitempty"`
	DecimalComma bool              `json:"decimal_comma,omitempty"`
}

// HeaderSignature fingerprints a header so that the next export of the same
// tool finds its mapping: names are compared without case, surrounding
// spaces, quotes or a byte order mark, and in any order.
func HeaderSignature(names []string) string {
	norm := make([]string, len(names))
	for i, n := range names {
		n = strings.TrimFunc(n, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' || r == '"' || r == '\'' })
		norm[i] = strings.ToLower(strings.Join(strings.Fields(n), " "))
	}
	sort.Strings(norm)
	sum := sha256.Sum256([]byte(strings.Join(norm, "\x1f")))
	return "h1:" + hex.EncodeToString(sum[:16])
}

// SaveMapping stores m under its name, replacing a mapping of that name.
// Its signature is computed from its header.
func (db *DB) SaveMapping(m Mapping) (Mapping, error) {
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" {
		return m, backend.Errorf(backend.Invalid, "A mapping needs a name.")
	}
	if len(m.Name) > 100 {
		return m, backend.Errorf(backend.Invalid, "The mapping name %q is too long (100 characters at most).", m.Name[:40]+"…")
	}
	if len(m.Header) == 0 {
		return m, backend.Errorf(backend.Invalid, "The mapping %q has no header to recognise files by.", m.Name)
	}
	m.Signature = HeaderSignature(m.Header)
	spec, err := json.Marshal(mappingSpec{m.Source, m.Header, m.Columns, m.TimeZone, m.Currency, m.AmountUnit, m.DecimalComma})
	if err != nil {
		return m, internal("encode the mapping", err)
	}
	now := db.Now().Unix()
	_, err = db.sql.Exec(`INSERT INTO mappings(name, signature, kind, spec, created, updated) VALUES(?,?,?,?,?,?)
		ON CONFLICT(name) DO UPDATE SET signature = excluded.signature, kind = excluded.kind, spec = excluded.spec, updated = excluded.updated`,
		m.Name, m.Signature, m.Kind, string(spec), now, now)
	if err != nil {
		return m, internal("save the mapping", err)
	}
	return db.Mapping(m.Name)
}

const mappingCols = "name, signature, kind, spec, created, updated"

func scanMapping(sc interface{ Scan(...any) error }) (Mapping, error) {
	var m Mapping
	var spec string
	var created, updated int64
	if err := sc.Scan(&m.Name, &m.Signature, &m.Kind, &spec, &created, &updated); err != nil {
		return m, err
	}
	var s mappingSpec
	if err := json.Unmarshal([]byte(spec), &s); err != nil {
		return m, err
	}
	m.Source, m.Header, m.Columns = s.Source, s.Header, s.Columns
	m.TimeZone, m.Currency, m.AmountUnit, m.DecimalComma = s.TimeZone, s.Currency, s.AmountUnit, s.DecimalComma
	m.Created, m.Updated = time.Unix(created, 0).UTC(), time.Unix(updated, 0).UTC()
	return m, nil
}

// Mapping returns the mapping called name.
func (db *DB) Mapping(name string) (Mapping, error) {
	m, err := scanMapping(db.sql.QueryRow("SELECT "+mappingCols+" FROM mappings WHERE name = ?", strings.TrimSpace(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return m, backend.Errorf(backend.NotFound, "There is no saved mapping called %q.", name)
	}
	if err != nil {
		return m, internal("read a mapping", err)
	}
	return m, nil
}

// MappingFor returns the most recently saved mapping made for a header
// with this signature; ok is false when there is none.
func (db *DB) MappingFor(signature string) (m Mapping, ok bool, err error) {
	m, err = scanMapping(db.sql.QueryRow("SELECT "+mappingCols+" FROM mappings WHERE signature = ? ORDER BY updated DESC, name LIMIT 1", signature))
	if errors.Is(err, sql.ErrNoRows) {
		return m, false, nil
	}
	if err != nil {
		return m, false, internal("look up a mapping", err)
	}
	return m, true, nil
}

// Mappings lists the saved mappings by name.
func (db *DB) Mappings() ([]Mapping, error) {
	rows, err := db.sql.Query("SELECT " + mappingCols + " FROM mappings ORDER BY name")
	if err != nil {
		return nil, internal("read the mappings", err)
	}
	defer rows.Close()
	var out []Mapping
	for rows.Next() {
		m, err := scanMapping(rows)
		if err != nil {
			return nil, internal("read the mappings", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// DeleteMapping forgets a mapping; what it imported stays.
func (db *DB) DeleteMapping(name string) error {
	res, err := db.sql.Exec("DELETE FROM mappings WHERE name = ?", strings.TrimSpace(name))
	if err != nil {
		return internal("delete the mapping", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return backend.Errorf(backend.NotFound, "There is no saved mapping called %q.", name)
	}
	return nil
}
