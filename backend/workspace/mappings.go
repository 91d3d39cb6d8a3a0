package workspace

import (
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"keel/backend"
	"keel/importers/mapped"
)

// The workspace is the mapped.Store of a founder's column mappings (see
// importers/mapped, which owns them and checks them): one row per name,
// found again by the signature of the header each was made for.
var _ mapped.Store = (*DB)(nil)

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

// SaveMapping stores m under its name, replacing a mapping of that name.
func (db *DB) SaveMapping(m mapped.Mapping) (mapped.Mapping, error) {
	m.Name = strings.TrimSpace(m.Name)
	if m.Name == "" || m.Signature == "" {
		return m, backend.Errorf(backend.Internal, "a mapping without a name or a signature cannot be saved")
	}
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

func scanMapping(sc interface{ Scan(...any) error }) (mapped.Mapping, error) {
	var m mapped.Mapping
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
func (db *DB) Mapping(name string) (mapped.Mapping, error) {
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
func (db *DB) MappingFor(signature string) (m mapped.Mapping, ok bool, err error) {
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
func (db *DB) Mappings() ([]mapped.Mapping, error) {
	rows, err := db.sql.Query("SELECT " + mappingCols + " FROM mappings ORDER BY name")
	if err != nil {
		return nil, internal("read the mappings", err)
	}
	defer rows.Close()
	var out []mapped.Mapping
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
