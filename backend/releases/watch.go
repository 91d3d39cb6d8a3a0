package releases

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/money"
	"keel/backend/product"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Watch is a release's watch window: the business numbers in the window
// after it went out against the same length of time before, each against
// its usual range over the 8 earlier windows, split by plan and by the
// segment affected first (METRICS.md, Operations). It is what a go / hold
// / rollback call freezes as its evidence.
type Watch struct {
	Release      string    `json:"release"`
	Title        string    `json:"title"`
	Window       string    `json:"window"`
	Length       string    `json:"length"` // "72 hours"
	Start        time.Time `json:"start"`  // when the release went out
	End          time.Time `json:"end"`
	BeforeStart  time.Time `json:"before_start"`
	Earliest     time.Time `json:"earliest"` // start of the oldest earlier window
	BaseCurrency string    `json:"base_currency"`
	Segment      string    `json:"segment"` // the segment affected first, "" for none
	Figures      []Figure  `json:"figures"`
	Tags         []Figure  `json:"tags"` // tickets by tag
	// Alarms are the figures outside their usual range in the bad
	// direction; Summary says it in a sentence.
	Alarms   []string  `json:"alarms"`
	Summary  string    `json:"summary"`
	Computed time.Time `json:"computed"`
}

// Feedback is what releases ask the feedback area: the ticket record keys
// that are items of the given clusters (the watch window), and the
// clusters' titles and people to tell (the changelog).
type Feedback interface {
	ClusterTickets(ctx context.Context, clusters []string) (map[string]bool, error)
	Clusters(ctx context.Context, ids []string) (map[string]Cluster, error)
}

// TopTags is how many ticket tags the window lists.
const TopTags = 10

// WatchWindow computes r's watch window of length window (24h, 72h, 7d,
// 14d; "" for the release's own). fb may be nil when the workspace has no
// feedback clusters.
func WatchWindow(ctx context.Context, db *workspace.DB, r backend.Release, window string, fb Feedback) (*Watch, error) {
	if window == "" {
		window = r.Window
	}
	w, ok := Windows[window]
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "The watch window %q is not one Keel offers: use 24h, 72h, 7d or 14d.", window)
	}
	if r.ShippedAt == nil {
		return nil, backend.Errorf(backend.Invalid, "%q has no date yet: set when it reached its first users to see its watch window.", r.Title)
	}
	base, err := revenue.BaseCurrency(db)
	if err != nil {
		return nil, err
	}
	fr := frame{t: r.ShippedAt.UTC(), w: w, window: window, seg: segmentLabel(r.Segment),
		money: func(n int64) string { return money.Format(n, base) }}
	out := &Watch{Release: r.ID, Title: r.Title, Window: window, Length: WindowWords(window), Start: fr.t, End: fr.end(nWin - 1),
		BeforeStart: fr.start(nWin - 2), Earliest: fr.start(0), BaseCurrency: base, Segment: fr.seg,
		Figures: []Figure{}, Tags: []Figure{}, Alarms: []string{}, Computed: db.Now().UTC()}
	g, err := newGatherer(ctx, db, fr, r.Segment)
	if err != nil {
		return nil, err
	}
	ins, tags, err := g.inputs(r, fb)
	if err != nil {
		return nil, err
	}
	for _, in := range ins {
		f := fr.count(in)
		out.Figures = append(out.Figures, f)
		if f.Alarm {
			out.Alarms = append(out.Alarms, f.Label)
		}
	}
	for _, in := range tags {
		out.Tags = append(out.Tags, fr.count(in))
	}
	out.Summary = summary(out)
	return out, nil
}

func summary(w *Watch) string {
	if len(w.Alarms) == 0 {
		return fmt.Sprintf("In the %s after it went out, no number moved beyond its usual range in the bad direction.", w.Length)
	}
	return fmt.Sprintf("In the %s after it went out, %s moved beyond the usual range in the bad direction: %s.",
		w.Length, map[bool]string{true: "1 number", false: fmt.Sprintf("%d numbers", len(w.Alarms))}[len(w.Alarms) == 1],
		strings.ToLower(strings.Join(w.Alarms, ", ")))
}

