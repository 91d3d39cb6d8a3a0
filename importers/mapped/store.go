package mapped

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Mapping is a founder's column mapping for an export that no importer
// recognises: which column holds which field of a target kind of record.
// This package checks it (Validate), turns it into an importer (New) and
// finds it again by the signature of the header it was made for; a Store
// keeps it.
type Mapping struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // target: events, tickets, payments, customers, subscriptions, flags
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

// Store keeps saved mappings; the workspace implements it. It stores what
// it is given (a mapping this package checked, with its signature) and
// reports one it does not have as a backend.NotFound error.
type Store interface {
	// SaveMapping stores m under its name, replacing one of that name,
	// and returns it as stored (with its times).
	SaveMapping(m Mapping) (Mapping, error)
	// Mapping returns the mapping called name.
	Mapping(name string) (Mapping, error)
	// MappingFor returns the most recently saved mapping with this header
	// signature; ok is false when there is none.
	MappingFor(signature string) (m Mapping, ok bool, err error)
	// Mappings lists the saved mappings by name.
	Mappings() ([]Mapping, error)
	// DeleteMapping forgets a mapping; what it imported stays.
	DeleteMapping(name string) error
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
