package feedback

import (
	"context"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"keel/backend"
	"keel/backend/accounts"
	"keel/backend/money"
	"keel/backend/revenue"
	"keel/backend/workspace"
)

// Item is one piece of feedback: an imported ticket, a feedback-board row
// or a note the founder typed. Its tags describe its account at the time
// of the item.
type Item struct {
	Key      string    `json:"key"`  // ticket:<ticket key>, feedback:<row key>, note:<id>
	Kind     string    `json:"kind"` // ticket | feedback | note
	Source   string    `json:"source"`
	SourceID string    `json:"source_id"` // its id in its source (the export's id column)
	Created  time.Time `json:"created"`
	Title    string    `json:"title"`
	Text     string    `json:"text"`            // plain text, the first maxKeptText bytes
	TextLen  int       `json:"text_len"`        // the whole text's length in bytes
	Email    string    `json:"email"`           // the person who asked, "" when unknown
	Name     string    `json:"name"`            // their name, when the source has it
	Votes    *int64    `json:"votes"`           // on a feedback board
	Board    string    `json:"board,omitempty"` // on a feedback board
	Tags
	// Suggested is Keel's type, with the words behind it.
	Suggested Suggestion `json:"suggested"`
}

// Tags are the item's account at the time of the item (METRICS.md,
// Feedback). Empty for an item without an account.
type Tags struct {
	Account     string `json:"account"` // account id, "" when no account claims the person
	AccountName string `json:"account_name"`
	Plan        string `json:"plan"`         // the plans paid then, or on trial; "" for none
	MRR         *int64 `json:"mrr"`          // MRR then, minor units of the base currency; nil when unknown
	Stage       string `json:"stage"`        // trial, new, established, churned, prospect
	AccountType string `json:"account_type"` // company (an organisation's domain) or person
	Segment     string `json:"segment"`      // the MRR band then: none, small, mid, large
}

// Lifecycle stages (METRICS.md, Feedback).
const (
	StageTrial       = "trial"       // on a trial, no MRR yet
	StageNew         = "new"         // first paid less than 90 days before
	StageEstablished = "established" // paying for 90 days or more
	StageChurned     = "churned"     // had MRR, none now
	StageProspect    = "prospect"    // never paid
)

// Segments are bands of the account's MRR at the time, in major units of
// the base currency.
var segmentBands = []struct {
	name string
	min  int64 // major units
}{{"large", 1000}, {"mid", 200}, {"small", 1}}

// base is what the items are computed from: read once per change of the
// imports, the account rules or the settings. A note the founder adds is
// put in place (base.add); an edited or deleted one reads it all again.
type base struct {
	version  string
	items    []*Item // newest first
	byKey    map[string]*Item
	currency string
	billing  *accounts.Billing
	rates    *revenue.Rates
	names    map[string]string   // account id → name
	contacts map[string]string   // account id → main contact address
	custs    map[string][]string // account id → revenue customer ids
	loc      *time.Location
	problem  string            // why MRR is missing, when it is
	firstPay map[string]int64  // account → unix second of its first MRR > 0
	ix       *index            // the similarity engine's view, built on first need
	moves    map[string][]move // account → its movements, read on first need
	plans    revenue.PlanNames // plan id → "Growth · monthly"
	links    *accounts.Links
	public   *accounts.PublicDomains // never linked by domain (the founder's list)
	domains  map[string]string       // account → its organisation domain
	byDomain map[string][]string     // organisation domain → its accounts
	engine   *engine                 // the clusters as last placed, kept to place new items fast
}