// gatherer reads what the figures count, over all the windows at once.
type gatherer struct {
	*base
	ctx      context.Context
	db       *workspace.DB
	fr       frame
	lo, hi   int64 // the windows' range
	loc      *time.Location
	segPlans []string        // lower case
	segAccts map[string]bool // accounts of the segment
	segAddrs []string        // addresses and @domains of the segment, lower case
}

// base is what every watch window of a workspace reads besides its own
// records: the accounts' links, billing timelines and activity, the plan
// names and the rules. It is kept (workspace.Memo) until an import, an
// undo, a merge or split, or a setting changes it: opening another
// release, or the same one with another window, reads only the records of
// its windows.
type base struct {
	test      bool
	links     *accounts.Links
	bill      *accounts.Billing
	units     *accounts.Units
	settings  product.Settings
	activated func(accounts.Unit) bool
	picked    bool
	plans     revenue.PlanNames
}

// baseMu makes a watch window asked for while the base is being read wait
// for it instead of reading it a second time (Warm reads it while the
// founder looks at the list; on a large workspace it takes seconds).
var baseMu sync.Mutex

// baseRead is called each time the base is read from the workspace (tests).
var baseRead = func() {}

// Warm reads what every watch window of db reads, so that the first one
// the founder opens is quick. Its error is left to the call that needs it.
func Warm(ctx context.Context, db *workspace.DB) {
	_, _ = loadBase(ctx, db)
}

func loadBase(ctx context.Context, db *workspace.DB) (*base, error) {
	baseMu.Lock()
	defer baseMu.Unlock()
	version, err := accounts.Version(ctx, db)
	if err != nil {
		return nil, err
	}
	v, err := db.Memo("releases.base@"+version, func() (any, error) {
		baseRead()
		b := &base{}
		v, err := db.Setting(workspace.SettingIncludeTest)
		if err != nil {
			return nil, err
		}
		b.test = v == "true"
		if b.links, err = accounts.LoadLinks(ctx, db); err != nil {
			return nil, err
		}
		// The timelines do not depend on the months asked for.
		now := db.Now()
		if b.bill, err = accounts.LoadBilling(ctx, db, now, now); err != nil {
			return nil, err
		}
		if b.units, err = accounts.LoadUnits(ctx, db); err != nil {
			return nil, err
		}
		if b.settings, err = product.ReadSettings(db); err != nil {
			return nil, err
		}
		b.activated, b.picked = product.Activation(b.units, b.settings)
		if b.plans, err = revenue.LoadPlanNames(db); err != nil {
			return nil, err
		}
		return b, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*base), nil
}

func newGatherer(ctx context.Context, db *workspace.DB, fr frame, seg backend.Segment) (*gatherer, error) {
	b, err := loadBase(ctx, db)
	if err != nil {
		return nil, err
	}
	g := &gatherer{base: b, ctx: ctx, db: db, fr: fr, lo: fr.start(0).Unix(), hi: fr.end(nWin - 1).Unix(), loc: db.Location(),
		segAccts: map[string]bool{}}
	for _, p := range seg.Plans {
		g.segPlans = append(g.segPlans, strings.ToLower(p))
	}
	for _, a := range seg.Accounts {
		g.segAddrs = append(g.segAddrs, strings.ToLower(strings.TrimSpace(a)))
		for _, id := range g.links.Matching(a) {
			g.segAccts[id] = true
		}
	}
	return g, nil
}

// plan is an account's plan at unix second t, as the split shows it.
func (g *gatherer) plan(account string, t int64) string {
	if account == "" {
		return "No account"
	}
	ids, stage := g.bill.State(account, t)
	switch stage {
	case accounts.StageTrial:
		return "Trial"
	case accounts.StagePaying, accounts.StageNew:
		return g.plans.Of(ids)
	}
	return "No plan"
}

// inSegment: the item's account, address or plan is the segment's. A
// segment's plan is a product ("Scale"): it holds every billing interval
// of it ("Scale · yearly").
func (g *gatherer) inSegment(account, email, plan string) bool {
	if account != "" && g.segAccts[account] {
		return true
	}
	email = strings.ToLower(email)
	for _, a := range g.segAddrs {
		if a == email || strings.HasPrefix(a, "@") && strings.HasSuffix(email, a) || !strings.Contains(a, "@") && strings.HasSuffix(email, "@"+a) {
			return true
		}
	}
	for _, p := range strings.Split(strings.ToLower(plan), " + ") {
		if slices.Contains(g.segPlans, p) || slices.Contains(g.segPlans, Product(p)) {
			return true
		}
	}
	return false
}

// Product is a plan's product, without its billing interval: "Growth ·
// yearly" → "Growth". The segment affected first is chosen by product.
func Product(plan string) string {
	if i := strings.Index(plan, " · "); i > 0 {
		return plan[:i]
	}
	return plan
}

func (g *gatherer) cover(table, what, fill string) (cover, error) {
	s, err := g.db.Span(table)
	if err != nil || !s.OK {
		return cover{none: what}, err
	}
	from := s.From.In(g.loc)
	to := s.To.In(g.loc)
	c := cover{ok: true, none: what,
		from: time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, g.loc),
		to:   time.Date(to.Year(), to.Month(), to.Day()+1, 0, 0, 0, 0, g.loc)}
	last := to.Format("2 Jan 2006")
	c.fill = func(end time.Time) string {
		return fmt.Sprintf(fill, last, end.In(g.loc).Add(-time.Second).Format("2 Jan 2006"))
	}
	return c, nil
}

