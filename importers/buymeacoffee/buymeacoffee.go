// Package buymeacoffee reads the Buy Me a Coffee supporters export
// ("Supporters_list_<date>.csv") into Payments, one per support:
//
//	"Supporter Email","Supporter Name","Coffee Count","Coffee Price","Support Currency","Supported On"
//	user@example.com,"Jane Doe",1,5.00,USD,2025-08-29
//
// Amount is Coffee Count × Coffee Price (major units, as exported) in the
// Support Currency; Supported On is a date (no time), read at midnight in
// Options.Location (UTC when nil). "Someone" is the name Buy Me a Coffee
// shows for a supporter who chose to stay anonymous: the name is dropped
// and Attrs["anonymous"] is "true" (the e-mail, when exported, is kept).
// Every support counts as paid: the export lists completed supports only.
//
// The export has no id, so the key is built from the row: "bmc:" + a
// digest of the e-mail (or, without one, the name), the date, the count,
// the price and the currency, plus the occurrence number of identical
// rows within the file ("…#2" for the second). Re-importing the file, or a
// later export that still lists the same supports, gives the same keys.
// The key is also the Payment's ID, so that supports count as revenue.
package buymeacoffee

import (
	"strconv"
	"strings"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
)

const (
	source = "buymeacoffee"
	vendor = "Buy Me a Coffee"
)

// anonymous is the name Buy Me a Coffee exports for anonymous supporters.
const anonymous = "Someone"

func init() { importers.Register(supporters{}) }

type supporters struct{}

func (supporters) Source() string { return source }
func (supporters) Kind() string   { return "payments" }
func (supporters) Label() string  { return "Buy Me a Coffee supporters" }

func (supporters) Detect(hh *csvfile.Header) float64 {
	h := newHeader(hh)
	if !h.has("Coffee Count", "Coffee Price") || !h.has("Supported On", "Support Currency") {
		return 0
	}
	if h.has("Supporter Email", "Supporter Name") && h.has("Coffee Count") && h.has("Coffee Price") {
		return 0.95
	}
	return 0.9
}

func (supporters) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := newHeader(hh)
	var (
		email    = h.find("Supporter Email", "Email")
		name     = h.find("Supporter Name", "Name")
		count    = h.find("Coffee Count", "Coffees")
		price    = h.findMoney("Coffee Price")
		currency = h.find("Support Currency", "Currency")
		date     = h.find("Supported On", "Date")
		note     = h.find("Support Note", "Message", "Note")
	)
	if err := checkRequired("Buy Me a Coffee supporters", requirement{count}, requirement{price},
		requirement{currency}, requirement{date}); err != nil {
		return nil, err
	}
	num := &numberStyle{}
	seen := map[string]int{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &fields{row: row, num: num, loc: opt.Location}
		p := &backend.Payment{
			Source:        source,
			CustomerEmail: f.str(email),
			Status:        "paid",
			Captured:      true,
			Created:       f.requiredTime(date),
		}
		who := f.str(name)
		if who == anonymous {
			setAttr(&p.Attrs, "anonymous", "true")
			who = ""
		}
		setAttr(&p.Attrs, "supporter_name", who)
		setAttr(&p.Attrs, "note", f.str(note))
		n := f.integer(count, 1)
		if n <= 0 {
			f.fail("%s %q is not a positive number of coffees", count.Name, f.str(count))
		}
		setAttr(&p.Attrs, "coffee_count", strconv.FormatInt(n, 10))
		setAttr(&p.Attrs, "coffee_price", f.str(price))
		if cur, exp, ok := f.currency(currency, true); ok {
			p.Currency = cur
			unit := f.requiredAmount(price, exp)
			p.Amount = unit * n
			if unit < 0 {
				f.fail("%s %q is negative", price.Name, f.str(price))
			}
		}
		if n == 1 {
			p.Description = "Buy Me a Coffee: 1 coffee"
		} else {
			p.Description = "Buy Me a Coffee: " + strconv.FormatInt(n, 10) + " coffees"
		}
		if f.err != nil {
			return nil, f.err
		}
		id := strings.ToLower(p.CustomerEmail)
		if id == "" {
			id = "name:" + f.str(name)
		}
		sum := rowHash(id, p.Created.Format("2006-01-02"), strconv.FormatInt(n, 10),
			strconv.FormatInt(p.Amount, 10), p.Currency)
		seen[sum]++
		p.ID = "bmc:" + sum[:32]
		if k := seen[sum]; k > 1 {
			p.ID += "#" + strconv.Itoa(k)
		}
		p.RowKey = p.ID
		return p, nil
	}, nil
}
