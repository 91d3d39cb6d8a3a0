package posthog

import (
	"strings"

	"keel/importers/csvfile"
	cols "keel/importers/internal/columns"
)

// Column names with their aliases, current layout first.
var (
	colID        = []string{"*.uuid", "uuid", "id", "*.id"}
	colEvent     = []string{"*.event", "event"}
	colDistinct  = []string{"*.distinct_id", "distinct_id"}
	colTimestamp = []string{"*.timestamp", "timestamp"}
	// colEmail lists where an email can be, in order of trust; distinct_id
	// and a plain person column are tried last, when they look like one.
	colEmail = []string{
		"*.properties.email", "properties.email",
		"*.person.properties.email", "person.properties.email",
		"*.properties.$email", "properties.$email",
		"*.person.properties.$email", "person.properties.$email",
		"$email", "email",
	}
	colPerson = []string{"*.person", "person"}
	// colPropsJSON is an unflattened properties column holding a JSON object.
	colPropsJSON = []string{"*.properties", "properties"}
)

var propPrefixes = []string{"*.properties.", "properties."}

type columns struct {
	id, event, distinct, timestamp, person, propsJSON int
	email                                             []int
	props                                             []cols.Attr
	names                                             []string

	// enc writes props without a map; propEmail and propDollarEmail are
	// the email and $email property columns.
	enc                        *cols.Encoder
	propEmail, propDollarEmail int
}

func bindColumns(h *csvfile.Header) *columns {
	c := &columns{
		names:     h.Names,
		id:        h.Index(colID...),
		event:     h.Index(colEvent...),
		distinct:  h.Index(colDistinct...),
		timestamp: h.Index(colTimestamp...),
		person:    h.Index(colPerson...),
		propsJSON: h.Index(colPropsJSON...),
	}
	for _, a := range colEmail {
		if i := h.Index(a); i >= 0 {
			c.email = append(c.email, i)
		}
	}
	seen := map[string]bool{}
	c.propEmail, c.propDollarEmail = -1, -1
	for i, name := range h.Names {
		if key, ok := propKey(name); ok && !seen[key] {
			seen[key] = true
			c.props = append(c.props, cols.Attr{Key: key, Index: i})
			switch key {
			case "email":
				c.propEmail = i
			case "$email":
				c.propDollarEmail = i
			}
		}
	}
	c.enc = cols.NewEncoder(c.props)
	return c
}

// propKey is the property name of a `properties.<key>` or
// `*.properties.<key>` column.
func propKey(name string) (string, bool) {
	name = strings.TrimSpace(name)
	for _, p := range propPrefixes {
		if len(name) > len(p) && strings.EqualFold(name[:len(p)], p) {
			return name[len(p):], true
		}
	}
	return "", false
}

func (c *columns) name(i int) string {
	if i >= 0 && i < len(c.names) {
		return strings.TrimSpace(c.names[i])
	}
	return ""
}