func (g *gatherer) inputs(r backend.Release, fb Feedback) (figs, tags []input, err error) {
	support, tags, err := g.tickets(r, fb)
	if err != nil {
		return nil, nil, err
	}
	billing, err := g.payments()
	if err != nil {
		return nil, nil, err
	}
	prod, err := g.product()
	if err != nil {
		return nil, nil, err
	}
	rev, err := g.mrr()
	if err != nil {
		return nil, nil, err
	}
	figs = append(append(append(support, billing...), prod...), rev...)
	return figs, tags, nil
}

const ticketsFill = "Your tickets end on %s; import tickets created up to %s to fill this window."

func (g *gatherer) tickets(r backend.Release, fb Feedback) ([]input, []input, error) {
	cv, err := g.cover("tickets", "Import your helpdesk tickets (a Zendesk, Freshdesk, Help Scout, Intercom or Front export) to see tickets around the release.", ticketsFill)
	if err != nil {
		return nil, nil, err
	}
	all := input{key: "tickets", label: "Tickets", group: "support", unit: "count", good: "down", cover: cv}
	var inCluster map[string]bool
	clusters := input{key: "tickets_clusters", label: "Tickets in the linked feedback clusters", group: "support", unit: "count", good: "down", cover: cv}
	if len(r.Clusters) > 0 {
		if fb == nil {
			clusters.reason = "Tickets of the linked feedback clusters are counted once this workspace has feedback clusters (the Feedback area)."
		} else if inCluster, err = fb.ClusterTickets(g.ctx, r.Clusters); err != nil {
			return nil, nil, err
		}
	}
	byTag := map[string]*input{}
	if cv.ok {
		ts, err := g.db.TicketStamps(g.lo, g.hi)
		if err != nil {
			return nil, nil, err
		}
		for _, t := range ts {
			acct := g.links.Ticket(t.Email)
			o := occ{at: t.Created, plan: g.plan(acct, t.Created), num: 1}
			o.seg = g.inSegment(acct, t.Email, o.plan)
			all.occs = append(all.occs, o)
			if inCluster[t.Key] {
				clusters.occs = append(clusters.occs, o)
			}
			for _, tag := range strings.Fields(t.Tags) {
				in := byTag[tag]
				if in == nil {
					in = &input{key: "tag:" + tag, label: "Tickets tagged " + tag, group: "support", unit: "count", good: "down", cover: cv}
					byTag[tag] = in
				}
				in.occs = append(in.occs, o)
			}
		}
	}
	figs := []input{all}
	if len(r.Clusters) > 0 {
		figs = append(figs, clusters)
	}
	return figs, g.topTags(byTag), nil
}

