package paddle

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
)

func init() { importers.Register(subscriptions{}) }

// subscriptions reads a Paddle Billing subscriptions export (the API's
// subscription entity flattened to columns): id (sub_…), status,
// customer_id, currency_code, billing_cycle.interval and .frequency,
// current_billing_period.starts_at and .ends_at, scheduled_change.action
// and .effective_at, canceled_at, and the items with their price, unit
// amount and quantity ("items[0].price.unit_price.amount",
// "items[0].quantity", …; a file with one item may also say "price_id",
// "quantity", "unit_price.amount").
//
// Amount and Quantity: with one recurring item, the item's unit amount and
// quantity; with several, Amount is Σ unit amount × quantity and Quantity
// is 1 (Plan then lists every price id). Items marked recurring=false
// (one-time charges) are left out. Status is Paddle's (active, trialing,
// past_due, paused, canceled); a scheduled change of action "cancel" sets
// CancelAtPeriodEnd, and a canceled subscription's canceled_at is also its
// EndedAt (Paddle cancels at the change's effective date). While trialing,
// the current billing period is the trial.
type subscriptions struct{}

func (subscriptions) Source() string { return source }
func (subscriptions) Kind() string   { return "subscriptions" }
func (subscriptions) Label() string  { return "Paddle subscriptions" }

var (
	subInterval = []string{"billing_cycle.interval", "billing_cycle_interval", "Billing Interval", "interval"}
	subPeriod   = []string{"current_billing_period.ends_at", "current_billing_period.starts_at", "next_billed_at",
		"scheduled_change.action", "first_billed_at"}
)

func (subscriptions) Detect(hh *csvfile.Header) float64 {
	h := columns.NewHeader(hh)
	if !h.Has("id", "subscription_id", "Subscription ID") || !h.Has("status", "Status") || !h.Has("currency_code") {
		return 0
	}
	switch cycle, period := h.Has(subInterval[:2]...), h.Count(subPeriod...); {
	case cycle && period > 0:
		return 0.95
	case cycle || period >= 2:
		return 0.9
	}
	return 0
}

// item is the columns of one subscription item.
type item struct {
	index            int
	price, product   columns.Column
	unit, quantity   columns.Column
	recurring, state columns.Column
	interval, freq   columns.Column
}

var itemColumn = regexp.MustCompile(`^items_(\d+)_(.+)$`)

// findItems collects the items[N].… columns of h; without any, the
// unindexed price_id/quantity/unit_price columns make one item.
func findItems(h *columns.Header) []*item {
	byIndex := map[int]*item{}
	get := func(n int) *item {
		it := byIndex[n]
		if it == nil {
			it = &item{index: n}
			for _, c := range []*columns.Column{&it.price, &it.product, &it.unit, &it.quantity,
				&it.recurring, &it.state, &it.interval, &it.freq} {
				c.Index = -1
			}
			byIndex[n] = it
		}
		return it
	}
	for i, cn := range h.Canon {
		m := itemColumn.FindStringSubmatch(cn)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil || n > 1000 {
			continue
		}
		c := columns.Column{Name: h.Names[i], Index: i}
		it := get(n)
		switch m[2] {
		case "price_id":
			it.price = c
		case "price_product_id", "product_id":
			if !it.product.OK() {
				it.product = c
			}
		case "price_unit_price_amount", "unit_price_amount", "price_unit_price", "unit_price":
			if !it.unit.OK() {
				c.Minor = columns.APIStyle(c.Name)
				it.unit = c
			}
		case "quantity":
			it.quantity = c
		case "recurring":
			it.recurring = c
		case "status":
			it.state = c
		case "price_billing_cycle_interval":
			it.interval = c
		case "price_billing_cycle_frequency":
			it.freq = c
		}
	}
	if len(byIndex) == 0 {
		it := &item{
			price:     h.Find("price_id", "Price ID"),
			product:   h.Find("product_id", "Product ID"),
			unit:      h.FindMoney("unit_price.amount", "price.unit_price.amount", "unit_price", "Unit Price", "Price Amount"),
			quantity:  h.Find("quantity", "Quantity"),
			recurring: h.Find("recurring"),
			state:     columns.Column{Index: -1},
			interval:  columns.Column{Index: -1},
			freq:      columns.Column{Index: -1},
		}
		if !it.unit.OK() && !it.price.OK() {
			return nil
		}
		return []*item{it}
	}
	items := make([]*item, 0, len(byIndex))
	for _, it := range byIndex {
		items = append(items, it)
	}
	sort.Slice(items, func(i, j int) bool { return items[i].index < items[j].index })
	return items
}