func loadBase(ctx context.Context, db *workspace.DB, version string) (*base, error) {
	srcs, err := db.FeedbackSources(ctx)
	if err != nil {
		return nil, err
	}
	b := &base{version: version, byKey: make(map[string]*Item, len(srcs)), loc: db.Location(),
		names: map[string]string{}, contacts: map[string]string{}, custs: map[string][]string{}, firstPay: map[string]int64{}}
	links, err := accounts.LoadLinks(ctx, db)
	if err != nil {
		return nil, err
	}
	page, err := accounts.List(ctx, db, accounts.ListOptions{})
	if err != nil {
		return nil, err
	}
	if b.public, err = accounts.LoadPublicDomains(db); err != nil {
		return nil, err
	}
	b.links, b.domains, b.byDomain = links, map[string]string{}, map[string][]string{}
	for _, a := range page.Accounts {
		if a.Domain != "" {
			b.byDomain[a.Domain] = append(b.byDomain[a.Domain], a.ID)
		}
		name := a.Name
		if name == "" {
			name = firstNonEmpty(a.Domain, a.Email, a.ID)
		}
		b.names[a.ID], b.contacts[a.ID], b.domains[a.ID] = name, a.Email, a.Domain
		b.custs[a.ID] = a.Customers
	}
	if err := b.loadBilling(ctx, db, srcs, links); err != nil {
		return nil, err
	}
	if b.plans, err = revenue.LoadPlanNames(db); err != nil {
		return nil, err
	}
	// Items are read on every core: item only reads the base.
	b.items = make([]*Item, len(srcs))
	workers := min(runtime.GOMAXPROCS(0), 8)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(srcs); i += workers {
				b.items[i] = b.item(srcs[i])
			}
		}()
	}
	wg.Wait()
	for _, it := range b.items {
		b.byKey[it.Key] = it
	}
	sort.SliceStable(b.items, func(i, j int) bool {
		a, c := b.items[i], b.items[j]
		if !a.Created.Equal(c.Created) {
			return a.Created.After(c.Created)
		}
		return a.Key < c.Key
	})
	return b, nil
}

// item reads one source as an item, with its tags.
func (b *base) item(s workspace.FeedbackSource) *Item {
	it := &Item{Key: s.Key, Kind: s.Kind, Source: s.Source, SourceID: s.ID, Created: time.Unix(s.Created, 0).UTC(),
		Email: backend.NormalizeEmail(s.Email), Name: clean(s.Name), Votes: s.Votes, Board: clean(s.Board)}
	text := s.Text
	it.TextLen = len(text)
	if len(text) > 4*maxKeptText {
		text = text[:4*maxKeptText]
	}
	text = clean(text)
	if len(text) > maxKeptText {
		text = strings.ToValidUTF8(text[:maxKeptText], "")
	}
	it.Title, it.Text = titleOf(clean(s.Title), text), text
	if it.Title == "" {
		it.Title = "(no title)"
	}
	acc := ""
	if it.Email != "" {
		acc = b.links.Email(it.Email)
		// The accounts know the addresses of tickets and analytics; a
		// feedback row's or a note's address links by its domain when
		// exactly one account has it (METRICS.md, Accounts).
		if d := backend.EmailDomain(it.Email); acc == "" && !b.public.Has(d) && len(b.byDomain[d]) == 1 {
			acc = b.byDomain[d][0]
		}
	}
	if acc == "" && s.Account != "" {
		if _, ok := b.names[s.Account]; ok {
			acc = s.Account
		}
	}
	it.Tags = b.tagsAt(acc, s.Created, b.domains[acc])
	if it.Name == "" && s.Org != "" {
		it.Name = clean(s.Org)
	}
	it.Suggested = SuggestType(it.Title, it.Text)
	return it
}

