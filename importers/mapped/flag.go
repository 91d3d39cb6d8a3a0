package mapped

import (
	"strconv"
	"strings"

	"keel/backend"
)

// flag reads a row of a flag list kept in a spreadsheet.
func (w *row) flag() (backend.Record, error) {
	key, err := w.required("key")
	if err != nil {
		return nil, err
	}
	f := &backend.Flag{Source: w.im.m.Source, FlagKey: key, Name: w.text("name"), Description: w.text("purpose"), Owner: w.text("owner"),
		Environment: w.text("environment"), Release: w.text("release"),
		Tags: strings.FieldsFunc(w.text("tags"), func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '|' })}
	if f.Name == "" {
		f.Name = key
	}
	if t := w.text("type"); t != "" {
		f.Type = strings.ReplaceAll(strings.ReplaceAll(strings.ToLower(t), "-", "_"), " ", "_")
		if !contains(backend.FlagTypes, f.Type) {
			return nil, backend.Errorf(backend.Invalid, "%s %q is not a flag type (release, experiment, operational, permission, kill switch)", w.column("type"), t)
		}
	}
	if l := w.text("lifetime"); l != "" {
		switch strings.ToLower(l) {
		case "temporary", "temp", "yes", "true", "y", "1":
			t := true
			f.Temporary = &t
		case "permanent", "perm", "no", "false", "n", "0":
			t := false
			f.Temporary = &t
		default:
			return nil, backend.Errorf(backend.Invalid, "%s %q is not temporary or permanent", w.column("lifetime"), l)
		}
	}
	state, pct, err := flagState(w.text("state"), w.text("percentage"))
	if err != nil {
		return nil, backend.Errorf(backend.Invalid, "%s", err.Error())
	}
	f.State, f.Percentage = state, pct
	if f.Created, err = w.whenp("created"); err != nil {
		return nil, err
	}
	if f.Updated, err = w.whenp("updated"); err != nil {
		return nil, err
	}
	if f.CleanupDue, err = w.whenp("cleanup_due"); err != nil {
		return nil, err
	}
	return f, nil
}

// flagState reads a state column ("on", "off", "enabled", "50 %") and a
// percentage column ("25", "25%", "0.25" is read as 0.25 %).
func flagState(state, percent string) (string, *int64, error) {
	var pct *int64
	if p := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(percent), "%")); p != "" {
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 0 || v > 100 {
			return "", nil, &stateError{"the rollout percentage " + strconv.Quote(percent) + " is not a number from 0 to 100"}
		}
		n := int64(v*100 + 0.5)
		pct = &n
	}
	s := strings.ToLower(strings.TrimSpace(state))
	switch {
	case strings.HasSuffix(s, "%"):
		if _, p, err := flagState("", s); err == nil {
			return flagState("percentage", strconv.FormatFloat(float64(*p)/100, 'f', -1, 64))
		}
		return "", nil, &stateError{"the state " + strconv.Quote(state) + " is not on, off or a percentage"}
	case s == "on" || s == "enabled" || s == "true" || s == "yes" || s == "active" || s == "1":
		if pct != nil && *pct < 10000 {
			return "percentage", pct, nil
		}
		return "on", nil, nil
	case s == "off" || s == "disabled" || s == "false" || s == "no" || s == "inactive" || s == "0":
		return "off", nil, nil
	case s == "" || s == "percentage" || s == "rollout":
		switch {
		case pct == nil && s == "":
			return "off", nil, nil
		case pct == nil:
			return "percentage", nil, nil
		case *pct >= 10000:
			return "on", nil, nil
		case *pct == 0:
			return "off", nil, nil
		}
		return "percentage", pct, nil
	}
	return "", nil, &stateError{"the state " + strconv.Quote(state) + " is not on, off or a percentage"}
}

type stateError struct{ s string }

func (e *stateError) Error() string { return e.s }

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}
