package report

import (
	"keel/backend/review"
)

// Feedback, Releases and Manual work: what each will hold, and plainly
// that Keel does not track it yet. A sheet fills itself from the metrics
// as soon as its numbers exist.

func (b *book) feedback() error {
	return b.notTracked(SheetFeedback, "Feedback", "Not tracked yet: feedback.",
		"Once the triage inbox lands, this sheet lists the month's top feedback clusters by segment and plan, the strategy signals, "+
			"the product notes written when a cluster changed a decision, and the loops closed (planned, shipped, won't do).", nil)
}

func (b *book) releases() error {
	return b.notTracked(SheetReleases, "Releases", "Not tracked yet: releases.",
		"Once the release log lands, this sheet lists the releases shipped, rolled back and hot-fixed, bugs per release, "+
			"the go / hold / rollback calls with their evidence, and the flags past their cleanup date.",
		[]string{"operations.releases", "operations.rollbacks", "operations.hotfixes", "operations.bugs_per_release"})
}

func (b *book) manual() error {
	return b.notTracked(SheetManual, "Manual work", "Not tracked yet: manual work.",
		"Once the manual work log lands, this sheet lists the month's manual interventions by account and kind, the minutes they took, "+
			"and interventions per account against the number of customers.",
		[]string{"operations.manual_interventions", "operations.manual_minutes", "operations.manual_interventions_per_account"})
}

// notTracked writes a sheet for a capability Keel does not have yet; when
// the metrics already carry its numbers, they are shown by month.
func (b *book) notTracked(sheet, title, headline, body string, keys []string) error {
	widths := []float64{14}
	for range keys {
		widths = append(widths, 18)
	}
	if len(widths) < 6 {
		widths = append(widths, make([]float64, 6-len(widths))...)
		for i := range widths {
			if widths[i] == 0 {
				widths[i] = 18
			}
		}
	}
	if err := b.setup(sheet, widths, 0); err != nil {
		return err
	}
	g := plain{b.f, sheet}
	if err := g.row(1, txt(title+" — "+b.r.Title, b.st.title)); err != nil {
		return err
	}
	tracked := false
	for _, k := range keys {
		if b.fig.Last(k) != nil {
			tracked = true
		}
	}
	if !tracked {
		if err := g.row(3, txt(headline, b.st.warning)); err != nil {
			return err
		}
		if err := b.tall(sheet, 3, 1, len(widths), headline, 60); err != nil {
			return err
		}
		if err := g.row(4, txt(body, b.st.muted)); err != nil {
			return err
		}
		return b.tall(sheet, 4, 1, len(widths), body, 100)
	}
	head := []c{txt("Month", b.st.header)}
	for _, k := range keys {
		head = append(head, txt(review.FieldOf(k).Label, b.st.headerRight))
	}
	if err := g.row(3, head...); err != nil {
		return err
	}
	for m, month := range b.fig.Months {
		cells := []c{b.monthCell(month)}
		for _, k := range keys {
			cells = append(cells, b.num(b.fig.Value(k, m), review.FieldOf(k).Unit))
		}
		if err := g.row(4+m, cells...); err != nil {
			return err
		}
	}
	return b.f.SetPanes(sheet, freezePanes(3, 1))
}