func (subscriptions) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		id          = h.Find("id", "subscription_id", "Subscription ID")
		status      = h.Find("status", "Status")
		customerID  = h.Find("customer_id", "Customer ID")
		email       = h.Find("customer_email", "customer.email", "Customer Email", "email")
		currency    = h.Find(txnCurrency...)
		interval    = h.Find(subInterval...)
		frequency   = h.Find("billing_cycle.frequency", "Billing Frequency", "frequency")
		created     = h.Find("created_at", "Created At")
		started     = h.Find("started_at", "Started At")
		periodStart = h.Find("current_billing_period.starts_at", "Current Period Start")
		periodEnd   = h.Find("current_billing_period.ends_at", "Current Period End")
		canceledAt  = h.Find("canceled_at", "cancelled_at", "Canceled At")
		changeKind  = h.Find("scheduled_change.action", "Scheduled Change Action")
		changeAt    = h.Find("scheduled_change.effective_at", "Scheduled Change Effective At")
		items       = findItems(h)
		meta        = h.AttrColumns([]string{"custom_data"}, "collection_mode", "next_billed_at", "first_billed_at",
			"paused_at", "address_id", "business_id", "scheduled_change.effective_at", "scheduled_change.resume_at")
	)
	reqs := []columns.Requirement{{id}, {status}, {currency}, {interval}}
	if len(items) == 0 {
		reqs = append(reqs, columns.Requirement{h.Find("items[0].price.unit_price.amount", "unit_price.amount")})
	}
	if err := columns.CheckRequired("Paddle subscriptions", reqs...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		raw := columns.NormStatus(f.Required(status))
		s := &backend.Subscription{
			Source:             source,
			ID:                 f.Required(id),
			CustomerID:         f.Str(customerID),
			CustomerEmail:      f.Str(email),
			Status:             raw,
			Created:            f.Time(created),
			Start:              f.Time(started),
			CurrentPeriodStart: f.Time(periodStart),
			CurrentPeriodEnd:   f.Time(periodEnd),
			CanceledAt:         f.Time(canceledAt),
			Attrs:              columns.Attrs(row, meta),
		}
		if raw == "cancelled" {
			s.Status = "canceled"
		}
		if s.Status == "canceled" {
			s.EndedAt = s.CanceledAt
		}
		if s.Status == "trialing" {
			s.TrialStart, s.TrialEnd = s.CurrentPeriodStart, s.CurrentPeriodEnd
		}
		action := columns.NormStatus(f.Str(changeKind))
		s.CancelAtPeriodEnd = action == "cancel"
		columns.SetAttr(&s.Attrs, "scheduled_change", action)
		_ = f.Time(changeAt) // checked: a bad date rejects the row
		s.Interval, s.IntervalCount = f.Interval(interval, frequency)
		if cur, exp, ok := f.Currency(currency, true); ok {
			s.Currency = cur
			setItems(f, s, items, exp)
		}
		if s.Interval == "" {
			f.Fail("%s is empty", interval.Name)
		}
		if f.Err != nil {
			return nil, f.Err
		}
		return s, nil
	}, nil
}

// setItems sets Plan, Product, Amount and Quantity from the recurring items.
func setItems(f *columns.Fields, s *backend.Subscription, items []*item, exp int) {
	var prices, products []string
	var total int64
	n := 0
	for _, it := range items {
		price, unitText := f.Str(it.price), f.Str(it.unit)
		if price == "" && unitText == "" {
			continue // a column for an item this subscription does not have
		}
		if it.recurring.OK() && f.Str(it.recurring) != "" && !f.Flag(it.recurring) {
			continue
		}
		if st := columns.NormStatus(f.Str(it.state)); st == "inactive" {
			continue
		}
		unit := f.RequiredAmount(it.unit, exp)
		qty := f.Integer(it.quantity, 1)
		if qty < 0 {
			f.Fail("%s %q is negative", it.quantity.Name, f.Str(it.quantity))
		}
		n++
		total += unit * qty
		if n == 1 {
			s.Amount, s.Quantity = unit, qty
		}
		if price != "" {
			prices = append(prices, price)
		}
		if p := f.Str(it.product); p != "" {
			products = append(products, p)
		}
		if s.Interval == "" {
			s.Interval, s.IntervalCount = f.Interval(it.interval, it.freq)
		}
	}
	switch n {
	case 0:
		s.Quantity = 1
	case 1:
	default:
		s.Amount, s.Quantity = total, 1
	}
	s.Plan = strings.Join(prices, ",")
	s.Product = strings.Join(products, ",")
}
