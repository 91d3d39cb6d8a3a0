package revenue

import (
	"strings"

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
		if k := customerKey(c.Source, c.ID, c.Email); k != "" {
			out[k] = who{name, c.Email}
		}
	}
	return out, nil
}
