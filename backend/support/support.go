// Package support computes the Support load view: tickets per active
// account over time against customers, reply and resolution times,
// satisfaction, the top tags and channels, and tickets by plan and
// lifecycle stage at the time of each ticket (from billing, through the
// accounts of backend/accounts). The rules are those of METRICS.md,
// Support.
package support

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/percentile"
	"keel/backend/workspace"
)

// Month is one month of support load.
type Month struct {
	Month   string `json:"month"` // YYYY-MM
	Tickets int64  `json:"tickets"`
	Solved  int64  `json:"solved"`
	// Active is active_accounts (nil without accounts), Customers the
	// customers with MRR > 0 at the month's end (nil without revenue data).
	Active                  *int64   `json:"active_accounts"`
	Customers               *int64   `json:"customers"`
	TicketsPerActiveAccount *float64 `json:"tickets_per_active_account"`
	TicketsPerCustomer      *float64 `json:"tickets_per_customer"`
	FirstReplyMinutesP50    *int64   `json:"first_reply_minutes_p50"`
	FirstReplyMinutesP90    *int64   `json:"first_reply_minutes_p90"`
	ResolutionMinutesP50    *int64   `json:"resolution_minutes_p50"`
	ResolutionMinutesP90    *int64   `json:"resolution_minutes_p90"`
	Satisfaction            *float64 `json:"satisfaction"`
	Unlinked                int64    `json:"unlinked"` // tickets of the month without an account
}

// Count is a tag's or channel's tickets over the whole range.
type Count struct {
	Key     string `json:"key"`
	Tickets int64  `json:"tickets"`
}

// Breakdown is one plan's or stage's tickets per month.
type Breakdown struct {
	Key     string  `json:"key"`
	Tickets []int64 `json:"tickets"` // by month, as View.Months
	Total   int64   `json:"total"`
}

// View is the Support load screen.
type View struct {
	Months   []Month     `json:"months"`
	Tags     []Count     `json:"tags"`     // the TopN most used, over the range
	Channels []Count     `json:"channels"` // every channel, most used first
	ByPlan   []Breakdown `json:"by_plan"`  // plan at the time of the ticket; "" = no plan
	ByStage  []Breakdown `json:"by_stage"` // trial, new, paying, churned, free, unlinked
}

// TopN is how many tags the view lists.
const TopN = 10

// Load computes the view for the months of first..last (workspace time
// zone).
func Load(ctx context.Context, db *workspace.DB, first, last time.Time) (*View, error) {
	loc := db.Location()
	units, err := accounts.LoadUnits(ctx, db)
	if err != nil {
		return nil, err
	}
	bill, err := accounts.LoadBilling(ctx, db, first, last)
	if err != nil {
		return nil, err
	}
	links, err := accounts.LoadLinks(ctx, db)
	if err != nil {
		return nil, err
	}
	m0 := absMonth(first, loc)
	n := max(absMonth(last, loc)-m0+1, 0)
	v := &View{Months: make([]Month, n)}
	for i := range v.Months {
		v.Months[i].Month = time.Date((m0+i)/12, time.Month((m0+i)%12+1), 1, 0, 0, 0, 0, loc).Format("2006-01")
	}
	if err := v.tickets(ctx, db, m0, loc, links, bill); err != nil {
		return nil, err
	}
	if units.Accounts > 0 {
		for i, a := range accounts.ActiveOf(units, bill, first, last) {
			m := &v.Months[i]
			m.Active = &a.Active
			m.TicketsPerActiveAccount = ratio(m.Tickets, a.Active)
		}
	}
	if bill.Series.HasData {
		for i := range v.Months {
			m := &v.Months[i]
			c := bill.Series.Months[i].Customers
			m.Customers = &c
			m.TicketsPerCustomer = ratio(m.Tickets, c)
		}
	}
	return v, nil
}

type monthAcc struct {
	reply, resolution []int64
	good, bad         int64
}

