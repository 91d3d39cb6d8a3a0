package workspace

import "strings"

// requesterNameKeys are the attribute keys under which the helpdesk
// importers keep a requester's name (Zendesk's Requester, Freshdesk's
// Full name, …), lower case.
var requesterNameKeys = []string{"requester", "requester name", "requester_name", "full name", "full_name",
	"contact name", "contact_name", "customer name", "customer_name", "name", "contact"}

// RequesterNames lists the distinct names of the tickets' requesters, as
// the exports give them in columns Keel keeps as attributes, sorted.
func (db *DB) RequesterNames() ([]string, error) {
	marks := strings.TrimSuffix(strings.Repeat("?,", len(requesterNameKeys)), ",")
	args := make([]any, len(requesterNameKeys))
	for i, k := range requesterNameKeys {
		args[i] = k
	}
	rows, err := db.sql.Query(`SELECT DISTINCT trim(a.value) FROM tickets, json_each(CASE WHEN json_valid(tickets.attrs) THEN tickets.attrs ELSE '{}' END) a
		WHERE lower(a.key) IN (`+marks+`) AND a.type = 'text' AND trim(a.value) <> '' ORDER BY 1`, args...)
	if err != nil {
		return nil, internal("read the requesters' names", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, internal("read the requesters' names", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
