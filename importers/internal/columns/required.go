package columns

import (
	"strconv"
	"strings"

	"keel/backend"
)

// Requirement is one required column, or alternatives of which one must
// be present.
type Requirement []Column

// CheckRequired returns the *backend.Error naming every requirement that
// the header does not meet, or nil. label names the export in the reason
// ("Paddle transactions").
func CheckRequired(label string, reqs ...Requirement) error {
	var missing []string
	for _, r := range reqs {
		found := false
		var names []string
		for _, c := range r {
			if c.OK() {
				found = true
			}
			names = append(names, strconv.Quote(c.Name))
		}
		if !found {
			missing = append(missing, strings.Join(names, " or "))
		}
	}
	switch len(missing) {
	case 0:
		return nil
	case 1:
		return backend.Errorf(backend.Invalid, "this is not a %s export: the column %s is missing", label, missing[0])
	default:
		return backend.Errorf(backend.Invalid, "this is not a %s export: the columns %s and %s are missing",
			label, strings.Join(missing[:len(missing)-1], ", "), missing[len(missing)-1])
	}
}
