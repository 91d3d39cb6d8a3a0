package manual

import (
	"context"
	"sort"
	"time"

	"keel/backend/accounts"
	"keel/backend/workspace"
)

// Entry is one intervention as the screens show it.
type Entry struct {
	Key         string    `json:"key"`
	At          time.Time `json:"at"`
	Date        string    `json:"date"`    // YYYY-MM-DD, workspace time zone
	Account     string    `json:"account"` // the account's id, "" when none or not found
	AccountName string    `json:"account_name"`
	// Ref is what the file named when no account answers to it.
	Ref       string `json:"ref"`
	Kind      string `json:"kind"`
	KindLabel string `json:"kind_label"`
	Minutes   int64  `json:"minutes"`
	Note      string `json:"note"`
	ImportID  *int64 `json:"import_id"` // nil: logged in Keel, so it can be changed
}

// KindRow is one kind's interventions and minutes in the month.
type KindRow struct {
	Kind          string `json:"kind"`
	Label         string `json:"label"`
	Interventions int64  `json:"interventions"`
	Minutes       int64  `json:"minutes"`
}

// AccountRow is one account's manual work over the trend's months.
type AccountRow struct {
	Account       string `json:"account"` // "" for work tied to no account
	Name          string `json:"name"`
	Interventions int64  `json:"interventions"`
	Minutes       int64  `json:"minutes"`
}

// SegmentRow is one plan's interventions per month of the trend: the plan
// each account was on at the time of the intervention.
type SegmentRow struct {
	Plan   string  `json:"plan"` // readable; "" for accounts on no paid plan then
	Months []int64 `json:"months"`
	Total  int64   `json:"total"`
}

// Overview is the Manual work screen for one month.
type Overview struct {
	Month       string       `json:"month"`
	Months      []Month      `json:"months"` // the 12 months ending with Month, oldest first
	Entries     []Entry      `json:"entries"`
	ByKind      []KindRow    `json:"by_kind"`
	TopAccounts []AccountRow `json:"top_accounts"` // over the 12 months, most minutes first
	BySegment   []SegmentRow `json:"by_segment"`
	Warning     *Warning     `json:"warning"`
	Logged      int64        `json:"logged"` // interventions in the whole log
	// Latest are the last interventions of the log, whatever the month
	// shown: what was just logged is always in sight.
	Latest []Entry `json:"latest"`
}

// TopN is how many accounts the overview lists, LatestN how many of the
// last interventions.
const (
	TopN    = 10
	LatestN = 6
)

// Load builds the overview of the month containing m; planName turns the
// billing's plan ids into the words a founder uses.
func Load(ctx context.Context, db *workspace.DB, m time.Time, planName func(string) string) (*Overview, error) {
	loc := db.Location()
	last := monthStart(m, loc)
	first := last.AddDate(0, -11, 0)
	end := last.AddDate(0, 1, 0)
	months, err := Months(ctx, db, first, last)
	if err != nil {
		return nil, err
	}
	o := &Overview{Month: last.Format("2006-01"), Months: months, Entries: []Entry{}, ByKind: []KindRow{}, TopAccounts: []AccountRow{},
		BySegment: []SegmentRow{}, Warning: Outgrowing(months), Latest: []Entry{}}
	if o.Logged, err = db.ManualWorkCount(); err != nil || o.Logged == 0 {
		return o, err
	}
	stored, err := db.ManualWork(first, end)
	if err != nil {
		return nil, err
	}
	look, err := accounts.LoadLookup(ctx, db)
	if err != nil {
		return nil, err
	}
	bill, err := accounts.LoadBilling(ctx, db, first, end.Add(-time.Second))
	if err != nil {
		bill = nil // without billing every intervention is on "no plan"
	}
	kinds := map[string]*KindRow{}
	accs := map[string]*AccountRow{}
	segs := map[string]*SegmentRow{}
	entry := func(s workspace.ManualEntry) Entry {
		e := Entry{Key: s.Key, At: s.At, Date: s.At.In(loc).Format("2006-01-02"), Kind: s.Type, KindLabel: Label(s.Type),
			Minutes: s.Minutes, Note: s.Note, ImportID: s.ImportID}
		if look.Exists(s.Account) {
			e.Account = s.Account
		} else if id, ok := look.Find(s.Account); ok {
			e.Account = id
		} else {
			e.Ref = s.Account
		}
		e.AccountName = look.Name(e.Account)
		return e
	}
	latest, err := db.LatestManualWork(LatestN)
	if err != nil {
		return nil, err
	}
	for _, s := range latest {
		o.Latest = append(o.Latest, entry(s))
	}
	for _, s := range stored {
		e := entry(s)
		i := monthIndex(s.At, first, loc)
		if i == 11 {
			o.Entries = append(o.Entries, e)
			k := kinds[e.Kind]
			if k == nil {
				k = &KindRow{Kind: e.Kind, Label: e.KindLabel}
				kinds[e.Kind] = k
			}
			k.Interventions++
			k.Minutes += e.Minutes
		}
		a := accs[e.Account]
		if a == nil {
			a = &AccountRow{Account: e.Account, Name: e.AccountName}
			accs[e.Account] = a
		}
		a.Interventions++
		a.Minutes += e.Minutes
		plan := ""
		if bill != nil && e.Account != "" {
			plan, _ = bill.State(e.Account, s.At.Unix())
			plan = planName(plan)
		}
		sg := segs[plan]
		if sg == nil {
			sg = &SegmentRow{Plan: plan, Months: make([]int64, 12)}
			segs[plan] = sg
		}
		sg.Months[i]++
		sg.Total++
	}
	sort.SliceStable(o.Entries, func(i, j int) bool { return o.Entries[i].At.After(o.Entries[j].At) })
	for _, k := range kinds {
		o.ByKind = append(o.ByKind, *k)
	}
	sort.Slice(o.ByKind, func(i, j int) bool {
		a, b := o.ByKind[i], o.ByKind[j]
		return a.Minutes > b.Minutes || a.Minutes == b.Minutes && a.Kind < b.Kind
	})
	for _, a := range accs {
		o.TopAccounts = append(o.TopAccounts, *a)
	}
	sort.Slice(o.TopAccounts, func(i, j int) bool {
		a, b := o.TopAccounts[i], o.TopAccounts[j]
		return a.Minutes > b.Minutes || a.Minutes == b.Minutes && a.Name < b.Name
	})
	if len(o.TopAccounts) > TopN {
		o.TopAccounts = o.TopAccounts[:TopN]
	}
	for _, s := range segs {
		o.BySegment = append(o.BySegment, *s)
	}
	sort.Slice(o.BySegment, func(i, j int) bool {
		a, b := o.BySegment[i], o.BySegment[j]
		return a.Total > b.Total || a.Total == b.Total && a.Plan < b.Plan
	})
	return o, nil
}
