package figures

import (
	"context"
	"sort"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/costs"
	"keel/backend/decisions"
	"keel/backend/feedback"
	"keel/backend/product"
	"keel/backend/releases"
	"keel/backend/revenue"
	"keel/backend/support"
	"keel/backend/workspace"
)

// Set is every figure of the months of a range, as the screens, the
// review, the report and `keel metrics --json` show them. A frozen review
// keeps its Set (as JSON) and shows it ever after.
type Set struct {
	BaseCurrency string `json:"base_currency"`
	Rules        Rules  `json:"rules"`
	// Has is the data (and settings) the workspace has: a figure whose
	// Needs it lacks is null and says what would fill it (Missing).
	Has    Data    `json:"has"`
	Months []Month `json:"months"` // oldest first
	// Movements are the customers behind every month's MRR movements,
	// newest month first, then by kind (METRICS.md order), then largest.
	Movements []Movement `json:"movements"`
	// Cohorts are the revenue cohorts of the range's months, oldest
	// first, each followed to the last month (one per month, empty ones
	// too); Usage the product usage cohorts that started in the range.
	Cohorts []Cohort `json:"cohorts"`
	Usage   []Cohort `json:"usage_cohorts"`
	// Mode is what the product figures count: accounts, or analytics
	// users when events link to no account (accounts.ModeUsers).
	Mode string `json:"mode,omitempty"`
	// Where the data starts, for the month pickers: the first month with
	// MRR > 0, the first signup and the first ticket; nil without them.
	FirstPaid   *backend.Month `json:"first_paid,omitempty"`
	FirstSeen   *backend.Month `json:"first_seen,omitempty"`
	FirstTicket *backend.Month `json:"first_ticket,omitempty"`
	// CostPlans are the cost and margin of each plan in the last month,
	// loaded for the review (LoadReview) once cost drivers are set.
	CostPlans []costs.PlanCost `json:"cost_plans,omitempty"`
	// MRRFrom lists the exports MRR is rebuilt from (METRICS.md's order:
	// invoices, subscriptions, recurring payments), nil without MRR.
	MRRFrom []revenue.Source `json:"mrr_from,omitempty"`
	// Tables are the last month's own records behind the figures (its
	// tickets and events), loaded for the review (LoadReview).
	Tables *Tables `json:"tables,omitempty"`
	// Feedback is the last month's feedback (its top clusters, signals and
	// loops closed), added by LoadFeedback for the review, the scaling map
	// and the report.
	Feedback *feedback.Digest `json:"feedback_digest,omitempty"`
}

// Month is one month's figures: the sections of `keel metrics --json`
// (METRICS.md), then what the screens show around them.
type Month struct {
	Month      backend.Month      `json:"month"`
	Revenue    revenue.Figures    `json:"revenue"`
	Support    support.Figures    `json:"support"`
	Product    product.Figures    `json:"product"`
	Operations Operations         `json:"operations"`
	Feedback   *feedback.Figures  `json:"feedback,omitempty"`
	Decisions  *decisions.Section `json:"decisions,omitempty"`
	Costs      *costs.Figures     `json:"costs,omitempty"`

	// Plans is the plan mix at the end of the month, plans named and
	// grouped as a founder says them, largest first.
	Plans []revenue.PlanMRR `json:"plans,omitempty"`
	// Sales count who paid in the month (orders, buyers, repeat buyers),
	// and Products its revenue by product: what a workspace of payments
	// alone or of one-off sales is read by. Nil without payments (and in
	// reviews frozen before Keel counted them).
	Sales    *revenue.Sales         `json:"sales,omitempty"`
	Products []revenue.ProductSales `json:"products,omitempty"`
	// Expanded, Contracted and Revalued count the customers behind the
	// expansion, contraction and fx movements.
	Expanded   int64 `json:"expanded_customers,omitempty"`
	Contracted int64 `json:"contracted_customers,omitempty"`
	Revalued   int64 `json:"revalued_customers,omitempty"`
	// Activated are the signups activated (so far: Settled says whether
	// every signup's activation window is over); Using the accounts (or
	// analytics users) with a product event in the month.
	Activated *int64 `json:"activated,omitempty"`
	Settled   bool   `json:"settled,omitempty"`
	Using     *int64 `json:"using,omitempty"`
	// ReleaseLog is the month's releases (those that went out, those
	// rolled back) and the flag registry at its end; nil without either.
	ReleaseLog *releases.Month `json:"release_log,omitempty"`
}

