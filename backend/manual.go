package backend

import "time"

// Kinds of manual intervention (DESIGN.md, Manual work).
var ManualKinds = []string{"refund", "data_fix", "onboarding_call", "billing_change", "account_review", "other"}

// ManualWork is one manual intervention: logged in Keel (Source "keel",
// no import) or imported from a CSV file. Account is what the founder or
// the file named: an account id, an e-mail address, a domain or a name;
// the manual package resolves it to an account when it reads.
type ManualWork struct {
	Source  string
	ID      string
	At      time.Time
	Account string
	Type    string // one of ManualKinds
	Minutes int64
	Note    string
	Attrs   Attrs
}

func (m *ManualWork) Kind() string { return "manual_work" }
func (m *ManualWork) Key() string  { return m.Source + ":" + m.ID }
