package workspace

import (
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"keel/backend"
)

// Setting keys. Metric rules live here too so that changing one is a
// workspace change that recomputes everything.
const (
	SettingName         = "name"
	SettingBaseCurrency = "base_currency" // "" = derive from the data (METRICS.md)
	SettingTimeZone     = "time_zone"     // IANA name, default UTC
	SettingChurnTiming  = "churn_timing"  // period_end | cancellation
	SettingDiscounts    = "discounts"     // net | list
	SettingIncludeTest  = "include_test"  // "true" includes test-mode rows

	// Product rules (METRICS.md, Product). Event lists are comma-separated
	// names, stored trimmed, without empties or repeats.
	SettingActivationEvents = "activation_events" // "" = not picked: activation_rate is null
	SettingActivationDays   = "activation_days"   // whole days, 1 to 365
	SettingCoreEvents       = "core_events"       // retention on "core events only"; "" = none picked

	// SettingFlagStaleDays: a flag at 0 % or 100 %, or of a release
	// reviewed, for longer than this many days is stale (1 to 365).
	SettingFlagStaleDays = "flag_stale_days"
)

var settingDefaults = map[string]string{
	SettingTimeZone:    "UTC",
	SettingChurnTiming: "period_end",
	SettingDiscounts:   "net",
	SettingIncludeTest: "false",

	SettingActivationDays: "14",
	SettingFlagStaleDays:  "30",
}

var settingChoices = map[string][]string{
	SettingChurnTiming: {"period_end", "cancellation"},
	SettingDiscounts:   {"net", "list"},
	SettingIncludeTest: {"true", "false"},
}

// Setting returns a setting's value, or its default.
func (db *DB) Setting(key string) (string, error) {
	var v string
	err := db.sql.QueryRow("SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return settingDefaults[key], nil
	}
	if err != nil {
		return "", internal("read setting "+key, err)
	}
	return v, nil
}

// SetSetting validates and stores a setting.
func (db *DB) SetSetting(key, value string) error {
	value = strings.TrimSpace(value)
	switch key {
	case SettingName:
		if value == "" {
			return backend.Errorf(backend.Invalid, "The workspace needs a name.")
		}
	case SettingTimeZone:
		if _, err := time.LoadLocation(value); err != nil || value == "" {
			return backend.Errorf(backend.Invalid, "%q is not a time zone Keel knows (use a name like Europe/Paris).", value)
		}
	case SettingBaseCurrency:
		value = strings.ToLower(value)
	case SettingActivationEvents, SettingCoreEvents:
		v, err := eventList(key, value)
		if err != nil {
			return err
		}
		value = v
	case SettingActivationDays, SettingFlagStaleDays:
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > 365 {
			return backend.Errorf(backend.Invalid, "%s must be a whole number of days from 1 to 365, not %q.", key, value)
		}
		value = strconv.Itoa(n)
	default:
		choices, ok := settingChoices[key]
		if !ok {
			return backend.Errorf(backend.Invalid, "There is no setting called %q.", key)
		}
		if !contains(choices, value) {
			return backend.Errorf(backend.Invalid, "%s must be one of %s, not %q.", key, strings.Join(choices, ", "), value)
		}
	}
	_, err := db.sql.Exec("INSERT INTO settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	if err != nil {
		return internal("save setting "+key, err)
	}
	db.forget()
	return nil
}

// Location is the workspace time zone.
func (db *DB) Location() *time.Location {
	name, _ := db.Setting(SettingTimeZone)
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// eventList normalises a comma-separated list of event names.
func eventList(key, value string) (string, error) {
	var out []string
	for _, n := range strings.Split(value, ",") {
		n = strings.TrimSpace(n)
		if n == "" || contains(out, n) {
			continue
		}
		if len(n) > 200 {
			return "", backend.Errorf(backend.Invalid, "%s: %q is too long for an event name.", key, n[:40]+"…")
		}
		out = append(out, n)
	}
	if len(out) > 50 {
		return "", backend.Errorf(backend.Invalid, "%s: pick at most 50 events, not %d.", key, len(out))
	}
	return strings.Join(out, ","), nil
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
