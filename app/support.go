package app

import (
	"context"
	"encoding/json"
	"sort"
	"time"

	"keel/backend/accounts"
	"keel/backend/charts"
	"keel/backend/review"
	"keel/backend/support"
)

// Support is the bound API of the Support load screen: tickets per active
// account against customers, reply and resolution times, satisfaction, the
// top tags and channels, and tickets by plan and lifecycle stage at the
// time of each ticket. The numbers come from backend/support, the same
// rules as `keel metrics`.
type Support struct{ s *State }

// NewSupport binds the support API to the state.
func NewSupport(s *State) *Support { return &Support{s} }

var needHelpdesk = &Hint{Text: "Import your helpdesk tickets (a Zendesk, Freshdesk, Help Scout, Intercom or Front export) to see the support load.",
	Source: "zendesk", Kind: "tickets"}

// CountRow is a tag's or channel's tickets in the month and the month before.
type CountRow struct {
	Key     string `json:"key"`
	Tickets int64  `json:"tickets"`
	Prev    int64  `json:"prev"`
}

// BreakdownRow is a plan's or lifecycle stage's tickets: the month, the
// month before, and the 12 months of the trend.
type BreakdownRow struct {
	Key     string  `json:"key"` // the plan ("" = no plan) or stage
	Label   string  `json:"label"`
	Tickets int64   `json:"tickets"`
	Prev    int64   `json:"prev"`
	Months  []int64 `json:"months"` // as SupportOverview.Months, oldest first
	Total   int64   `json:"total"`  // over the 12 months
}

// SupportOverview is the Support load screen for one month.
type SupportOverview struct {
	Period
	HasTickets bool            `json:"has_tickets"`
	Missing    *Hint           `json:"missing"`
	Tiles      []Tile          `json:"tiles"`
	Chart      json.RawMessage `json:"chart"`
	// Months are the 12 months of the trend, newest first, as the table
	// under the chart shows them.
	Months   []support.Month `json:"months"`
	Tags     []CountRow      `json:"tags"`     // the month's most used, with the month before
	Channels []CountRow      `json:"channels"` // every channel of the month
	ByPlan   []BreakdownRow  `json:"by_plan"`
	ByStage  []BreakdownRow  `json:"by_stage"`
	// Unlinked counts the month's tickets without an account, and
	// UnlinkedTotal all of them; the Accounts screen lists them.
	Unlinked      int64    `json:"unlinked"`
	UnlinkedTotal int64    `json:"unlinked_total"`
	Trend         []string `json:"trend"` // the months of ByPlan and ByStage, oldest first
}

var stageLabels = map[string]string{
	accounts.StageTrial:    "On trial",
	accounts.StageNew:      "New (first 30 days)",
	accounts.StagePaying:   "Paying",
	accounts.StageChurned:  "Churned",
	accounts.StageFree:     "Never paid",
	accounts.StageUnlinked: "No account",
}

// supportTile is a tile of the Support screen: field, how to read a month's
// value, a note, and why it can be null with tickets present.
type supportTile struct {
	key           string
	value         func(support.Month) *float64
	note          func(support.Month) *float64
	noteUnit      string
	noteLabel     string
	noDenominator string
}