// HasSection says whether the month carries a section of `keel metrics
// --json`: the sections of areas Keel does not track yet are left out.
func (m *Month) HasSection(name string) bool {
	switch name {
	case "feedback":
		return m.Feedback != nil
	case "decisions":
		return m.Decisions != nil
	case "costs":
		return m.Costs != nil
	}
	return true
}

// TicketsPerCustomer is tickets / paying customers: the support load
// against billing alone, for workspaces without active accounts.
func (m *Month) TicketsPerCustomer() *float64 {
	t, c := m.Support.Tickets, m.Revenue.Customers
	if t == nil || c == nil || *c == 0 {
		return nil
	}
	x := float64(*t) / float64(*c)
	return &x
}

// Movement is the month's total of one kind of movement, nil without
// billing data.
func (m *Month) Movement(k revenue.Kind) *int64 {
	r := &m.Revenue
	switch k {
	case revenue.New:
		return r.New
	case revenue.Expansion:
		return r.Expansion
	case revenue.Reactivation:
		return r.Reactivation
	case revenue.Contraction:
		return r.Contraction
	case revenue.Churn:
		return r.Churn
	case revenue.FX:
		return r.FX
	}
	return nil
}

// NetChange is the month's movements added up with their effect on MRR:
// MRR of the month − MRR of the month before. Nil without movements.
func (m *Month) NetChange() *int64 {
	var sum int64
	any := false
	for _, k := range revenue.Kinds {
		if v := m.Movement(k); v != nil {
			sum += k.Effect(*v)
			any = true
		}
	}
	if !any {
		return nil
	}
	return &sum
}

// PlanShares is the total of the month's plan mix and each plan's share of
// it (nil when the total is 0), in the order of Plans.
func (m *Month) PlanShares() (int64, []*float64) {
	var total int64
	for _, p := range m.Plans {
		total += p.MRR
	}
	shares := make([]*float64, len(m.Plans))
	for i, p := range m.Plans {
		if total > 0 {
			x := float64(p.MRR) / float64(total)
			shares[i] = &x
		}
	}
	return total, shares
}

// Load computes the figures of the months first..last.
func Load(db *workspace.DB, first, last backend.Month) (*Set, error) {
	return load(context.Background(), db, first, last, screens)
}

// LoadMetrics computes what `keel metrics --json` prints (Set.Metrics):
// Load without the sales and products of each month.
func LoadMetrics(db *workspace.DB, first, last backend.Month) (*Metrics, error) {
	s, err := load(context.Background(), db, first, last, metrics)
	if err != nil {
		return nil, err
	}
	return s.Metrics(), nil
}

// loadFor is what a Set is loaded for.
type loadFor int

const (
	screens loadFor = iota
	reviews         // with the cohorts and tables a review keeps
	metrics         // only what Set.Metrics prints
)

// LoadRevenue computes the Revenue figures only (with the plans,
// movements and cohorts built on them), for the views that show nothing
// else: the other sections stay empty and Has says nothing of their data.
func LoadRevenue(db *workspace.DB, first, last backend.Month) (*Set, error) {
	if _, err := backend.Months(first, last); err != nil {
		return nil, err
	}
	rules, err := ReadRules(db)
	if err != nil {
		return nil, err
	}
	s := &Set{BaseCurrency: rules.BaseCurrency, Rules: rules, Movements: []Movement{}, Cohorts: []Cohort{}, Usage: []Cohort{}}
	ser, err := s.revenue(db, first, last, true)
	if err != nil {
		return nil, err
	}
	if ser.HasData {
		s.Cohorts = cohortsOf(ser)
	}
	return s, nil
}

