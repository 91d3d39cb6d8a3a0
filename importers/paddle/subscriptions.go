package paddle

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
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
	h := newHeader(hh)
	if !h.has("id", "subscription_id", "Subscription ID") || !h.has("status", "Status") || !h.has("currency_code") {
		return 0
	}
	switch cycle, period := h.has(subInterval[:2]...), h.count(subPeriod...); {
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
	price, product   column
	unit, quantity   column
	recurring, state column
	interval, freq   column
}

var itemColumn = regexp.MustCompile(`^items_(\d+)_(.+)$`)

// findItems collects the items[N].… columns of h; without any, the
// unindexed price_id/quantity/unit_price columns make one item.
func findItems(h *headerIndex) []*item {
	byIndex := map[int]*item{}
	get := func(n int) *item {
		it := byIndex[n]
		if it == nil {
			it = &item{index: n}
			for _, c := range []*column{&it.price, &it.product, &it.unit, &it.quantity, &it.recurring, &it.state, &it.interval, &it.freq} {
				c.i = -1
			}
			byIndex[n] = it
		}
		return it
	}
	for i, cn := range h.canon {
		m := itemColumn.FindStringSubmatch(cn)
		if m == nil {
			continue
		}
		n, err := strconv.Atoi(m[1])
		if err != nil || n > 1000 {
			continue
		}
		c := column{Name: h.names[i], i: i}
		it := get(n)
		switch m[2] {
		case "price_id":
			it.price = c
		case "price_product_id", "product_id":
			if !it.product.ok() {
				it.product = c
			}
		case "price_unit_price_amount", "unit_price_amount", "price_unit_price", "unit_price":
			if !it.unit.ok() {
				c.minor = apiStyle(c.Name)
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
			price:     h.find("price_id", "Price ID"),
			product:   h.find("product_id", "Product ID"),
			unit:      h.findMoney("unit_price.amount", "price.unit_price.amount", "unit_price", "Unit Price", "Price Amount"),
			quantity:  h.find("quantity", "Quantity"),
			recurring: h.find("recurring"),
			state:     column{i: -1},
			interval:  column{i: -1},
			freq:      column{i: -1},
		}
		if !it.unit.ok() && !it.price.ok() {
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
	h := newHeader(hh)
	var (
		id          = h.find("id", "subscription_id", "Subscription ID")
		status      = h.find("status", "Status")
		customerID  = h.find("customer_id", "Customer ID")
		email       = h.find("customer_email", "customer.email", "Customer Email", "email")
		currency    = h.find(txnCurrency...)
		interval    = h.find(subInterval...)
		frequency   = h.find("billing_cycle.frequency", "Billing Frequency", "frequency")
		created     = h.find("created_at", "Created At")
		started     = h.find("started_at", "Started At")
		periodStart = h.find("current_billing_period.starts_at", "Current Period Start")
		periodEnd   = h.find("current_billing_period.ends_at", "Current Period End")
		canceledAt  = h.find("canceled_at", "cancelled_at", "Canceled At")
		changeKind  = h.find("scheduled_change.action", "Scheduled Change Action")
		changeAt    = h.find("scheduled_change.effective_at", "Scheduled Change Effective At")
		items       = findItems(h)
		meta        = h.attrColumns([]string{"custom_data"}, "collection_mode", "next_billed_at", "first_billed_at",
			"paused_at", "address_id", "business_id", "scheduled_change.effective_at", "scheduled_change.resume_at")
	)
	reqs := []requirement{{id}, {status}, {currency}, {interval}}
	if len(items) == 0 {
		reqs = append(reqs, requirement{h.find("items[0].price.unit_price.amount", "unit_price.amount")})
	}
	if err := checkRequired("Paddle subscriptions", reqs...); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: opt.Location}
		raw := normStatus(f.required(status))
		s := &backend.Subscription{
			Source:             source,
			ID:                 f.required(id),
			CustomerID:         f.str(customerID),
			CustomerEmail:      f.str(email),
			Status:             raw,
			Created:            f.time(created),
			Start:              f.time(started),
			CurrentPeriodStart: f.time(periodStart),
			CurrentPeriodEnd:   f.time(periodEnd),
			CanceledAt:         f.time(canceledAt),
			Attrs:              attrs(row, meta),
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
		action := normStatus(f.str(changeKind))
		s.CancelAtPeriodEnd = action == "cancel"
		setAttr(&s.Attrs, "scheduled_change", action)
		_ = f.time(changeAt) // checked: a bad date rejects the row
		s.Interval, s.IntervalCount = f.interval(interval, frequency)
		if cur, exp, ok := f.currency(currency, true); ok {
			s.Currency = cur
			f.items(s, items, exp)
		}
		if s.Interval == "" {
			f.fail("%s is empty", interval.Name)
		}
		if f.err != nil {
			return nil, f.err
		}
		return s, nil
	}, nil
}

// items sets Plan, Product, Amount and Quantity from the recurring items.
func (f *fields) items(s *backend.Subscription, items []*item, exp int) {
	var prices, products []string
	var total int64
	n := 0
	for _, it := range items {
		price, unitText := f.str(it.price), f.str(it.unit)
		if price == "" && unitText == "" {
			continue // a column for an item this subscription does not have
		}
		if it.recurring.ok() && f.str(it.recurring) != "" && !f.flag(it.recurring) {
			continue
		}
		if st := normStatus(f.str(it.state)); st == "inactive" {
			continue
		}
		unit := f.requiredAmount(it.unit, exp)
		qty := f.integer(it.quantity, 1)
		if qty < 0 {
			f.fail("%s %q is negative", it.quantity.Name, f.str(it.quantity))
		}
		n++
		total += unit * qty
		if n == 1 {
			s.Amount, s.Quantity = unit, qty
		}
		if price != "" {
			prices = append(prices, price)
		}
		if p := f.str(it.product); p != "" {
			products = append(products, p)
		}
		if s.Interval == "" {
			s.Interval, s.IntervalCount = f.interval(it.interval, it.freq)
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
