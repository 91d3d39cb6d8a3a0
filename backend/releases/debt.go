package releases

import (
	"fmt"
	"strings"

	"keel/backend/debt"
	"keel/backend/workspace"
)

// Debt is the releases area's operating debt: the known issues without a
// safe workaround, and the flags the registry finds stale (its rules, at
// the workspace clock's now). Each opens the Releases screen on what to fix.
func Debt(db *workspace.DB) ([]debt.Entry, error) {
	rs, err := db.Releases(false)
	if err != nil {
		return nil, err
	}
	out := []debt.Entry{}
	for _, r := range rs {
		for _, k := range r.KnownIssues {
			if !Open(k) {
				continue
			}
			detail := "No workaround written yet: write one support can give, or fix it."
			if k.Workaround != "" {
				detail = fmt.Sprintf("The workaround (%s) is not safe for customers: fix it, or find a safe one.", strings.TrimRight(k.Workaround, "."))
			}
			out = append(out, debt.Entry{Kind: debt.KnownIssue, Area: "releases", Ref: r.ID, Since: k.Opened,
				Title: fmt.Sprintf("%s, since “%s”", k.Title, r.Title), Detail: detail})
		}
	}
	flags, err := staleFlags(db)
	return append(out, flags...), err
}

// staleFlags are the stale flags of the registry. Since is the day the
// first rule applied when it has one: the cleanup date passed, or the
// threshold after the flag last changed state.
func staleFlags(db *workspace.DB) ([]debt.Entry, error) {
	reg, err := Flags(db, false)
	if err != nil {
		return nil, err
	}
	loc := db.Location()
	now := db.Now()
	out := []debt.Entry{}
	for _, f := range reg.Flags {
		if len(f.Stale) == 0 || f.DeletedAt != nil {
			continue
		}
		since := ""
		switch limit := now.AddDate(0, 0, -reg.StaleDays); {
		case f.Lifetime == "temporary" && f.CleanupDue != nil && f.CleanupDue.Before(now):
			since = f.CleanupDue.In(loc).Format("2006-01-02")
		case f.StateSince != nil && f.StateSince.Before(limit):
			since = f.StateSince.AddDate(0, 0, reg.StaleDays).In(loc).Format("2006-01-02")
		}
		detail := f.Stale[0]
		if f.Owner != "" {
			detail += " " + f.Owner + " owns it."
		}
		out = append(out, debt.Entry{Kind: debt.StaleFlag, Area: "releases", Ref: f.FlagKey, Since: since,
			Title: "Clean up the flag “" + f.FlagKey + "”", Detail: detail})
	}
	return out, nil
}
