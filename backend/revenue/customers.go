package revenue

import (
	"strings"

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
	rows, err := db.Customers()
	if err != nil {
		return nil, err
	}
	out := make(map[string]who, len(rows))
	for _, c := range rows {
		name := c.Name
		if name == "" {
			name = c.Description
		}
		if k := customerKey(c.ID, c.Email); k != "" {
			out[k] = who{name, c.Email}
		}
	}
	return out, nil
}
