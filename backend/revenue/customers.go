package revenue

import (
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// customerKey identifies a customer across exports: the billing id, else
// the email (guest rows and tools without ids), else nothing.
func customerKey(id, email string) string {
	if id != "" {
		return id
	}
	if email = strings.ToLower(strings.TrimSpace(email)); email != "" {
		return "email:" + email
	}
	return ""
}

type who struct{ name, email string }

// loadCustomers reads names and emails from the customers export.
func loadCustomers(db *workspace.DB) (map[string]who, error) {
	rows, err := db.SQL().Query(`SELECT id, name, email, description FROM customers`)
	if err != nil {
		return nil, backend.Errorf(backend.Internal, "read customers: %v", err)
	}
	defer rows.Close()
	out := map[string]who{}
	for rows.Next() {
		var id, name, email, desc string
		if err := rows.Scan(&id, &name, &email, &desc); err != nil {
			return nil, backend.Errorf(backend.Internal, "read customers: %v", err)
		}
		if name == "" {
			name = desc
		}
		if k := customerKey(id, email); k != "" {
			out[k] = who{name, email}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, backend.Errorf(backend.Internal, "read customers: %v", err)
	}
	return out, nil
}
