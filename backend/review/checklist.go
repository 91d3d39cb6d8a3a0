package review

import (
	"fmt"
	"strings"

	"keel/backend"
	"keel/backend/figures"
	"keel/backend/workspace"
)

// checkItems are the failure modes of scaling a product, the early ones
// first, then the late-process ones.
var checkItems = []CheckItem{
	{ID: "onboarding_founder_calls", Question: "Onboarding depends on founder calls"},
	{ID: "support_one_person", Question: "Support depends on one person"},
	{ID: "customers_bypass_priorities", Question: "Important customers bypass prioritisation"},
	{ID: "plans_by_hand", Question: "Plans are negotiated by hand"},
	{ID: "releases_without_observability", Question: "Releases go out without observability"},
	{ID: "positioning_wrong_users", Question: "Positioning attracts users the product cannot serve"},
	{ID: "meetings_without_decisions", Question: "Meetings happen without better decisions", Late: true},
	{ID: "roadmap_output_not_evidence", Question: "The roadmap lists output, not evidence", Late: true},
	{ID: "dashboards_nobody_uses", Question: "Dashboards nobody uses", Late: true},
	{ID: "process_for_its_own_sake", Question: "Rituals nobody would miss are kept for their own sake", Late: true},
}

// CheckItems lists the checklist's failure modes (without answers).
func CheckItems() []CheckItem { return append([]CheckItem(nil), checkItems...) }

func knownItem(id string) bool {
	for _, it := range checkItems {
		if it.ID == id {
			return true
		}
	}
	return false
}

// hints says what the data shows about some failure modes. It never names
// a person: the hints go into reports.
func hints(db *workspace.DB, m backend.Month, s *figures.Set) (map[string]string, error) {
	out := map[string]string{
		"releases_without_observability": releasesObserved(s, m),
		"roadmap_output_not_evidence":    "Feedback is not tracked in Keel yet, so Keel cannot link the roadmap to evidence.",
	}
	loc := db.Location()
	from, to := m.Start(loc).Unix(), m.End(loc).Unix()
	name := m.Name()
	var total, top int64
	if s.Tables != nil {
		for _, a := range s.Tables.Splits.Assignee {
			if a.Key != "" {
				total += a.Tickets
				top = max(top, a.Tickets)
			}
		}
	}
	if total >= 10 {
		share := float64(top) / float64(total)
		if share >= 0.5 {
			out["support_one_person"] = fmt.Sprintf("%s of %s's assigned tickets went to one person.", pct(share), name)
		} else {
			out["support_one_person"] = fmt.Sprintf("The busiest person took %s of %s's assigned tickets.", pct(share), name)
		}
	}
	invoices, discounted, err := db.InvoiceDiscounts(from, to)
	if err != nil {
		return nil, err
	}
	if invoices > 0 {
		out["plans_by_hand"] = fmt.Sprintf("%d of %s's %s carried a discount.", discounted, name, plural(float64(invoices), "invoice", "invoices"))
	}
	if h := earlyChurn(s.Cohorts); h != "" {
		out["positioning_wrong_users"] = h
	}
	return out, nil
}

// releasesObserved says how many of the month's releases went out with
// something to watch and their observability ready.
func releasesObserved(s *figures.Set, m backend.Month) string {
	log := s.Last().ReleaseLog
	if s.Has&figures.Releases == 0 || log == nil {
		return "No release is recorded in Keel, so Keel cannot check their watch windows."
	}
	if len(log.Shipped) == 0 {
		return fmt.Sprintf("No release went out in %s.", m.Name())
	}
	var blind []string
	for _, r := range log.Shipped {
		if !r.Observed {
			blind = append(blind, "“"+r.Title+"”")
		}
	}
	switch len(blind) {
	case 0:
		return fmt.Sprintf("Every release of %s went out with its observability ready and numbers to watch.", m.Name())
	case len(log.Shipped):
		return fmt.Sprintf("No release of %s went out with its observability ready and numbers to watch: %s.", m.Name(), strings.Join(blind, ", "))
	}
	return fmt.Sprintf("%d of %s's %s went out without observability ready or numbers to watch: %s.", len(blind), m.Name(),
		plural(float64(len(log.Shipped)), "release", "releases"), strings.Join(blind, ", "))
}

// earlyChurn reads the cohorts that started three to five months ago:
// how many of their customers had left three months in.
func earlyChurn(cs []figures.Cohort) string {
	var started, left int64
	var first, last backend.Month
	for back := 5; back >= 3; back-- {
		c := cohortBack(cs, back)
		if c == nil {
			continue
		}
		if started == 0 {
			first = c.Month
		}
		last = c.Month
		started += c.Customers
		left += c.Customers - c.Paying[3]
	}
	if started == 0 {
		return ""
	}
	span := first.Short()
	if last != first {
		span += " – " + last.Short()
	}
	return fmt.Sprintf("Of the %s who started paying in %s, %d had left three months later.",
		plural(float64(started), "customer", "customers"), span, left)
}
