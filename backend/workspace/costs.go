package workspace

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"keel/backend"
)

// The plans-and-costs store: features and what each plan grants of them,
// accounts on special terms, cost drivers, and the reads the cost model
// needs (mapped events, tickets and cost lines of a period). The rules
// (valid unit costs, accesses) are backend/costs'.

// Features lists the features, by name.
func (db *DB) Features() ([]backend.Feature, error) {
	rows, err := db.sql.Query("SELECT id, name, note FROM features ORDER BY name COLLATE NOCASE")
	if err != nil {
		return nil, internal("read the features", err)
	}
	defer rows.Close()
	out := []backend.Feature{}
	for rows.Next() {
		var f backend.Feature
		if err := rows.Scan(&f.ID, &f.Name, &f.Note); err != nil {
			return nil, internal("read the features", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// SaveFeature adds a feature (ID 0) or renames one, and returns it.
func (db *DB) SaveFeature(f backend.Feature) (backend.Feature, error) {
	err := db.inTx("save the feature", func(tx *sql.Tx) error {
		var other int64
		err := tx.QueryRow("SELECT id FROM features WHERE name = ? COLLATE NOCASE AND id <> ?", f.Name, f.ID).Scan(&other)
		if err == nil {
			return backend.Errorf(backend.Conflict, "There is already a feature called %q.", f.Name)
		}
		if err != sql.ErrNoRows {
			return err
		}
		if f.ID == 0 {
			res, err := tx.Exec("INSERT INTO features(name, note, created_at) VALUES(?, ?, ?)", f.Name, f.Note, db.Now().Unix())
			if err != nil {
				return err
			}
			f.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.Exec("UPDATE features SET name = ?, note = ? WHERE id = ?", f.Name, f.Note, f.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.NotFound, "There is no feature number %d.", f.ID)
		}
		return nil
	})
	return f, err
}

// DeleteFeature removes a feature and what every plan granted of it.
func (db *DB) DeleteFeature(id int64) error {
	return db.inTx("delete the feature", func(tx *sql.Tx) error {
		if _, err := tx.Exec("DELETE FROM entitlements WHERE feature = ?", id); err != nil {
			return err
		}
		res, err := tx.Exec("DELETE FROM features WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.NotFound, "There is no feature number %d.", id)
		}
		return nil
	})
}

// Entitlements lists what the plans grant, by plan then feature.
func (db *DB) Entitlements() ([]backend.Entitlement, error) {
	rows, err := db.sql.Query("SELECT plan, feature, access, limit_n, limit_unit, role, until, note FROM entitlements ORDER BY plan, feature")
	if err != nil {
		return nil, internal("read the entitlements", err)
	}
	defer rows.Close()
	out := []backend.Entitlement{}
	for rows.Next() {
		var e backend.Entitlement
		var limit sql.NullInt64
		if err := rows.Scan(&e.Plan, &e.Feature, &e.Access, &limit, &e.LimitUnit, &e.Role, &e.Until, &e.Note); err != nil {
			return nil, internal("read the entitlements", err)
		}
		if limit.Valid {
			v := limit.Int64
			e.Limit = &v
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// SetEntitlement stores what plan grants of a feature, replacing what it
// granted before.
func (db *DB) SetEntitlement(e backend.Entitlement) error {
	return db.inTx("save the entitlement", func(tx *sql.Tx) error {
		var limit any
		if e.Limit != nil {
			limit = *e.Limit
		}
		_, err := tx.Exec(`INSERT INTO entitlements(plan, feature, access, limit_n, limit_unit, role, until, note, updated_at)
			VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(plan, feature) DO UPDATE SET access = excluded.access,
			limit_n = excluded.limit_n, limit_unit = excluded.limit_unit, role = excluded.role, until = excluded.until,
			note = excluded.note, updated_at = excluded.updated_at`,
			e.Plan, e.Feature, e.Access, limit, e.LimitUnit, e.Role, e.Until, e.Note, db.Now().Unix())
		if err != nil && strings.Contains(err.Error(), "FOREIGN KEY") {
			return backend.Errorf(backend.NotFound, "There is no feature number %d.", e.Feature)
		}
		return err
	})
}

// RemoveEntitlement makes plan grant nothing of a feature.
func (db *DB) RemoveEntitlement(plan string, feature int64) error {
	return db.inTx("remove the entitlement", func(tx *sql.Tx) error {
		_, err := tx.Exec("DELETE FROM entitlements WHERE plan = ? AND feature = ?", plan, feature)
		return err
	})
}

// AccountTerms lists the accounts on grandfathered or negotiated terms.
func (db *DB) AccountTerms() ([]backend.AccountTerms, error) {
	rows, err := db.sql.Query("SELECT account, terms, plan, note, since FROM account_terms ORDER BY account")
	if err != nil {
		return nil, internal("read the account terms", err)
	}
	defer rows.Close()
	out := []backend.AccountTerms{}
	for rows.Next() {
		var t backend.AccountTerms
		if err := rows.Scan(&t.Account, &t.Terms, &t.Plan, &t.Note, &t.Since); err != nil {
			return nil, internal("read the account terms", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SetAccountTerms stores an account's special terms.
func (db *DB) SetAccountTerms(t backend.AccountTerms) error {
	return db.inTx("save the account's terms", func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO account_terms(account, terms, plan, note, since, updated_at) VALUES(?,?,?,?,?,?)
			ON CONFLICT(account) DO UPDATE SET terms = excluded.terms, plan = excluded.plan, note = excluded.note,
			since = excluded.since, updated_at = excluded.updated_at`, t.Account, t.Terms, t.Plan, t.Note, t.Since, db.Now().Unix())
		return err
	})
}

// RemoveAccountTerms puts an account back on its plan's standard terms.
func (db *DB) RemoveAccountTerms(account string) error {
	return db.inTx("remove the account's terms", func(tx *sql.Tx) error {
		_, err := tx.Exec("DELETE FROM account_terms WHERE account = ?", account)
		return err
	})
}

// CostDrivers lists the cost drivers, by name.
func (db *DB) CostDrivers() ([]backend.CostDriver, error) {
	rows, err := db.sql.Query("SELECT id, name, unit, source, events, unit_cost FROM cost_drivers ORDER BY name COLLATE NOCASE")
	if err != nil {
		return nil, internal("read the cost drivers", err)
	}
	defer rows.Close()
	out := []backend.CostDriver{}
	for rows.Next() {
		var d backend.CostDriver
		var events string
		if err := rows.Scan(&d.ID, &d.Name, &d.Unit, &d.Source, &events, &d.UnitCost); err != nil {
			return nil, internal("read the cost drivers", err)
		}
		d.Events = strings.FieldsFunc(events, func(r rune) bool { return r == '\n' })
		if d.Events == nil {
			d.Events = []string{}
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SaveCostDriver adds a driver (ID 0) or changes one, and returns it.
func (db *DB) SaveCostDriver(d backend.CostDriver) (backend.CostDriver, error) {
	err := db.inTx("save the cost driver", func(tx *sql.Tx) error {
		var other int64
		err := tx.QueryRow("SELECT id FROM cost_drivers WHERE name = ? COLLATE NOCASE AND id <> ?", d.Name, d.ID).Scan(&other)
		if err == nil {
			return backend.Errorf(backend.Conflict, "There is already a cost driver called %q.", d.Name)
		}
		if err != sql.ErrNoRows {
			return err
		}
		now := db.Now().Unix()
		events := strings.Join(d.Events, "\n")
		if d.ID == 0 {
			res, err := tx.Exec(`INSERT INTO cost_drivers(name, unit, source, events, unit_cost, created_at, updated_at)
				VALUES(?,?,?,?,?,?,?)`, d.Name, d.Unit, d.Source, events, d.UnitCost, now, now)
			if err != nil {
				return err
			}
			d.ID, err = res.LastInsertId()
			return err
		}
		res, err := tx.Exec(`UPDATE cost_drivers SET name = ?, unit = ?, source = ?, events = ?, unit_cost = ?, updated_at = ?
			WHERE id = ?`, d.Name, d.Unit, d.Source, events, d.UnitCost, now, d.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.NotFound, "There is no cost driver number %d.", d.ID)
		}
		return nil
	})
	return d, err
}

// DeleteCostDriver removes a cost driver.
func (db *DB) DeleteCostDriver(id int64) error {
	return db.inTx("delete the cost driver", func(tx *sql.Tx) error {
		res, err := tx.Exec("DELETE FROM cost_drivers WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return backend.Errorf(backend.NotFound, "There is no cost driver number %d.", id)
		}
		return nil
	})
}

// CostLine is one stored line of a monthly cost export.
type CostLine struct {
	Date     time.Time
	Driver   string
	Amount   int64
	Currency string
}

// CostLines lists the cost lines dated in [from, to).
func (db *DB) CostLines(from, to time.Time) ([]CostLine, error) {
	rows, err := db.sql.Query("SELECT date, driver, amount, currency FROM cost_lines WHERE date >= ? AND date < ? ORDER BY date, driver",
		from.Unix(), to.Unix())
	if err != nil {
		return nil, internal("read the cost lines", err)
	}
	defer rows.Close()
	var out []CostLine
	for rows.Next() {
		var c CostLine
		var at int64
		if err := rows.Scan(&at, &c.Driver, &c.Amount, &c.Currency); err != nil {
			return nil, internal("read the cost lines", err)
		}
		c.Date = time.Unix(at, 0).UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// TicketRequesters streams the requester address and creation time of
// every ticket created in [from, to).
func (db *DB) TicketRequesters(ctx context.Context, from, to time.Time, fn func(email string, at int64)) error {
	rows, err := db.sql.QueryContext(ctx, "SELECT requester_email, created FROM tickets WHERE created >= ? AND created < ?", from.Unix(), to.Unix())
	if err != nil {
		return internal("read the tickets", err)
	}
	defer rows.Close()
	for rows.Next() {
		var email string
		var at int64
		if err := rows.Scan(&email, &at); err != nil {
			return internal("read the tickets", err)
		}
		fn(email, at)
	}
	if err := rows.Err(); err != nil {
		return internal("read the tickets", err)
	}
	return nil
}

// CostDriversMark changes whenever a cost driver is added, changed or
// removed: a key for what is computed from them; "" when there is none.
func (db *DB) CostDriversMark() (string, error) {
	var n, ids, updated int64
	if err := db.sql.QueryRow("SELECT COUNT(*), COALESCE(SUM(id), 0), COALESCE(MAX(updated_at), 0) FROM cost_drivers").Scan(&n, &ids, &updated); err != nil {
		return "", internal("read the cost drivers", err)
	}
	if n == 0 {
		return "", nil
	}
	var text string
	if err := db.sql.QueryRow("SELECT COALESCE(group_concat(id || ':' || unit_cost || ':' || source || ':' || events, '|'), '') FROM (SELECT * FROM cost_drivers ORDER BY id)").Scan(&text); err != nil {
		return "", internal("read the cost drivers", err)
	}
	return fmt.Sprintf("%d/%d/%d/%s", n, ids, updated, text), nil
}