// add puts a new item in the base (a note just written), in its place
// among the items and, when the engine's view exists, in it.
func (b *base) add(it *Item, typ Type) {
	i := sort.Search(len(b.items), func(i int) bool {
		c := b.items[i]
		return c.Created.Before(it.Created) || c.Created.Equal(it.Created) && c.Key > it.Key
	})
	b.items = append(b.items, nil)
	copy(b.items[i+1:], b.items[i:])
	b.items[i] = it
	b.byKey[it.Key] = it
	if b.ix != nil {
		d := b.ix.corpus.Add(docTyped(it.Title, it.Text, it.Created.Unix(), typ))
		b.ix.doc[it.Key] = d
		b.ix.key = append(b.ix.key, it.Key)
	}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// loadBilling runs the revenue engine over the months of the items up to
// now, and finds when each account first paid.
func (b *base) loadBilling(ctx context.Context, db *workspace.DB, srcs []workspace.FeedbackSource, links *accounts.Links) error {
	now := db.Now()
	from := now
	for _, s := range srcs {
		if t := time.Unix(s.Created, 0); t.Before(from) {
			from = t
		}
	}
	bill, err := accounts.LoadBilling(ctx, db, from, now)
	if err != nil {
		if backend.ErrorCode(err) == backend.Internal {
			return err
		}
		b.problem = backend.ErrorMessage(err)
		return nil
	}
	b.billing = bill
	b.currency = bill.Series.BaseCurrency
	if !bill.Series.HasData {
		return nil
	}
	inc, err := db.Setting(workspace.SettingIncludeTest)
	if err != nil {
		return err
	}
	if b.rates, err = revenue.LoadRates(db, b.currency, b.loc, inc == "true"); err != nil {
		if backend.ErrorCode(err) == backend.Internal {
			return err
		}
		b.problem = backend.ErrorMessage(err)
	}
	owner := map[string]string{}
	for acc, cs := range b.custs {
		for _, c := range cs {
			owner[c] = acc
		}
	}
	for _, sub := range bill.Series.Subscriptions {
		acc := owner[sub.CustomerID]
		if acc == "" && strings.HasPrefix(sub.CustomerID, "email:") {
			acc = links.Email(strings.TrimPrefix(sub.CustomerID, "email:"))
			if acc != "" {
				b.custs[acc] = append(b.custs[acc], sub.CustomerID)
			}
		}
		if acc == "" {
			continue
		}
		for _, st := range sub.Steps {
			if st.MRR > 0 {
				if f, ok := b.firstPay[acc]; !ok || st.From.Unix() < f {
					b.firstPay[acc] = st.From.Unix()
				}
				break
			}
		}
	}
	return nil
}

// endOfDay is the last second of t's day in the workspace time zone.
func (b *base) endOfDay(t int64) int64 {
	d := time.Unix(t, 0).In(b.loc)
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, b.loc).Unix() - 1
}

// mrrAt is an account's MRR at unix second t; nil when unknown.
func (b *base) mrrAt(acc string, t int64) *int64 {
	if acc == "" || b.billing == nil || b.rates == nil {
		return nil
	}
	if !b.billing.Series.HasData {
		return nil
	}
	m, err := b.billing.MRR(acc, t, b.rates)
	if err != nil {
		return nil
	}
	return &m
}

// tagsAt describes an account at unix second t, the item's time
// (METRICS.md, Feedback): its plan, MRR and lifecycle stage then.
func (b *base) tagsAt(acc string, t int64, domain string) Tags {
	tg := Tags{Stage: StageProspect}
	if acc == "" {
		return tg
	}
	tg.Account, tg.AccountName = acc, b.names[acc]
	tg.AccountType = "person"
	if domain != "" {
		tg.AccountType = "company"
	}
	if b.billing == nil {
		return tg
	}
	plan, stage := b.billing.State(acc, t)
	tg.Plan = b.planName(plan)
	tg.MRR = b.mrrAt(acc, t)
	switch stage {
	case accounts.StageTrial:
		tg.Stage = StageTrial
	case accounts.StageChurned:
		tg.Stage = StageChurned
	case accounts.StageNew, accounts.StagePaying:
		tg.Stage = StageEstablished
		if f, ok := b.firstPay[acc]; ok && t-f < 90*86400 {
			tg.Stage = StageNew
		}
	}
	tg.Segment = b.segment(tg.MRR)
	return tg
}

// segment is the band of an MRR: none (0), small, mid or large.
func (b *base) segment(mrr *int64) string {
	if mrr == nil {
		return ""
	}
	if *mrr <= 0 {
		return "none"
	}
	unit := int64(1)
	for range b.exponentOf() {
		unit *= 10
	}
	for _, s := range segmentBands {
		if *mrr >= s.min*unit {
			return s.name
		}
	}
	return "small"
}

func (b *base) exponentOf() int {
	if e, ok := money.Exponent(b.currency); ok {
		return e
	}
	return 2
}

// planName names the plans of an account ("price_1Sx… + price_2Ab…") as
// a founder does ("Growth · monthly + Seats · monthly").
func (b *base) planName(plan string) string { return b.plans.Of(plan) }
