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
	"keel/importers/internal/columns"
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
	h := columns.NewHeader(hh)
	if !h.Has("Coffee Count", "Coffee Price") || !h.Has("Supported On", "Support Currency") {
		return 0
	}
	if h.Has("Supporter Email", "Supporter Name") && h.Has("Coffee Count") && h.Has("Coffee Price") {
		return 0.95
	}
	return 0.9
}

func (supporters) Bind(hh *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	h := columns.NewHeader(hh)
	var (
		email    = h.Find("Supporter Email", "Email")
		name     = h.Find("Supporter Name", "Name")
		count    = h.Find("Coffee Count", "Coffees")
		price    = h.FindMoney("Coffee Price")
		currency = h.Find("Support Currency", "Currency")
		date     = h.Find("Supported On", "Date")
		note     = h.Find("Support Note", "Message", "Note")
	)
	if err := columns.CheckRequired("Buy Me a Coffee supporters",
		[]columns.Requirement{{count}, {price}, {currency}, {date}}...); err != nil {
		return nil, err
	}
	num := &columns.NumberStyle{}
	seen := map[string]int{}
	return func(row csvfile.Row) (backend.Record, error) {
		f := &columns.Fields{Row: row, Num: num, Loc: opt.Location, Vendor: vendor}
		p := &backend.Payment{
			Source:        source,
			CustomerEmail: f.Str(email),
			Status:        "paid",
			Captured:      true,
			Created:       f.RequiredTime(date),
		}
		who := f.Str(name)
		if who == anonymous {
			columns.SetAttr(&p.Attrs, "anonymous", "true")
			who = ""
		}
		columns.SetAttr(&p.Attrs, "supporter_name", who)
		columns.SetAttr(&p.Attrs, "note", f.Str(note))
		n := f.Integer(count, 1)
		if n <= 0 {
			f.Fail("%s %q is not a positive number of coffees", count.Name, f.Str(count))
		}
		columns.SetAttr(&p.Attrs, "coffee_count", strconv.FormatInt(n, 10))
		columns.SetAttr(&p.Attrs, "coffee_price", f.Str(price))
		if cur, exp, ok := f.Currency(currency, true); ok {
			p.Currency = cur
			unit := f.RequiredAmount(price, exp)
			p.Amount = unit * n
			if unit < 0 {
				f.Fail("%s %q is negative", price.Name, f.Str(price))
			}
		}
		if n == 1 {
			p.Description = "Buy Me a Coffee: 1 coffee"
		} else {
			p.Description = "Buy Me a Coffee: " + strconv.FormatInt(n, 10) + " coffees"
		}
		if f.Err != nil {
			return nil, f.Err
		}
		id := strings.ToLower(p.CustomerEmail)
		if id == "" {
			id = "name:" + f.Str(name)
		}
		sum := columns.RowHash(id, p.Created.Format("2006-01-02"), strconv.FormatInt(n, 10),
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