// revenue sets the months and their Revenue section; with sales, each
// month's sales and products too (`keel metrics` prints neither).
func (s *Set) revenue(db *workspace.DB, first, last backend.Month, withSales bool) (*revenue.Series, error) {
	ser, rev, err := revenue.Monthly(db, first, last)
	if err != nil {
		return nil, err
	}
	s.BaseCurrency = ser.BaseCurrency
	s.Months = make([]Month, len(rev))
	for i := range s.Months {
		s.Months[i].Month = first.Add(i)
		s.Months[i].Revenue = rev[i]
	}
	if inv, err := db.Span("invoices"); err != nil {
		return nil, err
	} else if inv.OK {
		s.Has |= Invoices
	}
	if ser.HasData {
		s.Has |= Billing
		if err := s.addRevenue(db, ser); err != nil {
			return nil, err
		}
	}
	if len(rev) > 0 && rev[0].Collected != nil {
		s.Has |= Payments
		var sales []revenue.Sales
		var products [][]revenue.ProductSales
		if withSales {
			if sales, products, err = revenue.SalesMonthly(db, first, last, ser.IncludeTest); err != nil {
				return nil, err
			}
		}
		span, err := db.Span("payments")
		if err != nil {
			return nil, err
		}
		for i := range s.Months {
			// A month that ended before the first payment has no sales
			// data: its figures are missing, not zero.
			if span.OK && !s.Months[i].Month.End(db.Location()).After(span.From) {
				r := &s.Months[i].Revenue // nor payment figures: missing, not 0
				r.Collected, r.Refunded, r.Refunds, r.Disputes, r.Disputed, r.FailedPayments = nil, nil, nil, nil, nil, nil
				continue
			}
			if withSales {
				s.Months[i].Sales, s.Months[i].Products = &sales[i], products[i]
			}
		}
	}
	return ser, nil
}

// LoadReview is Load with what a review keeps besides the figures: the
// revenue and usage cohorts, and the last month's tickets (LoadEvents adds
// the events the report lists).
func LoadReview(db *workspace.DB, first, last backend.Month) (*Set, error) {
	return load(context.Background(), db, first, last, reviews)
}

