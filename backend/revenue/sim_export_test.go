package revenue_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// write saves the company's history as Stripe Dashboard exports, with the
// headers of importers/stripe/testdata and fixtures/real/stripe, and
// returns the file paths.
func (c *simCompany) write(t *testing.T) []string {
	dir := t.TempDir()
	var files []string
	save := func(name string, rows [][]string) {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := csv.NewWriter(f)
		w.WriteAll(rows)
		if err := f.Close(); err != nil || w.Error() != nil {
			t.Fatal(err, w.Error())
		}
		files = append(files, p)
	}
	save("unified_customers.csv", c.customersCSV())
	save("subscriptions.csv", c.subscriptionsCSV())
	save("invoices.csv", c.invoicesCSV())
	save("unified_payments.csv", c.paymentsCSV())
	return files
}

func simMoney(n int64, cur string) string {
	e := simExp[cur]
	neg := n < 0
	if neg {
		n = -n
	}
	s := itoa(n)
	if e > 0 {
		for len(s) <= e {
			s = "0" + s
		}
		s = s[:len(s)-e] + "." + s[len(s)-e:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

func simTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func flag(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func (c *simCompany) customersCSV() [][]string {
	rows := [][]string{strings.Split("id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Cancel At Period End,Account Balance,Currency,Total Spend,Payment Count,Average Order,Refunded Volume,Dispute Losses,Business Vat ID,Tax Location Recognized", ",")}
	for _, cu := range c.customers {
		rows = append(rows, []string{cu.id, "", cu.email, cu.name, "2024-01-01 00:00", "false", "", "", "", "0.00", cu.cur, "0.00", "0", "0.00", "0.00", "0.00", "", "false"})
	}
	return rows
}

func (c *simCompany) subscriptionsCSV() [][]string {
	rows := [][]string{strings.Split("id,Customer ID,Customer Name,Customer Description,Customer Email,Status,Cancellation Reason,Plan,Product,Quantity,Currency,Interval,Interval Count,Amount,Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Cancel At Period End,Ended At (UTC),Coupon,Tax Percent", ",")}
	for _, s := range c.subs {
		if s.source == "orphan" {
			continue
		}
		rows = append(rows, []string{s.id, s.customer, "", "", "", s.status, "", s.plan, "prod_" + s.plan, itoa(s.qty), s.cur,
			s.interval, itoa(s.count), simMoney(s.price, s.cur), simTime(&s.start), simTime(&s.start), simTime(&s.curFrom), simTime(&s.curTill),
			simTime(&s.trialFrom), simTime(&s.trialTill), simTime(s.canceledAt), flag(s.cancelAtPeriodEnd), simTime(s.endedAt), "", ""})
	}
	return rows
}

func (c *simCompany) invoicesCSV() [][]string {
	rows := [][]string{strings.Split("id,Amount Due,Billing,Closed,Currency,Customer,Customer Email,Date (UTC),Due Date (UTC),Period Start (UTC),Period End (UTC),Number,Paid,Subscription,Subtotal,Total Discount Amount,Applied Coupons,Tax,Tax Percent,Total,Amount Paid,Status", ",")}
	row := func(id, cur, customer, sub, status string, from, to time.Time, subtotal, discount, tax int64) []string {
		total := subtotal - discount + tax
		paid := status == "paid"
		amountPaid := int64(0)
		if paid {
			amountPaid = total
		}
		coupon := ""
		if discount > 0 {
			coupon = "LAUNCH25"
		}
		return []string{id, simMoney(total, cur), "charge_automatically", flag(status != "open"), cur, customer, "", simTime(&from), "",
			simTime(&from), simTime(&to), strings.ToUpper(id), flag(paid), sub, simMoney(subtotal, cur), simMoney(discount, cur), coupon,
			simMoney(tax, cur), "", simMoney(total, cur), simMoney(amountPaid, cur), status}
	}
	for k, s := range c.subs {
		for i, p := range s.periods {
			if p.invoiceID == "" {
				continue
			}
			rows = append(rows, row(p.invoiceID, s.cur, s.customer, s.id, p.invoiceStatus, p.from, p.to, p.subtotal, p.discount, p.tax))
			// Noise that must not move MRR: a voided duplicate, a draft and a one-off invoice.
			switch (k + i) % 29 {
			case 3:
				rows = append(rows, row(p.invoiceID+"_void", s.cur, s.customer, s.id, "void", p.from.Add(time.Hour), p.to, 3*p.subtotal, 0, 0))
			case 7:
				rows = append(rows, row(p.invoiceID+"_draft", s.cur, s.customer, s.id, "draft", p.from.Add(2*time.Hour), p.to, 5*p.subtotal, 0, 0))
			case 11:
				rows = append(rows, row(p.invoiceID+"_oneoff", s.cur, s.customer, "", "paid", p.from.Add(3*time.Hour), p.from.Add(3*time.Hour), 7777, 0, 0))
			}
		}
	}
	return rows
}

func (c *simCompany) paymentsCSV() [][]string {
	rows := [][]string{strings.Split("id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer", ",")}
	for _, p := range c.payments {
		conv, convRef, refAt, decline, msg := simMoney(p.converted, "usd"), simMoney(0, "usd"), "", "", "Payment complete."
		if p.refunded > 0 {
			convRef = conv
			refAt = p.at.Add(48 * time.Hour).UTC().Format("2006-01-02 15:04:05")
		}
		if p.status == "Failed" {
			conv, convRef, decline, msg = "", "", "insufficient_funds", "Your card has insufficient funds."
		}
		rows = append(rows, []string{p.id, p.at.UTC().Format("2006-01-02 15:04:05"), simMoney(p.amount, p.cur), simMoney(p.refunded, p.cur),
			p.cur, flag(p.status != "Failed"), conv, convRef, "usd", decline, "Subscription update", "", refAt, "KEEL", p.status, msg, "0.00",
			"pm_1", p.customer, "", "", p.invoice, ""})
	}
	return rows
}
