package releases

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/workspace"
)

// Flag is one flag of the registry: what its tool exported, with the
// founder's words on top.
type Flag struct {
	Key          string     `json:"key"` // "<source>:<flag key>"; "keel:<flag key>" for a flag made in Keel
	FlagKey      string     `json:"flag_key"`
	Source       string     `json:"source"`
	Name         string     `json:"name"`
	Owner        string     `json:"owner"`
	Purpose      string     `json:"purpose"`
	Type         string     `json:"type"`     // release, experiment, operational, permission, kill_switch, ""
	Lifetime     string     `json:"lifetime"` // temporary, permanent, "" (unknown)
	Release      string     `json:"release"`  // the id of its release, ""
	ReleaseTitle string     `json:"release_title"`
	Created      *time.Time `json:"created"`
	CleanupDue   *time.Time `json:"cleanup_due"`
	State        string     `json:"state"`      // on, off, percentage
	Percentage   *int64     `json:"percentage"` // hundredths of a percent
	StateSince   *time.Time `json:"state_since"`
	Environment  string     `json:"environment"`
	Archived     bool       `json:"archived"`
	Imported     bool       `json:"imported"`
	DeletedAt    *time.Time `json:"deleted_at"`
	// Stale says why the flag is stale, one sentence per rule; empty when
	// it is not.
	Stale []string `json:"stale"`
}

// Lifetimes and flag states.
var (
	Lifetimes  = []string{"temporary", "permanent"}
	FlagStates = []string{"on", "off", "percentage"}
)

// Registry is the flag registry: every flag with its staleness.
type Registry struct {
	Flags      []Flag `json:"flags"`
	Stale      int    `json:"stale"`
	StaleDays  int    `json:"stale_days"`
	StaleRules string `json:"stale_rules"`
}

// StaleDays reads the threshold setting.
func StaleDays(db *workspace.DB) (int, error) {
	v, err := db.Setting(workspace.SettingFlagStaleDays)
	if err != nil {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		n = 30
	}
	return n, nil
}

// Flags builds the registry from the imported flags and the founder's
// notes, stale as of now; deleted flags only when asked.
func Flags(db *workspace.DB, withDeleted bool) (*Registry, error) {
	return flagsAt(db, withDeleted, db.Now())
}

// flagsAt is the registry as it stood at instant now: the flags created
// by then, stale by the rules applied at that instant. Keel keeps a
// flag's current state only, so an earlier state is taken as the current
// one.
func flagsAt(db *workspace.DB, withDeleted bool, now time.Time) (*Registry, error) {
	imported, err := db.Flags()
	if err != nil {
		return nil, err
	}
	notes, err := db.FlagNotes()
	if err != nil {
		return nil, err
	}
	rs, err := db.Releases(true)
	if err != nil {
		return nil, err
	}
	days, err := StaleDays(db)
	if err != nil {
		return nil, err
	}
	out := &Registry{Flags: []Flag{}, StaleDays: days, StaleRules: StaleRules(days)}
	seen := map[string]bool{}
	for _, f := range imported {
		fl := fromRecord(f)
		if n, ok := notes[fl.Key]; ok {
			apply(&fl, n)
		}
		seen[fl.Key] = true
		out.Flags = append(out.Flags, fl)
	}
	for k, n := range notes {
		if seen[k] {
			continue
		}
		fl := Flag{Key: k, FlagKey: n.FlagKey, Source: workspace.KeelFlagSource, Name: n.FlagKey, State: "off"}
		apply(&fl, n)
		out.Flags = append(out.Flags, fl)
	}
	byID := map[string]backend.Release{}
	for _, r := range rs {
		byID[r.ID] = r
	}
	kept := out.Flags[:0]
	for _, fl := range out.Flags {
		if fl.DeletedAt != nil && !withDeleted || fl.Created != nil && fl.Created.After(now) {
			continue
		}
		r, ok := byID[fl.Release]
		if ok {
			fl.ReleaseTitle = r.Title
		}
		fl.Stale = stale(fl, r, ok, days, now)
		if len(fl.Stale) > 0 && fl.DeletedAt == nil {
			out.Stale++
		}
		kept = append(kept, fl)
	}
	out.Flags = kept
	sort.SliceStable(out.Flags, func(i, j int) bool {
		a, b := out.Flags[i], out.Flags[j]
		if (len(a.Stale) > 0) != (len(b.Stale) > 0) {
			return len(a.Stale) > 0
		}
		return strings.ToLower(a.FlagKey) < strings.ToLower(b.FlagKey)
	})
	return out, nil
}

