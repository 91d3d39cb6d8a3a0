package app

import (
	"context"
	"encoding/json"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/charts"
	"keel/backend/figures"
	"keel/backend/revenue"
	"keel/backend/support"
)

// Support is the bound API of the Support load screen: tickets per active
// account against customers, reply and resolution times, satisfaction, the
// top tags and channels, and tickets by plan and lifecycle stage at the
// time of each ticket. The figures come from the read model
// (backend/figures), as `keel metrics` does; the breakdowns from
// backend/support.
type Support struct{ s *State }

// NewSupport binds the support API to the state.
func NewSupport(s *State) *Support { return &Support{s} }

// CountRow is a tag's or channel's tickets in the month and the month before.
type CountRow struct {
	Key     string `json:"key"`
	Tickets int64  `json:"tickets"`
	Prev    int64  `json:"prev"`
}

// BreakdownRow is a plan's or lifecycle stage's tickets: the month, the
// month before, and the 12 months of the trend (as SupportOverview.Trend).
type BreakdownRow = support.Named

// SupportMonth is one month of the table under the chart.
type SupportMonth struct {
	Month                   backend.Month `json:"month"`
	Tickets                 *int64        `json:"tickets"` // null: no helpdesk data for the month
	Solved                  *int64        `json:"solved"`
	Active                  *int64        `json:"active_accounts"`
	Customers               *int64        `json:"customers"`
	TicketsPerActiveAccount *float64      `json:"tickets_per_active_account"`
	TicketsPerCustomer      *float64      `json:"tickets_per_customer"`
	FirstReplyMinutesP50    *int64        `json:"first_reply_minutes_p50"`
	FirstReplyMinutesP90    *int64        `json:"first_reply_minutes_p90"`
	ResolutionMinutesP50    *int64        `json:"resolution_minutes_p50"`
	ResolutionMinutesP90    *int64        `json:"resolution_minutes_p90"`
	Satisfaction            *float64      `json:"satisfaction"`
	Unlinked                int64         `json:"unlinked"` // tickets of the month without an account
}

// SupportOverview is the Support load screen for one month.
type SupportOverview struct {
	Period
	HasTickets bool            `json:"has_tickets"`
	Missing    *Hint           `json:"missing"`
	Tiles      []Tile          `json:"tiles"`
	Chart      json.RawMessage `json:"chart"`
	// PerAccount says why the chart draws the tickets alone: no month has
	// active accounts to divide them by (nil when the ratio is drawn).
	PerAccount *Hint `json:"per_account_missing"`
	// Months are the 12 months of the trend, newest first, as the table
	// under the chart shows them.
	Months   []SupportMonth `json:"months"`
	Tags     []CountRow     `json:"tags"`     // the month's most used, with the month before
	Channels []CountRow     `json:"channels"` // every channel of the month
	ByPlan   []BreakdownRow `json:"by_plan"`
	ByStage  []BreakdownRow `json:"by_stage"`
	// Unlinked counts the month's tickets without an account, and
	// UnlinkedTotal all of them; the Accounts screen lists them.
	Unlinked      int64           `json:"unlinked"`
	UnlinkedTotal int64           `json:"unlinked_total"`
	Trend         []backend.Month `json:"trend"` // the months of ByPlan and ByStage, oldest first
}

var stageLabels = map[string]string{
	accounts.StageTrial:    "On trial",
	accounts.StageNew:      "New (first 30 days)",
	accounts.StagePaying:   "Paying",
	accounts.StageChurned:  "Churned",
	accounts.StageFree:     "Never paid",
	accounts.StageUnlinked: "No account",
}

// supportTile is a tile of the Support screen: its figure and the figure
// its note shows.
type supportTile struct {
	f, note   *figures.Field
	noteLabel string
}

var supportTiles = func() []supportTile {
	f := func(key string) *figures.Field { return figures.MustFields(key)[0] }
	return []supportTile{
		{f("support.tickets_per_active_account"), f("support.active_accounts"), "active accounts"},
		{f("support.tickets"), f("support.solved"), "solved"},
		{f("support.first_reply_minutes_p50"), f("support.first_reply_minutes_p90"), "p90"},
		{f("support.resolution_minutes_p50"), f("support.resolution_minutes_p90"), "p90"},
		{f("support.satisfaction"), nil, ""},
		{f("support.active_accounts"), f("revenue.customers"), "paying"},
	}
}()

