package report

import (
	"strings"

	"keel/backend/figures"
	"keel/backend/releases"
)

// releases writes the Releases section: the release figures by month,
// then the review month's releases with their calls and warnings, those
// rolled back with why, and the flags at the month's end with the stale
// ones.
func (b *book) releases(g plain, row int) (int, error) {
	row, err := b.byMonth(g, row, "Releases", figures.Releases, releaseFields)
	log := b.s.Last().ReleaseLog
	if err != nil || log == nil {
		return row, err
	}
	if b.s.Has&figures.Releases != 0 {
		if row, err = b.releaseList(g, row, "Releases that went out in "+b.r.Title, log.Shipped, "No release went out this month."); err != nil {
			return row, err
		}
		if row, err = b.releaseList(g, row, "Rolled back in "+b.r.Title, log.RolledBack, "Nothing was rolled back this month."); err != nil {
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
	if err := b.f.MergeCell(g.sheet, cell(3, row), cell(6, row)); err != nil {
		return row, err
	}
	return row + 2, b.tall(g.sheet, row, 3, 6, keys, 50)
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
		return row + 2, b.tall(g.sheet, row, 1, operationsCols, none, 100)
	}
	if err := g.row(row, txt("Release", b.st.header), txt("Went out", b.st.header), txt("Call", b.st.header),
		txt("Why", b.st.header), txt("Kinds and areas", b.st.header), txt("Warnings", b.st.header)); err != nil {
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
		if err := g.row(row, txt(r.Title, b.st.wrap), c{r.ShippedAt.In(b.db.Location()), b.st.date}, txt(call, b.st.text),
			txt(r.Note, b.st.wrap), txt(what, b.st.wrap), txt(warn, b.st.wrap)); err != nil {
			return row, err
		}
		if err := b.tall(g.sheet, row, 6, 6, warn+" "+r.Note+" "+r.Title, 30); err != nil {
			return row, err
		}
		row++
	}
	return row + 1, nil
}
