package revenue

import (
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// customerKey identifies a customer across exports: the billing id
// qualified by its tool (stripe:cus_…, lemonsqueezy:1234: plain-number ids
// of two tools never collide), else the email (guest rows and tools
// without ids), else nothing.
func customerKey(source, id, email string) string {
	if id != "" {
		return source + ":" + id
	}
	if email = strings.ToLower(strings.TrimSpace(email)); email != "" {
		return "email:" + email
	}
	return ""
}

type who struct{ name, email string }

// loadCustomers reads names and emails from the customers export.
func loadCustomers(db *workspace.DB) (map[string]who, error) {
	rows, err := db.SQL().Query(`SELECT source, id, name, email, description FROM customers`)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read customers: %v", err)
	}
	defer rows.Close()
	out := map[string]who{}
	for rows.Next() {
		var source, id, name, email, desc string
		if err := rows.Scan(&source, &id, &name, &email, &desc); err != nil {
			return nil, backend.Errorf(backend.Internal, "read customers: %v", err)
		}
		if name == "" {
			name = desc
		}
		if k := customerKey(source, id, email); k != "" {
			out[k] = who{name, email}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, backend.Errorf(backend.Internal, "read customers: %v", err)
	}
	return out, nil
}