func fromRecord(f backend.Flag) Flag {
	fl := Flag{Key: f.Key(), FlagKey: f.FlagKey, Source: f.Source, Name: f.Name, Owner: f.Owner, Purpose: f.Description,
		Type: f.Type, Created: f.Created, CleanupDue: f.CleanupDue, State: f.State, Percentage: f.Percentage,
		Environment: f.Environment, Archived: f.Archived, Imported: true}
	if f.Temporary != nil {
		fl.Lifetime = map[bool]string{true: "temporary", false: "permanent"}[*f.Temporary]
	}
	// The tool's last change is the best "since" it gives for the state.
	fl.StateSince = f.Updated
	if fl.StateSince == nil {
		fl.StateSince = f.Created
	}
	return fl
}

func apply(fl *Flag, n workspace.FlagNote) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&fl.Name, n.Name)
	set(&fl.Owner, n.Owner)
	set(&fl.Purpose, n.Purpose)
	set(&fl.Type, n.Type)
	set(&fl.Lifetime, n.Lifetime)
	set(&fl.Release, n.ReleaseID)
	if n.Created != nil {
		fl.Created = n.Created
	}
	if n.CleanupDue != nil {
		fl.CleanupDue = n.CleanupDue
	}
	if n.State != nil {
		fl.State, fl.Percentage, fl.StateSince = *n.State, n.Percentage, n.StateSince
	}
	fl.DeletedAt = n.DeletedAt
}

// StaleRules says the staleness rules in a sentence, with the threshold.
func StaleRules(days int) string {
	return fmt.Sprintf("A flag is stale when it is temporary and past its cleanup date, when it has served everyone (100 %%) or no one (0 %%) for more than %d days, or when its release was reviewed more than %d days ago. Flags marked permanent (kill switches, permissions) are never stale by time.", days, days)
}

// stale applies the rules to one flag at now.
func stale(fl Flag, r backend.Release, hasRelease bool, days int, now time.Time) []string {
	out := []string{}
	if fl.Archived || fl.Lifetime == "permanent" {
		return out
	}
	limit := now.Add(-time.Duration(days) * 24 * time.Hour)
	if fl.Lifetime == "temporary" && fl.CleanupDue != nil && fl.CleanupDue.Before(now) {
		out = append(out, fmt.Sprintf("Temporary and past its cleanup date (%s).", fl.CleanupDue.Format("2 Jan 2006")))
	}
	if fl.StateSince != nil && fl.StateSince.Before(limit) {
		switch Served(fl) {
		case 10000:
			out = append(out, fmt.Sprintf("Serving everyone since %s, more than %d days: remove the flag and keep the new path.", fl.StateSince.Format("2 Jan 2006"), days))
		case 0:
			out = append(out, fmt.Sprintf("Serving no one since %s, more than %d days: remove the flag and its dead code.", fl.StateSince.Format("2 Jan 2006"), days))
		}
	}
	if hasRelease && r.DeletedAt == nil && r.Times.Reviewed != nil && r.Times.Reviewed.Before(limit) {
		out = append(out, fmt.Sprintf("Its release “%s” was reviewed on %s, more than %d days ago.", r.Title, r.Times.Reviewed.Format("2 Jan 2006"), days))
	}
	return out
}

// Served is the share of users a flag serves the new behaviour, in
// hundredths of a percent: 10000 when on without a percentage, 0 when off,
// −1 when a percentage flag does not say which.
func Served(fl Flag) int64 {
	switch {
	case fl.State == "off":
		return 0
	case fl.State == "on" && fl.Percentage == nil:
		return 10000
	case fl.Percentage != nil:
		return *fl.Percentage
	}
	return -1
}

// FlagEdit is the founder's change to a flag: each field set replaces
// what Keel shows (nil leaves it).
type FlagEdit struct {
	Key        string     `json:"key"`
	Name       *string    `json:"name"`
	Owner      *string    `json:"owner"`
	Purpose    *string    `json:"purpose"`
	Type       *string    `json:"type"`
	Lifetime   *string    `json:"lifetime"`
	Release    *string    `json:"release"`
	Created    *time.Time `json:"created"`
	CleanupDue *time.Time `json:"cleanup_due"`
	State      *string    `json:"state"`
	Percentage *int64     `json:"percentage"`
}

