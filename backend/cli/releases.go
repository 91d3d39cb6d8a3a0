package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"keel/backend/releases"
	"keel/backend/workspace"
)

// releasesOut is what `keel releases --json` prints: every release (not
// deleted) with its status and times, checklist, warnings, calls with the
// evidence frozen with them, and the flag registry.
type releasesOut struct {
	Releases []releases.View   `json:"releases"`
	Flags    releases.Registry `json:"flags"`
}

// releasesCmd lists the releases and the flag registry.
func releasesCmd(args []string, out, errOut io.Writer) error {
	ws, asJSON, err := listingFlags("releases", args, errOut)
	if err != nil {
		return err
	}
	// A listing: read without writing (workspace.View), as metrics does.
	return workspace.View(ws, func(db *workspace.DB) error { return listReleases(db, asJSON, out) })
}

func listReleases(db *workspace.DB, asJSON bool, out io.Writer) error {
	rs, err := db.Releases(false)
	if err != nil {
		return err
	}
	reg, err := releases.Flags(db, false)
	if err != nil {
		return err
	}
	o := releasesOut{Releases: []releases.View{}, Flags: *reg}
	for _, r := range rs {
		o.Releases = append(o.Releases, releases.Describe(r, reg))
	}
	if asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(o)
	}
	loc := db.Location()
	for _, v := range o.Releases {
		when := "not shipped"
		if v.ShippedAt != nil {
			when = "shipped " + v.ShippedAt.In(loc).Format("2006-01-02 15:04")
		}
		fmt.Fprintf(out, "%s  %s (%s, %s)\n", v.ID, v.Title, strings.ReplaceAll(v.Status, "_", " "), when)
		if c := releases.LastCall(v.Release); c != nil {
			fmt.Fprintf(out, "    call: %s by %s on %s — %s\n", c.Call, c.By, c.At.In(loc).Format("2006-01-02"), c.Note)
		}
		for _, w := range v.Warnings {
			fmt.Fprintf(out, "    warning: %s\n", w.Text)
		}
	}
	fmt.Fprintf(out, "%d releases; %d flags, %d stale.\n", len(o.Releases), len(reg.Flags), reg.Stale)
	return nil
}
