package columns

import (
	"strings"

	"keel/backend"
	"keel/importers/csvfile"
)

// Attr is a column kept in a record's Attrs under Key.
type Attr struct {
	Key   string
	Index int
}

// AttrColumns lists the columns to keep in Attrs: those whose folded name
// starts with one of the prefixes (the key is the rest of the folded name:
// "custom_data.plan_tier" -> "plan_tier"), and the named columns (the key
// is the column's name as written in the file).
func (h *Header) AttrColumns(prefixes []string, names ...string) []Attr {
	var out []Attr
	seen := map[int]bool{}
	for i, n := range h.Canon {
		for _, p := range prefixes {
			p = Canon(p) + "_"
			if len(n) > len(p) && strings.HasPrefix(n, p) {
				out = append(out, Attr{Key: n[len(p):], Index: i})
				seen[i] = true
				break
			}
		}
	}
	for _, name := range names {
		if i := h.Index(name); i >= 0 && !seen[i] {
			out = append(out, Attr{Key: h.Names[i], Index: i})
			seen[i] = true
		}
	}
	return out
}

// Attrs collects the non-empty values of the attribute columns; nil when
// there are none.
func Attrs(row csvfile.Row, cols []Attr) backend.Attrs {
	var a backend.Attrs
	for _, c := range cols {
		if v := row.Get(c.Index); v != "" {
			if a == nil {
				a = backend.Attrs{}
			}
			a[c.Key] = v
		}
	}
	return a
}

// SetAttr sets a key in *a, allocating the map; empty values are skipped.
func SetAttr(a *backend.Attrs, key, value string) {
	if value == "" {
		return
	}
	if *a == nil {
		*a = backend.Attrs{}
	}
	(*a)[key] = value
}