var flagKey = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,119}$`)

// NewFlag registers a flag typed in Keel (not in a flag tool): key is what
// the code reads. A key already in the registry is refused.
func NewFlag(db *workspace.DB, key string) (Flag, error) {
	key = strings.TrimSpace(key)
	if !flagKey.MatchString(key) {
		return Flag{}, backend.Errorf(backend.Invalid, "%q is not a flag key: use letters, digits, dots, dashes or underscores, as your code reads it.", key)
	}
	reg, err := Flags(db, true)
	if err != nil {
		return Flag{}, err
	}
	for _, f := range reg.Flags {
		if strings.EqualFold(f.FlagKey, key) {
			return Flag{}, backend.Errorf(backend.Conflict, "The flag %q is already in the registry (from %s).", key, f.Source)
		}
	}
	now := db.Now().UTC()
	state, temp := "off", "temporary"
	n := workspace.FlagNote{Key: workspace.KeelFlagSource + ":" + strings.ToLower(key), FlagKey: key, Created: &now,
		State: &state, StateSince: &now, Lifetime: &temp}
	if err := db.SaveFlagNote(n); err != nil {
		return Flag{}, err
	}
	return flagByKey(db, n.Key)
}

// EditFlag saves the founder's change to a flag in one transaction.
func EditFlag(db *workspace.DB, e FlagEdit) (Flag, error) {
	notes, err := db.FlagNotes()
	if err != nil {
		return Flag{}, err
	}
	cur, err := flagByKey(db, e.Key)
	if err != nil {
		return Flag{}, err
	}
	n, ok := notes[e.Key]
	if !ok {
		n = workspace.FlagNote{Key: e.Key, FlagKey: cur.FlagKey}
	}
	trim := func(p *string) *string {
		if p == nil {
			return nil
		}
		v := strings.TrimSpace(*p)
		return &v
	}
	for _, f := range []struct {
		dst **string
		v   *string
	}{{&n.Name, e.Name}, {&n.Owner, e.Owner}, {&n.Purpose, e.Purpose}, {&n.Type, e.Type}, {&n.Lifetime, e.Lifetime}, {&n.ReleaseID, e.Release}} {
		if f.v != nil {
			*f.dst = trim(f.v)
			if len(**f.dst) > maxText {
				return cur, backend.Errorf(backend.Invalid, "That is too long for a flag (%d characters; %d at most).", len(**f.dst), maxText)
			}
		}
	}
	if n.Type != nil && *n.Type != "" && !slices.Contains(backend.FlagTypes, *n.Type) {
		return cur, backend.Errorf(backend.Invalid, "%q is not a flag type Keel knows: use %s.", *n.Type, strings.Join(backend.FlagTypes, ", "))
	}
	if n.Lifetime != nil && *n.Lifetime != "" && !slices.Contains(Lifetimes, *n.Lifetime) {
		return cur, backend.Errorf(backend.Invalid, "A flag is temporary or permanent, not %q.", *n.Lifetime)
	}
	if e.Release != nil && *e.Release != "" {
		if _, err := db.Release(*e.Release); err != nil {
			return cur, err
		}
	}
	if e.Created != nil {
		n.Created = e.Created
	}
	if e.CleanupDue != nil {
		n.CleanupDue = e.CleanupDue
	}
	if e.State != nil || e.Percentage != nil {
		state := cur.State
		if e.State != nil {
			state = *e.State
		}
		if !slices.Contains(FlagStates, state) {
			return cur, backend.Errorf(backend.Invalid, "A flag is on, off or at a percentage, not %q.", state)
		}
		pct := e.Percentage
		if state == "percentage" && pct == nil {
			pct = cur.Percentage
		}
		if state != "percentage" {
			pct = nil
		}
		if pct != nil && (*pct < 0 || *pct > 10000) {
			return cur, backend.Errorf(backend.Invalid, "A percentage is between 0 and 100.")
		}
		if state == "percentage" && pct == nil {
			return cur, backend.Errorf(backend.Invalid, "Say which percentage of users the flag serves.")
		}
		if state != cur.State || !samePct(pct, cur.Percentage) || n.State == nil {
			now := db.Now().UTC()
			n.StateSince = &now
		}
		n.State, n.Percentage = &state, pct
	}
	if err := db.SaveFlagNote(n); err != nil {
		return cur, err
	}
	return flagByKey(db, e.Key)
}

func samePct(a, b *int64) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

// DeleteFlag takes a flag out of the registry (a note marks it, so the
// imported row stays and the delete can be undone); RestoreFlag undoes it.
func DeleteFlag(db *workspace.DB, key string) error { return setFlagDeleted(db, key, true) }

// RestoreFlag brings back a deleted flag.
func RestoreFlag(db *workspace.DB, key string) error { return setFlagDeleted(db, key, false) }

func setFlagDeleted(db *workspace.DB, key string, del bool) error {
	cur, err := flagByKey(db, key)
	if err != nil {
		return err
	}
	notes, err := db.FlagNotes()
	if err != nil {
		return err
	}
	n, ok := notes[key]
	if !ok {
		n = workspace.FlagNote{Key: key, FlagKey: cur.FlagKey}
	}
	n.DeletedAt = nil
	if del {
		now := db.Now().UTC()
		n.DeletedAt = &now
	}
	return db.SaveFlagNote(n)
}

func flagByKey(db *workspace.DB, key string) (Flag, error) {
	reg, err := Flags(db, true)
	if err != nil {
		return Flag{}, err
	}
	for _, f := range reg.Flags {
		if f.Key == key {
			return f, nil
		}
	}
	return Flag{}, backend.Errorf(backend.NotFound, "There is no flag %q in the registry.", key)
}