func load(ctx context.Context, db *workspace.DB, first, last backend.Month, what loadFor) (*Set, error) {
	if _, err := backend.Months(first, last); err != nil {
		return nil, err
	}
	rules, err := ReadRules(db)
	if err != nil {
		return nil, err
	}
	s := &Set{BaseCurrency: rules.BaseCurrency, Rules: rules, Movements: []Movement{}, Cohorts: []Cohort{}, Usage: []Cohort{}}
	loc := db.Location()
	ser, err := s.revenue(db, first, last, what != metrics)
	if err != nil {
		return nil, err
	}
	active, hasAccounts, err := accounts.Active(ctx, db, first.Start(loc), last.Start(loc))
	if err != nil {
		return nil, err
	}
	if !hasAccounts {
		active = nil
	} else {
		s.Has |= Accounts
	}
	sup, err := support.Monthly(ctx, db, first, last, active)
	if err != nil {
		return nil, err
	}
	for i := range s.Months {
		s.Months[i].Support = sup[i]
	}
	if sup[0].Tickets != nil {
		s.Has |= Tickets
		if at, ok, err := db.FirstTicket(); err != nil {
			return nil, err
		} else if ok {
			m := backend.MonthOfUnix(at, loc)
			s.FirstTicket = &m
		}
	}
	// A month before the first ticket has no support figures (missing,
	// not 0 tickets); its active accounts do not depend on tickets.
	for i := range s.Months {
		if s.FirstTicket != nil && s.Months[i].Month < *s.FirstTicket {
			s.Months[i].Support = support.Figures{ActiveAccounts: s.Months[i].Support.ActiveAccounts}
		}
	}
	if err := s.addProduct(ctx, db, first, last); err != nil {
		return nil, err
	}
	// Active accounts are those with MRR > 0 plus those with product
	// events: without analytics, a month whose MRR is unknown (one-off
	// sales) has no active accounts to count — missing, not 0.
	if s.Has&Events == 0 {
		for i := range s.Months {
			if m := &s.Months[i]; m.Revenue.MRR == nil {
				m.Support.ActiveAccounts, m.Support.TicketsPerActiveAccount = nil, nil
			}
		}
	}
	fb, err := feedback.Monthly(ctx, db, first, last)
	if err != nil {
		return nil, err
	}
	for i, f := range fb {
		s.Months[i].Feedback = f
	}
	if fb != nil {
		s.Has |= Feedback
	}
	if err := s.addReleases(db, first, last); err != nil {
		return nil, err
	}
	if err := s.addBugs(ctx, db, first, last); err != nil {
		return nil, err
	}
	if err := s.addManual(db, first, last, active); err != nil {
		return nil, err
	}
	if err := s.addDecisions(db, first, last); err != nil {
		return nil, err
	}
	if err := s.addCosts(ctx, db, first, last); err != nil {
		return nil, err
	}
	if what == reviews {
		if s.Has&Billing != 0 {
			s.Cohorts = cohortsOf(ser)
		}
		if s.Usage, err = usageCohorts(ctx, db, first, last); err != nil {
			return nil, err
		}
		if s.Tables, err = loadTables(db, s.Months); err != nil {
			return nil, err
		}
		if s.Has&Costs != 0 {
			if s.CostPlans, err = costPlans(ctx, db, last); err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}

// addRevenue adds what is built on the revenue series: plan mix,
// movements and their customers, and where billing starts.
func (s *Set) addRevenue(db *workspace.DB, ser *revenue.Series) error {
	names, err := revenue.LoadPlanNames(db)
	if err != nil {
		return err
	}
	for i := range s.Months {
		m, sm := &s.Months[i], &ser.Months[i]
		m.Plans = names.Group(sm.Plans)
		m.Expanded, m.Contracted = sm.ExpandedCustomers, sm.ContractedCustomers
		m.Revalued = int64(len(ser.Movements(sm.Month, revenue.FX)))
	}
	s.Movements = movementsOf(ser, names)
	for _, src := range []revenue.Source{revenue.FromInvoices, revenue.FromSubscriptions, revenue.FromPayments} {
		for _, sub := range ser.Subscriptions {
			if sub.Source == src {
				s.MRRFrom = append(s.MRRFrom, src)
				break
			}
		}
	}
	if first, ok := ser.FirstPaid(db.Location()); ok {
		fp := backend.MonthOf(first, db.Location())
		s.FirstPaid = &fp
	}
	return nil
}

// addProduct sets signups, activation and the accounts using the product.
func (s *Set) addProduct(ctx context.Context, db *workspace.DB, first, last backend.Month) error {
	set, err := product.ReadSettings(db)
	if err != nil {
		return err
	}
	u, err := accounts.LoadUnits(ctx, db)
	if err != nil {
		return err
	}
	loc := db.Location()
	pm := product.MonthsOf(u, set, first.Start(loc), last.Start(loc), db.Now())
	for i, f := range product.FiguresOf(u, pm) {
		m := &s.Months[i]
		m.Product = f
		if len(u.List) > 0 {
			m.Activated, m.Settled = i64(pm[i].Activated), pm[i].Settled
		}
		if u.HasEvents {
			m.Using = i64(pm[i].Using)
		}
	}
	if len(u.List) > 0 {
		s.Has |= Units
		var min int64
		for _, un := range u.List {
			if un.FirstSeen != 0 && (min == 0 || un.FirstSeen < min) {
				min = un.FirstSeen
			}
		}
		if min != 0 {
			m := backend.MonthOfUnix(min, loc)
			s.FirstSeen = &m
			// A month before the first account was seen has no signups
			// figures: missing, not 0 signups.
			for i := range s.Months {
				if s.Months[i].Month < m {
					s.Months[i].Product.Signups, s.Months[i].Product.ActivationRate = nil, nil
				}
			}
		}
	}
	s.Mode = u.Mode
	if u.HasEvents {
		s.Has |= Events
	}
	if len(set.ActivationEvents) > 0 {
		s.Has |= Activation
	}
	return nil
}

// Last is the last month of the set.
func (s *Set) Last() *Month { return &s.Months[len(s.Months)-1] }

// Back is the month back months before the last (0 = the last), nil
// before the first.
func (s *Set) Back(back int) *Month {
	i := len(s.Months) - 1 - back
	if i < 0 || i >= len(s.Months) {
		return nil
	}
	return &s.Months[i]
}

// Index is the position of month m in the set, -1 when it is not in it.
func (s *Set) Index(m backend.Month) int {
	if len(s.Months) == 0 {
		return -1
	}
	i := m.Since(s.Months[0].Month)
	if i < 0 || i >= len(s.Months) {
		return -1
	}
	return i
}

// Value is figure f in month i (0 = oldest); nil when missing or out of
// range.
func (s *Set) Value(f *Field, i int) *float64 {
	if i < 0 || i >= len(s.Months) {
		return nil
	}
	return f.Of(&s.Months[i])
}

// Series is figure f over every month, oldest first.
func (s *Set) Series(f *Field) []*float64 {
	out := make([]*float64, len(s.Months))
	for i := range s.Months {
		out[i] = f.Of(&s.Months[i])
	}
	return out
}

// Change is figure f in month i against the month before.
func (s *Set) Change(f *Field, i int) Change { return f.Compare(s.Value(f, i), s.Value(f, i-1)) }

// Missing says why figure f is null (see Data.Missing).
func (s *Set) Missing(f *Field) string { return s.Has.Missing(f) }

// MonthList lists the months of the set, oldest first.
func (s *Set) MonthList() []backend.Month {
	out := make([]backend.Month, len(s.Months))
	for i := range s.Months {
		out[i] = s.Months[i].Month
	}
	return out
}

// MovementsOf are the movements of month m (of one kind, or every kind
// for ""), as Movements orders them.
func (s *Set) MovementsOf(m backend.Month, kind revenue.Kind) []Movement {
	var out []Movement
	for _, mv := range s.Movements {
		if mv.Month == m && (kind == "" || mv.Kind == kind) {
			out = append(out, mv)
		}
	}
	return out
}

func i64(n int64) *int64 { return &n }

// sortMovements orders one month's movements by kind, then the largest
// amounts first.
func sortMovements(ms []Movement) {
	sort.SliceStable(ms, func(a, b int) bool {
		if ka, kb := kindRank(ms[a].Kind), kindRank(ms[b].Kind); ka != kb {
			return ka < kb
		}
		return abs(ms[a].Amount) > abs(ms[b].Amount)
	})
}

func kindRank(k revenue.Kind) int {
	for i, x := range revenue.Kinds {
		if x == k {
			return i
		}
	}
	return len(revenue.Kinds)
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

// ProductTotals adds up each product's sales over every month of the set,
// largest revenue first: the "12 months" of the Revenue screen's table.
func (s *Set) ProductTotals() []revenue.ProductSales {
	by := map[string]*revenue.ProductSales{}
	var out []*revenue.ProductSales
	for i := range s.Months {
		for _, p := range s.Months[i].Products {
			t := by[p.Product]
			if t == nil {
				t = &revenue.ProductSales{Product: p.Product}
				by[p.Product] = t
				out = append(out, t)
			}
			t.Orders += p.Orders
			t.Revenue += p.Revenue
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Revenue > out[b].Revenue })
	list := make([]revenue.ProductSales, len(out))
	for i, p := range out {
		list[i] = *p
	}
	return list
}
