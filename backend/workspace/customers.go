package workspace

// Read queries over the customers table.

// CustomerRow is a customer of the customers export as the screens name
// them.
type CustomerRow struct {
	Source, ID, Name, Email, Description string
}

// Customers lists the customers of the customers export, by id.
func (db *DB) Customers() ([]CustomerRow, error) {
	rows, err := db.sql.Query(`SELECT source, id, name, email, description FROM customers ORDER BY id`)
	if err != nil {
		return nil, internal("read customers", err)
	}
	defer rows.Close()
	var out []CustomerRow
	for rows.Next() {
		var c CustomerRow
		if err := rows.Scan(&c.Source, &c.ID, &c.Name, &c.Email, &c.Description); err != nil {
			return nil, internal("read customers", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read customers", err)
	}
	return out, nil
}
