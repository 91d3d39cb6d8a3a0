package workspace

import (
	"database/sql"
	"errors"
	"time"
)

// settingViewMonth is the month the window shows ("YYYY-MM"), kept so that
// it survives a restart. It is the founder's place in the workspace, not a
// rule: saving it recomputes nothing.
const settingViewMonth = "view_month"

// ViewMonth is the month the window showed last ("" when none was picked).
func (db *DB) ViewMonth() (string, error) {
	var v string
	err := db.sql.QueryRow("SELECT value FROM settings WHERE key = ?", settingViewMonth).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", internal("read the month shown", err)
	}
	return v, nil
}

// SetViewMonth keeps the month the window shows ("" forgets it). The
// caller checks that it is a month.
func (db *DB) SetViewMonth(month string) error {
	var err error
	if month == "" {
		_, err = db.sql.Exec("DELETE FROM settings WHERE key = ?", settingViewMonth)
	} else {
		_, err = db.sql.Exec("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
			settingViewMonth, month)
	}
	if err != nil {
		return internal("save the month shown", err)
	}
	return nil
}

// DataSpan is the time the workspace's records cover: the oldest and newest
// record of any source, nil for both in an empty workspace. A
// subscriptions export describes its subscriptions as of the day it was
// imported, so it covers up to that import.
func (db *DB) DataSpan() (from, to *time.Time, err error) {
	v, err := db.Memo("workspace.span", func() (any, error) {
		stats, err := db.Sources()
		if err != nil {
			return nil, err
		}
		var s [2]*time.Time
		for _, st := range stats {
			end := st.To
			if st.Kind == "subscriptions" && st.LastImport != nil && (end == nil || st.LastImport.After(*end)) {
				end = st.LastImport
			}
			if st.From != nil && (s[0] == nil || st.From.Before(*s[0])) {
				s[0] = st.From
			}
			if end != nil && (s[1] == nil || end.After(*s[1])) {
				s[1] = end
			}
		}
		return s, nil
	})
	if err != nil {
		return nil, nil, err
	}
	s := v.([2]*time.Time)
	return s[0], s[1], nil
}
