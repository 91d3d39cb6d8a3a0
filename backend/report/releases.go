package report

import (
	"strings"

	"keel/backend/figures"
	"keel/backend/releases"
)

// releases writes the release and manual work figures by month, then the
// review month's releases with their calls and warnings, those rolled
// back with why, and the flags at the month's end with the stale ones.
func (b *book) releases(g plain, row int) (int, error) {
	row, err := b.byMonth(g, row, "Releases and manual work", area{figures.Releases, releaseFields}, area{figures.Manual, manualFields})
	log := b.s.Last().ReleaseLog
	if err != nil || log == nil {
		return row, err
	}
	if b.s.Has&figures.Releases != 0 {
		if row, err = b.releaseList(g, row, "Releases that went out in "+b.r.Title, log.Shipped, "No release went out this month."); err != nil {
			return row, err
		}
		if len(log.RolledBack) == 0 { // said under the releases
			none := "Nothing was rolled back this month."
			if err := g.row(row-1, txt(none, b.st.muted)); err != nil {
				return row, err
			}
			if err := b.merged(g.sheet, row-1, operationsWidths, span{1, len(operationsWidths), none}); err != nil {
				return row, err
			}
			row++
		} else if row, err = b.releaseList(g, row, "Rolled back in "+b.r.Title, log.RolledBack, ""); err != nil {
			return row, err
		}
	}
	fl := log.Flags
	if fl == nil {
		return row, nil
	}
	if err := g.row(row, txt("Flags at the end of "+b.r.Title, b.st.section)); err != nil {
		return row, err
	}
	row++
	if err := g.row(row, txt("Flags", b.st.header), txt("Stale", b.st.headerRight), txt("Stale flags", b.st.header)); err != nil {
		return row, err
	}
	row++
	keys := strings.Join(fl.Keys, ", ")
	if keys == "" {
		keys = "—"
	}
	if err := g.row(row, c{fl.Total, b.st.count}, c{fl.Stale, b.st.count}, txt(keys, b.st.wrap)); err != nil {
		return row, err
	}
	return row + 2, b.tall(g.sheet, row, 3, len(operationsWidths), keys, 88)
}

// releaseList writes one list of releases: title, when it went out, the
// latest call with its reason, and what Keel warns about it.
func (b *book) releaseList(g plain, row int, title string, rs []releases.Shipped, none string) (int, error) {
	if err := g.row(row, txt(title, b.st.section)); err != nil {
		return row, err
	}
	row++
	if len(rs) == 0 {
		if err := g.row(row, txt(none, b.st.muted)); err != nil {
			return row, err
		}
		return row + 2, b.tall(g.sheet, row, 1, len(operationsWidths), none, 100)
	}
	// Release A, went out B, call C, why D:E, kinds and areas F:G,
	// warnings H:J.
	if err := g.row(row, txt("Release", b.st.header), txt("Went out", b.st.header), txt("Call", b.st.header),
		txt("Why", b.st.header), c{}, txt("Kinds and areas", b.st.header), c{}, txt("Warnings", b.st.header)); err != nil {
		return row, err
	}
	if err := b.merged(g.sheet, row, operationsWidths, releaseSpans("", "", "", "", "")...); err != nil {
		return row, err
	}
	row++
	for _, r := range rs {
		call := "—" // no call yet
		if r.Call != "" {
			// The latest call, with its day: it can be later than the month.
			call = strings.ToUpper(r.Call[:1]) + r.Call[1:]
			if r.CallAt != nil {
				call += " on " + r.CallAt.In(b.db.Location()).Format("2 Jan 2006")
			}
		}
		what := strings.Join(append(append([]string{}, r.Kinds...), r.Areas...), ", ")
		warns := append([]string{}, r.Warnings...)
		if !r.Observed {
			warns = append(warns, "Went out without its observability ready or numbers to watch.")
		}
		warn := strings.Join(warns, " ")
		if err := g.row(row, txt(r.Title, b.st.wrap), c{r.ShippedAt.In(b.db.Location()), b.st.date}, txt(call, b.st.wrap),
			txt(r.Note, b.st.wrap), c{}, txt(what, b.st.wrap), c{}, txt(warn, b.st.wrap)); err != nil {
			return row, err
		}
		if err := b.merged(g.sheet, row, operationsWidths, releaseSpans(r.Title, call, r.Note, what, warn)...); err != nil {
			return row, err
		}
		row++
	}
	return row + 1, nil
}

// releaseSpans are the columns of a release: its title, call, why, kinds
// and areas, warnings.
func releaseSpans(title, call, why, what, warn string) []span {
	return []span{{1, 1, title}, {3, 3, call}, {4, 5, why}, {6, 7, what}, {8, 10, warn}}
}
