package report

import (
	"os"
	"testing"

	"keel/backend/review"
)

func TestZZRich(t *testing.T) {
	db := demoDB(t, demoNow)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(review.SaveStep(db, "2026-02", "revenue", "Scale plan drives the growth; watch Starter churn.", true))
	must(review.Answer(db, "2026-02", "support_one_person", "yes", "Maya and Priya carry most tickets."))
	must(review.Answer(db, "2026-02", "plans_by_hand", "no", ""))
	must(review.Answer(db, "2026-02", "dashboards_nobody_uses", "unsure", "Check the usage of the ops dashboard."))
	_, err := review.AddDecision(db, "2026-02", review.Decision{Kind: "fix", What: "Write the onboarding checklist so that Growth customers activate without a call", Owner: "Sam", Due: "2026-03-31"})
	must(err)
	_, err = review.AddDecision(db, "2026-02", review.Decision{Kind: "stop", What: "Hand-made discounts on Starter", Owner: "Alex", Due: "2026-03-15"})
	must(err)
	must(review.SaveNotes(db, "2026-02", "Good month. Hire a second support person before summer."))
	_, err = review.Freeze(db, "2026-02")
	must(err)
	importLatePayment(t, db)
	f, _ := os.Create("/tmp/rich.xlsx")
	defer f.Close()
	must(Write(db, "2026-02", f, Options{}))
}