// topTags are the tags most used in the windows after and before, most in
// the window after first.
func (g *gatherer) topTags(byTag map[string]*input) []input {
	type ranked struct {
		in            *input
		after, before int
	}
	var rs []ranked
	for _, in := range byTag {
		r := ranked{in: in}
		for _, o := range in.occs {
			switch g.fr.index(o.at) {
			case nWin - 1:
				r.after++
			case nWin - 2:
				r.before++
			}
		}
		if r.after+r.before > 0 {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool {
		a, b := rs[i], rs[j]
		if a.after != b.after {
			return a.after > b.after
		}
		if a.before != b.before {
			return a.before > b.before
		}
		return a.in.key < b.in.key
	})
	out := []input{}
	for i := 0; i < len(rs) && i < TopTags; i++ {
		out = append(out, *rs[i].in)
	}
	return out
}

const paymentsFill = "Your Stripe payments end on %s; import payments up to %s to fill this window."

func (g *gatherer) payments() ([]input, error) {
	cv, err := g.cover("payments", "Import your Stripe payments to see refunds, failed payments and disputes around the release.", paymentsFill)
	if err != nil {
		return nil, err
	}
	refunds := input{key: "refunds", label: "Refunds", group: "billing", unit: "count", good: "down", cover: cv}
	refunded := input{key: "refunded", label: "Refunded", group: "billing", unit: "money", good: "down", cover: cv}
	failed := input{key: "failed_payments", label: "Failed payments", group: "billing", unit: "count", good: "down", cover: cv}
	disputes := input{key: "disputes", label: "Disputes", group: "billing", unit: "count", good: "down", cover: cv}
	if cv.ok {
		rates, err := revenue.WorkspaceRates(g.db)
		if err != nil {
			return nil, err
		}
		base := rates.Base
		read := []struct {
			get   func(int64, int64, bool) ([]workspace.PaymentStamp, error)
			into  []*input
			money bool
		}{
			{g.db.RefundStamps, []*input{&refunds, &refunded}, true},
			{g.db.FailedPaymentStamps, []*input{&failed}, false},
			{g.db.DisputeStamps, []*input{&disputes}, false},
		}
		for _, rd := range read {
			ps, err := rd.get(g.lo, g.hi, g.test)
			if err != nil {
				return nil, err
			}
			for _, p := range ps {
				acct := g.bill.AccountOf(customerKey(p.CustomerID, p.Email))
				if acct == "" {
					acct = g.links.Ticket(p.Email)
				}
				o := occ{at: p.At, plan: g.plan(acct, p.At), num: 1}
				o.seg = g.inSegment(acct, p.Email, o.plan)
				rd.into[0].occs = append(rd.into[0].occs, o)
				if rd.money {
					v := int64(0)
					if p.Converted != nil && p.ConvertedCurrency == base {
						v = *p.Converted
					} else if v, err = rates.Convert(p.Amount, p.Currency, p.At); err != nil {
						return nil, err
					}
					o.num = v
					rd.into[1].occs = append(rd.into[1].occs, o)
				}
			}
		}
	}
	return []input{refunds, refunded, failed, disputes}, nil
}

// customerKey is how the revenue engine names a payment's customer.
func customerKey(id, email string) string {
	if id != "" {
		return id
	}
	if email = strings.ToLower(strings.TrimSpace(email)); email != "" {
		return "email:" + email
	}
	return ""
}

func (g *gatherer) product() ([]input, error) {
	units, s := g.units, g.settings
	table := "payments"
	if units.HasEvents {
		table = "events"
	}
	cv, err := g.cover(table, "Import product analytics events (PostHog, Mixpanel, Amplitude) or billing customers to count signups around the release.",
		"Your "+map[string]string{"events": "product events", "payments": "payments"}[table]+" end on %s; import them up to %s to fill this window.")
	if err != nil {
		return nil, err
	}
	signups := input{key: "signups", label: "Signups", group: "product", unit: "count", good: "up", cover: cv}
	act := input{key: "activation_rate", label: "Activation", group: "product", unit: "rate", good: "up", cover: cv,
		settle: time.Duration(s.ActivationDays) * 24 * time.Hour}
	activated, picked := g.activated, g.picked
	if !picked {
		act.reason = "Pick the activation event on the Users screen to see activation around the release."
	}
	if len(units.List) == 0 {
		signups.cover.ok, act.cover.ok = false, false
	}
	users := units.Mode == accounts.ModeUsers
	for _, u := range units.List {
		if u.FirstSeen < g.lo || u.FirstSeen >= g.hi {
			continue
		}
		acct := u.ID
		if users {
			acct = ""
		}
		o := occ{at: u.FirstSeen, plan: g.plan(acct, u.FirstSeen), num: 1}
		o.seg = g.inSegment(acct, "", o.plan)
		signups.occs = append(signups.occs, o)
		if picked {
			a := o
			a.den, a.num = 1, 0
			if activated(u) {
				a.num = 1
			}
			act.occs = append(act.occs, a)
		}
	}
	return []input{signups, act}, nil
}

const mrrFill = "Your billing data ends on %s; import Stripe invoices or payments up to %s to fill this window."

func (g *gatherer) mrr() ([]input, error) {
	table := "invoices"
	if s, err := g.db.Span("invoices"); err != nil {
		return nil, err
	} else if !s.OK {
		table = "payments"
	}
	cv, err := g.cover(table, "Import your Stripe subscriptions, invoices or payments to see MRR movements around the release.", mrrFill)
	if err != nil {
		return nil, err
	}
	kinds := []struct {
		kind  revenue.Kind
		label string
		good  string
	}{{revenue.New, "New MRR", "up"}, {revenue.Expansion, "Expansion MRR", "up"}, {revenue.Reactivation, "Reactivation MRR", "up"},
		{revenue.Contraction, "Contraction MRR", "down"}, {revenue.Churn, "Churned MRR", "down"}}
	ins := make([]input, len(kinds))
	at := map[revenue.Kind]int{}
	for i, k := range kinds {
		ins[i] = input{key: "mrr_" + string(k.kind), label: k.label, group: "revenue", unit: "money", good: k.good, cover: cv}
		at[k.kind] = i
	}
	if !g.bill.Series.HasData {
		for i := range ins {
			ins[i].cover.ok = false
		}
		return ins, nil
	}
	bounds := make([]time.Time, nWin+1)
	for i := range bounds {
		bounds[i] = g.fr.start(0).Add(time.Duration(i) * g.fr.w)
	}
	moves, err := revenue.Moves(g.db, bounds)
	if err != nil {
		return nil, err
	}
	for i, ms := range moves {
		mid := bounds[i].Unix() // a window's movements are dated at its start
		for _, m := range ms {
			j, ok := at[m.Kind]
			if !ok {
				continue
			}
			acct := g.bill.AccountOf(m.CustomerID)
			plan := g.plans.Of(m.Plan)
			o := occ{at: mid, plan: plan, num: m.Amount, seg: g.inSegment(acct, "", plan)}
			ins[j].occs = append(ins[j].occs, o)
		}
	}
	return ins, nil
}

// segmentLabel names the segment affected first: "Scale" or "Growth and
// Scale", "3 accounts", "" for everyone.
func segmentLabel(s backend.Segment) string {
	var parts []string
	if len(s.Plans) > 0 {
		parts = append(parts, strings.Join(s.Plans, " and "))
	}
	switch n := len(s.Accounts); {
	case n == 1:
		parts = append(parts, s.Accounts[0])
	case n > 1:
		parts = append(parts, fmt.Sprintf("%d accounts", n))
	}
	return strings.Join(parts, ", ")
}