var supportTiles = []supportTile{
	{key: "support.tickets_per_active_account", value: func(m support.Month) *float64 { return m.TicketsPerActiveAccount },
		note: func(m support.Month) *float64 { return i2f(m.Active) }, noteUnit: "count", noteLabel: "active accounts",
		noDenominator: "No active accounts this month, so there is nothing to divide by."},
	{key: "support.tickets", value: func(m support.Month) *float64 { return f64(m.Tickets) },
		note: func(m support.Month) *float64 { return f64(m.Solved) }, noteUnit: "count", noteLabel: "solved"},
	{key: "support.first_reply_minutes_p50", value: func(m support.Month) *float64 { return i2f(m.FirstReplyMinutesP50) },
		note: func(m support.Month) *float64 { return i2f(m.FirstReplyMinutesP90) }, noteUnit: "minutes", noteLabel: "p90",
		noDenominator: "No ticket created this month has a first reply yet."},
	{key: "support.resolution_minutes_p50", value: func(m support.Month) *float64 { return i2f(m.ResolutionMinutesP50) },
		note: func(m support.Month) *float64 { return i2f(m.ResolutionMinutesP90) }, noteUnit: "minutes", noteLabel: "p90",
		noDenominator: "No ticket was solved this month."},
	{key: "support.satisfaction", value: func(m support.Month) *float64 { return m.Satisfaction },
		noDenominator: "No ticket created this month was rated good or bad."},
	{key: "support.active_accounts", value: func(m support.Month) *float64 { return i2f(m.Active) },
		note: func(m support.Month) *float64 { return i2f(m.Customers) }, noteUnit: "count", noteLabel: "paying",
		noDenominator: "Filled once billing customers or product events are imported."},
}

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
	first, labels := trend(sel)
	v, err := support.Load(ctx, db, first, sel)
	if err != nil {
		return nil, err
	}
	has, err := hasAny(db, "tickets")
	if err != nil {
		return nil, err
	}
	if has {
		var oldest int64
		if err := db.SQL().QueryRow("SELECT MIN(created) FROM tickets").Scan(&oldest); err == nil && oldest > 0 {
			t := time.Unix(oldest, 0).In(db.Location())
			per.widen(time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, db.Location()))
		}
	}
	out := &SupportOverview{Period: per, HasTickets: has, Tiles: []Tile{}, Months: []support.Month{}, Tags: []CountRow{},
		Channels: []CountRow{}, ByPlan: []BreakdownRow{}, ByStage: []BreakdownRow{}, Trend: labels}
	if !has {
		out.Missing = needHelpdesk
	}
	last := len(v.Months) - 1
	for _, sp := range supportTiles {
		values := make([]*float64, len(v.Months))
		if has {
			for i, m := range v.Months {
				values[i] = sp.value(m)
			}
		}
		missing := needHelpdesk.Text
		if has {
			missing = sp.noDenominator
		}
		t, err := seriesTile(sp.key, labels, values, review.Rules{}, missing)
		if err != nil {
			return nil, err
		}
		if sp.note != nil && has {
			t.Note = &Note{Value: sp.note(v.Months[last]), Unit: sp.noteUnit, Label: sp.noteLabel}
		}
		out.Tiles = append(out.Tiles, t)
	}
	if has {
		if out.Chart, err = charts.SupportLoad(v.Months); err != nil {
			return nil, err
		}
	}
	for i := last; i >= 0; i-- {
		out.Months = append(out.Months, v.Months[i])
	}
	out.Unlinked = v.Months[last].Unlinked
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
	prev, err := support.Load(ctx, db, sel.AddDate(0, -1, 0), sel.AddDate(0, -1, 0))
	if err != nil {
		return nil, err
	}
	out.Tags = countRows(cur.Tags, prev.Tags)
	out.Channels = countRows(cur.Channels, prev.Channels)
	plans := loadPlanWords(db)
	out.ByPlan = breakdownRows(v.ByPlan, func(k string) string {
		if k == "" {
			return "No plan"
		}
		return plans.of(k)
	})
	out.ByStage = breakdownRows(v.ByStage, func(k string) string {
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

// breakdownRows lists the plans or stages with tickets in the 12 months,
// most tickets this month first. Keys with the same label are one row (two
// prices of one plan, say): Key is then the first of them.
func breakdownRows(bs []support.Breakdown, label func(string) string) []BreakdownRow {
	out := []BreakdownRow{}
	at := map[string]int{}
	for _, b := range bs {
		n := len(b.Tickets)
		if n == 0 || b.Total == 0 {
			continue
		}
		l := label(b.Key)
		i, ok := at[l]
		if !ok {
			i = len(out)
			at[l] = i
			out = append(out, BreakdownRow{Key: b.Key, Label: l, Months: make([]int64, n)})
		}
		r := &out[i]
		for j, t := range b.Tickets {
			if j < len(r.Months) {
				r.Months[j] += t
			}
		}
		r.Total += b.Total
	}
	for i := range out {
		r := &out[i]
		n := len(r.Months)
		r.Tickets = r.Months[n-1]
		if n > 1 {
			r.Prev = r.Months[n-2]
		}
	}
	sortBreakdown(out)
	return out
}

func sortBreakdown(rs []BreakdownRow) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.Tickets != b.Tickets {
			return a.Tickets > b.Tickets
		}
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.Key < b.Key
	})
}
