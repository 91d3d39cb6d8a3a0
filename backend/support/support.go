// Package support computes the Support numbers of METRICS.md (tickets,
// reply and resolution times, satisfaction, active accounts and tickets
// per active account) and what the Support load screen shows around them:
// the top tags and channels, the tickets without an account, and tickets
// by plan and lifecycle stage at the time of each ticket (from billing,
// through the accounts of backend/accounts).
package support

import (
	"context"
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/percentile"
	"keel/backend/workspace"
)

// Figures are one month's Support numbers (METRICS.md, Support): the
// `support` section of `keel metrics --json`. The ticket fields are nil
// without any ticket imported, the account fields without any account.
type Figures struct {
	Tickets                 *int64   `json:"tickets"`
	Solved                  *int64   `json:"solved"`
	FirstReplyMinutesP50    *int64   `json:"first_reply_minutes_p50"`
	FirstReplyMinutesP90    *int64   `json:"first_reply_minutes_p90"`
	ResolutionMinutesP50    *int64   `json:"resolution_minutes_p50"`
	ResolutionMinutesP90    *int64   `json:"resolution_minutes_p90"`
	Satisfaction            *float64 `json:"satisfaction"`
	ActiveAccounts          *int64   `json:"active_accounts"`
	TicketsPerActiveAccount *float64 `json:"tickets_per_active_account"`
}