func (v *View) tickets(ctx context.Context, db *workspace.DB, m0 int, loc *time.Location, links *accounts.Links, bill *accounts.Billing) error {
	n := len(v.Months)
	accs := make([]monthAcc, n)
	tags, channels := map[string]int64{}, map[string]int64{}
	plans, stages := map[string][]int64{}, map[string][]int64{}
	add := func(m map[string][]int64, key string, i int) {
		if m[key] == nil {
			m[key] = make([]int64, n)
		}
		m[key][i]++
	}
	rows, err := db.SQL().QueryContext(ctx, `SELECT requester_email, created, solved, first_reply_minutes, resolution_minutes, satisfaction, tags, channel FROM tickets`)
	if err != nil {
		return backend.Errorf(backend.Internal, "read tickets: %v", err)
	}
	defer rows.Close()
	index := func(sec int64) int {
		i := absMonth(time.Unix(sec, 0), loc) - m0
		if i < 0 || i >= n {
			return -1
		}
		return i
	}
	for rows.Next() {
		var email, sat, tagList, channel string
		var created int64
		var solved, reply, res sql.NullInt64
		if err := rows.Scan(&email, &created, &solved, &reply, &res, &sat, &tagList, &channel); err != nil {
			return backend.Errorf(backend.Internal, "read tickets: %v", err)
		}
		if i := index(created); i >= 0 {
			m, a := &v.Months[i], &accs[i]
			m.Tickets++
			if reply.Valid {
				a.reply = append(a.reply, reply.Int64)
			}
			switch sat {
			case "good":
				a.good++
			case "bad":
				a.bad++
			}
			for _, t := range strings.Fields(tagList) {
				tags[t]++
			}
			if channel == "" {
				channel = "(none)"
			}
			channels[channel]++
			plan, stage := "", accounts.StageUnlinked
			if id := links.Ticket(email); id != "" {
				plan, stage = bill.State(id, created)
			} else {
				m.Unlinked++
			}
			add(plans, plan, i)
			add(stages, stage, i)
		}
		if solved.Valid {
			if i := index(solved.Int64); i >= 0 {
				v.Months[i].Solved++
				r := res.Int64
				if !res.Valid {
					r = (solved.Int64 - created) / 60
				}
				accs[i].resolution = append(accs[i].resolution, r)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return backend.Errorf(backend.Internal, "read tickets: %v", err)
	}
	for i, a := range accs {
		m := &v.Months[i]
		m.FirstReplyMinutesP50, m.FirstReplyMinutesP90 = percentile.NearestRank(a.reply, 50), percentile.NearestRank(a.reply, 90)
		m.ResolutionMinutesP50, m.ResolutionMinutesP90 = percentile.NearestRank(a.resolution, 50), percentile.NearestRank(a.resolution, 90)
		if a.good+a.bad > 0 {
			s := float64(a.good) / float64(a.good+a.bad)
			m.Satisfaction = &s
		}
	}
	v.Tags = top(tags, TopN)
	v.Channels = top(channels, 0)
	v.ByPlan, v.ByStage = breakdown(plans), breakdown(stages)
	return nil
}

// top lists the keys by count, most first; limit 0 = all.
func top(m map[string]int64, limit int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Tickets > out[j].Tickets || out[i].Tickets == out[j].Tickets && out[i].Key < out[j].Key
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func breakdown(m map[string][]int64) []Breakdown {
	out := make([]Breakdown, 0, len(m))
	for k, ts := range m {
		b := Breakdown{Key: k, Tickets: ts}
		for _, t := range ts {
			b.Total += t
		}
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Total > out[j].Total || out[i].Total == out[j].Total && out[i].Key < out[j].Key
	})
	return out
}

func absMonth(t time.Time, loc *time.Location) int {
	t = t.In(loc)
	return t.Year()*12 + int(t.Month()) - 1
}

func ratio(a, b int64) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}
