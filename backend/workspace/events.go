package workspace

import "context"

// Read queries over the events table.

// EventCount is the analytics events of a stretch of time: how many, and
// from how many people (distinct ids).
type EventCount struct {
	People int64 `json:"people"`
	Events int64 `json:"events"`
}

// EventName is one event name's events and people.
type EventName struct {
	Name   string `json:"name"`
	Events int64  `json:"events"`
	People int64  `json:"people"`
}

// HasEvents reports whether any analytics event is imported.
func (db *DB) HasEvents() (bool, error) { return db.hasRows("events") }

// EventsIn counts the events of [from, to) (unix seconds) and the people
// who sent them.
func (db *DB) EventsIn(from, to int64) (EventCount, error) {
	var c EventCount
	err := db.sql.QueryRow(`SELECT COUNT(DISTINCT distinct_id), COUNT(*) FROM events WHERE time >= ? AND time < ?`, from, to).
		Scan(&c.People, &c.Events)
	if err != nil {
		return c, internal("count events", err)
	}
	return c, nil
}

// TopEvents lists the limit most frequent event names of [from, to), most
// events first, then by name.
func (db *DB) TopEvents(from, to int64, limit int) ([]EventName, error) {
	rows, err := db.sql.Query(`SELECT name, COUNT(*) AS n, COUNT(DISTINCT distinct_id) FROM events
		WHERE time >= ? AND time < ? GROUP BY name ORDER BY n DESC, name LIMIT ?`, from, to, limit)
	if err != nil {
		return nil, internal("read events", err)
	}
	defer rows.Close()
	out := []EventName{}
	for rows.Next() {
		var e EventName
		if err := rows.Scan(&e.Name, &e.Events, &e.People); err != nil {
			return nil, internal("read events", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read events", err)
	}
	return out, nil
}

// EventNameRow is one event name seen, with its counts and dates (the
// event_names summary the accounts keep).
type EventNameRow struct {
	Name                    string
	Events, Users, Accounts int64
	First, Last             int64 // unix seconds
}

// EventNames lists the event names seen, most sent first.
func (db *DB) EventNames(ctx context.Context) ([]EventNameRow, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT name, events, users, accounts, first, last FROM event_names ORDER BY events DESC, name")
	if err != nil {
		return nil, internal("read event names", err)
	}
	defer rows.Close()
	var out []EventNameRow
	for rows.Next() {
		var e EventNameRow
		if err := rows.Scan(&e.Name, &e.Events, &e.Users, &e.Accounts, &e.First, &e.Last); err != nil {
			return nil, internal("read event names", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read event names", err)
	}
	return out, nil
}

// AccountNames maps every account's id to its name.
func (db *DB) AccountNames(ctx context.Context) (map[string]string, error) {
	rows, err := db.sql.QueryContext(ctx, "SELECT id, name FROM accounts")
	if err != nil {
		return nil, internal("read accounts", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, internal("read accounts", err)
		}
		out[id] = name
	}
	if err := rows.Err(); err != nil {
		return nil, internal("read accounts", err)
	}
	return out, nil
}