// Monthly computes the Support figures of the months first..last; active
// are the active accounts of the same months (accounts.Active), nil when
// the workspace has no account.
func Monthly(ctx context.Context, db *workspace.DB, first, last backend.Month, active []accounts.ActiveMonth) ([]Figures, error) {
	n := last.Since(first) + 1
	out := make([]Figures, n)
	has, err := db.HasTickets()
	if err != nil {
		return nil, err
	}
	if has {
		loc := db.Location()
		accs := make([]tally, n)
		index := func(sec int64) int {
			i := backend.MonthOfUnix(sec, loc).Since(first)
			if i < 0 || i >= n {
				return -1
			}
			return i
		}
		err := db.EachTicket(ctx, func(t workspace.TicketRow) error {
			if i := index(t.Created); i >= 0 {
				accs[i].created(t)
			}
			if t.Solved != nil {
				if i := index(*t.Solved); i >= 0 {
					accs[i].solved(t)
				}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		for i := range accs {
			out[i] = accs[i].figures()
		}
	}
	for i, a := range active {
		f := &out[i]
		f.ActiveAccounts = &a.Active
		if f.Tickets != nil {
			f.TicketsPerActiveAccount = ratio(*f.Tickets, a.Active)
		}
	}
	return out, nil
}

// tally gathers one month's tickets.
type tally struct {
	tickets, solvedN, good, bad int64
	reply, resolution           []int64
}

// created counts a ticket created in the month: first replies and
// satisfaction are over the tickets created in it.
func (a *tally) created(t workspace.TicketRow) {
	a.tickets++
	if t.FirstReplyMinutes != nil {
		a.reply = append(a.reply, *t.FirstReplyMinutes)
	}
	switch t.Satisfaction {
	case "good":
		a.good++
	case "bad":
		a.bad++
	}
}

// solved counts a ticket solved in the month: the export's full
// resolution time, else solved − created.
func (a *tally) solved(t workspace.TicketRow) {
	a.solvedN++
	r := (*t.Solved - t.Created) / 60
	if t.ResolutionMinutes != nil {
		r = *t.ResolutionMinutes
	}
	a.resolution = append(a.resolution, r)
}

func (a *tally) figures() Figures {
	f := Figures{Tickets: i64(a.tickets), Solved: i64(a.solvedN)}
	f.FirstReplyMinutesP50, f.FirstReplyMinutesP90 = percentile.NearestRank(a.reply, 50), percentile.NearestRank(a.reply, 90)
	f.ResolutionMinutesP50, f.ResolutionMinutesP90 = percentile.NearestRank(a.resolution, 50), percentile.NearestRank(a.resolution, 90)
	if a.good+a.bad > 0 {
		s := float64(a.good) / float64(a.good+a.bad)
		f.Satisfaction = &s
	}
	return f
}

// Count is a key's tickets (a tag, a channel, an assignee).
type Count struct {
	Key     string `json:"key"`
	Tickets int64  `json:"tickets"`
}

// Breakdown is one plan's or stage's tickets per month.
type Breakdown struct {
	Key     string  `json:"key"`
	Tickets []int64 `json:"tickets"` // by month, oldest first
	Total   int64   `json:"total"`
}

// View is what the Support load screen shows beside the figures, over
// the months of a range.
type View struct {
	Tags     []Count     `json:"tags"`     // the TopN most used, over the range
	Channels []Count     `json:"channels"` // every channel, most used first
	ByPlan   []Breakdown `json:"by_plan"`  // plan at the time of the ticket; "" = no plan
	ByStage  []Breakdown `json:"by_stage"` // trial, new, paying, churned, free, unlinked
	// Unlinked counts each month's tickets without an account.
	Unlinked []int64 `json:"unlinked"`
}

// TopN is how many tags the view lists.
const TopN = 10

// Load computes the view for the months first..last.
func Load(ctx context.Context, db *workspace.DB, first, last backend.Month) (*View, error) {
	loc := db.Location()
	bill, err := accounts.LoadBilling(ctx, db, first.Start(loc), last.Start(loc))
	if err != nil {
		return nil, err
	}
	links, err := accounts.LoadLinks(ctx, db) // up to date: LoadBilling relinked them if needed
	if err != nil {
		return nil, err
	}
	n := last.Since(first) + 1
	v := &View{Unlinked: make([]int64, n)}
	tags, channels := map[string]int64{}, map[string]int64{}
	plans, stages := map[string][]int64{}, map[string][]int64{}
	add := func(m map[string][]int64, key string, i int) {
		if m[key] == nil {
			m[key] = make([]int64, n)
		}
		m[key][i]++
	}
	err = db.EachTicket(ctx, func(t workspace.TicketRow) error {
		i := backend.MonthOfUnix(t.Created, loc).Since(first)
		if i < 0 || i >= n {
			return nil
		}
		for _, tag := range strings.Fields(t.Tags) {
			tags[tag]++
		}
		channel := t.Channel
		if channel == "" {
			channel = "(none)"
		}
		channels[channel]++
		plan, stage := "", accounts.StageUnlinked
		if id := links.Ticket(t.RequesterEmail); id != "" {
			plan, stage = bill.State(id, t.Created)
		} else {
			v.Unlinked[i]++
		}
		add(plans, plan, i)
		add(stages, stage, i)
		return nil
	})
	if err != nil {
		return nil, err
	}
	v.Tags = top(tags, TopN)
	v.Channels = top(channels, 0)
	v.ByPlan, v.ByStage = breakdown(plans), breakdown(stages)
	return v, nil
}

// top lists the keys by count, most first, then by key; limit 0 = all.
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

// Named is a plan's or stage's tickets under the name a founder knows it
// by: the last month of the range, the month before, and every month.
type Named struct {
	Key     string  `json:"key"` // the plan ("" = no plan) or stage; the first of those that share the label
	Label   string  `json:"label"`
	Tickets int64   `json:"tickets"`
	Prev    int64   `json:"prev"`
	Months  []int64 `json:"months"` // oldest first
	Total   int64   `json:"total"`  // over the range
}

// Name labels breakdowns and merges those that share a label (two prices
// of one plan are one plan to a founder), leaving out the ones without a
// ticket: most tickets in the last month first, then most in all, then by
// key.
func Name(bs []Breakdown, label func(string) string) []Named {
	out := []Named{}
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
			out = append(out, Named{Key: b.Key, Label: l, Months: make([]int64, n)})
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
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Tickets != b.Tickets {
			return a.Tickets > b.Tickets
		}
		if a.Total != b.Total {
			return a.Total > b.Total
		}
		return a.Key < b.Key
	})
	return out
}

// Splits are one month's tickets by channel, priority and assignee, each
// most tickets first, then by name ("" for none).
type Splits struct {
	Channel  []Count `json:"channel"`
	Priority []Count `json:"priority"`
	Assignee []Count `json:"assignee"`
}

// SplitsOf counts tickets by channel, priority and assignee.
func SplitsOf(tickets []workspace.TicketRow) Splits {
	ch, pr, as := map[string]int64{}, map[string]int64{}, map[string]int64{}
	for _, t := range tickets {
		ch[t.Channel]++
		pr[t.Priority]++
		as[t.Assignee]++
	}
	return Splits{Channel: top(ch, 0), Priority: top(pr, 0), Assignee: top(as, 0)}
}

func i64(n int64) *int64 { return &n }

func ratio(a, b int64) *float64 {
	if b == 0 {
		return nil
	}
	r := float64(a) / float64(b)
	return &r
}