// Overview is the screen for month (YYYY-MM; "" for the last complete month).
func (sp *Support) Overview(month string) (*SupportOverview, error) {
	db, err := sp.s.workspace()
	if err != nil {
		return nil, err
	}
	sel, per, err := sp.s.pickMonth(db, month)
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	first := trend(sel)
	s, err := figures.Load(db, first, sel)
	if err != nil {
		return nil, err
	}
	v, err := support.Load(ctx, db, first, sel)
	if err != nil {
		return nil, err
	}
	has := s.Has&figures.Tickets != 0
	out := &SupportOverview{Period: per, HasTickets: has, Tiles: []Tile{}, Months: []SupportMonth{}, Tags: []CountRow{},
		Channels: []CountRow{}, ByPlan: []BreakdownRow{}, ByStage: []BreakdownRow{}, Trend: s.MonthList()}
	if !has {
		out.Missing = figures.NeedHelpdesk
	}
	for _, st := range supportTiles {
		t, err := figureTile(s, st.f)
		if err != nil {
			return nil, err
		}
		if st.note != nil && has {
			t.Note = noteOf(s, st.note, st.noteLabel)
		}
		out.Tiles = append(out.Tiles, t)
	}
	if has {
		perAccount := false
		for _, m := range s.Months {
			perAccount = perAccount || m.Support.TicketsPerActiveAccount != nil
		}
		if perAccount {
			out.Chart, err = charts.SupportLoad(s.Months)
		} else {
			f := figures.MustFields("support.tickets_per_active_account")[0]
			if out.PerAccount = s.Has.Lacks(f.Needs); out.PerAccount == nil {
				out.PerAccount = &Hint{Text: s.Missing(f)}
			}
			out.Chart, err = charts.SupportTickets(s.Months)
		}
		if err != nil {
			return nil, err
		}
	}
	for i := len(s.Months) - 1; i >= 0; i-- {
		m := &s.Months[i]
		sup := &m.Support
		row := SupportMonth{Month: m.Month, Active: sup.ActiveAccounts, Customers: m.Revenue.Customers,
			TicketsPerActiveAccount: sup.TicketsPerActiveAccount, TicketsPerCustomer: m.TicketsPerCustomer(),
			FirstReplyMinutesP50: sup.FirstReplyMinutesP50, FirstReplyMinutesP90: sup.FirstReplyMinutesP90,
			ResolutionMinutesP50: sup.ResolutionMinutesP50, ResolutionMinutesP90: sup.ResolutionMinutesP90,
			Satisfaction: sup.Satisfaction, Unlinked: v.Unlinked[i]}
		row.Tickets, row.Solved = sup.Tickets, sup.Solved
		out.Months = append(out.Months, row)
	}
	out.Unlinked = v.Unlinked[len(v.Unlinked)-1]
	if has {
		un, err := accounts.Unlinked(ctx, db)
		if err != nil {
			return nil, err
		}
		out.UnlinkedTotal = un.Tickets
	}
	// Tags and channels of the month, with the month before.
	cur, err := support.Load(ctx, db, sel, sel)
	if err != nil {
		return nil, err
	}
	prev, err := support.Load(ctx, db, sel.Add(-1), sel.Add(-1))
	if err != nil {
		return nil, err
	}
	out.Tags = countRows(cur.Tags, prev.Tags)
	out.Channels = countRows(cur.Channels, prev.Channels)
	plans, err := revenue.LoadPlanNames(db)
	if err != nil {
		return nil, err
	}
	out.ByPlan = support.Name(v.ByPlan, func(k string) string {
		if k == "" {
			return "No plan"
		}
		return plans.Of(k)
	})
	out.ByStage = support.Name(v.ByStage, func(k string) string {
		if l, ok := stageLabels[k]; ok {
			return l
		}
		return k
	})
	return out, nil
}

func countRows(cur, prev []support.Count) []CountRow {
	before := map[string]int64{}
	for _, c := range prev {
		before[c.Key] = c.Tickets
	}
	out := []CountRow{}
	for _, c := range cur {
		out = append(out, CountRow{Key: c.Key, Tickets: c.Tickets, Prev: before[c.Key]})
	}
	return out
}
