package figures_test

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// write saves the history as the exports a founder downloads: Stripe
// customers and subscriptions, Zendesk tickets and PostHog events.
func (w *simUsers) write(t *testing.T) []string {
	dir := t.TempDir()
	var files []string
	save := func(name string, rows [][]string) {
		p := filepath.Join(dir, name)
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		cw := csv.NewWriter(f)
		cw.WriteAll(rows)
		if err := f.Close(); err != nil || cw.Error() != nil {
			t.Fatal(err, cw.Error())
		}
		files = append(files, p)
	}
	save("unified_customers.csv", w.customersCSV())
	save("subscriptions.csv", w.subscriptionsCSV())
	save("zendesk_tickets.csv", w.ticketsCSV())
	save("posthog_events.csv", w.eventsCSV())
	return files
}

func stripeTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func (w *simUsers) customersCSV() [][]string {
	rows := [][]string{strings.Split("id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Cancel At Period End,Account Balance,Currency,Total Spend,Payment Count,Average Order,Refunded Volume,Dispute Losses,Business Vat ID,Tax Location Recognized", ",")}
	for _, c := range w.companies {
		if c.customer != "" {
			rows = append(rows, []string{c.customer, "", c.billing, c.name, stripeTime(c.signup), "false", "", "", "", "0.00", "usd", "0.00", "0", "0.00", "0.00", "0.00", "", "false"})
		}
	}
	return rows
}

func (w *simUsers) subscriptionsCSV() [][]string {
	rows := [][]string{strings.Split("id,Customer ID,Customer Name,Customer Description,Customer Email,Status,Cancellation Reason,Plan,Product,Quantity,Currency,Interval,Interval Count,Amount,Created (UTC),Start (UTC),Current Period Start (UTC),Current Period End (UTC),Trial Start (UTC),Trial End (UTC),Canceled At (UTC),Cancel At Period End,Ended At (UTC),Coupon,Tax Percent", ",")}
	for _, c := range w.companies {
		if c.customer == "" {
			continue
		}
		status, ended := "active", c.ended
		if !c.paying {
			status, ended = "canceled", c.trialEnd
		} else if !c.ended.IsZero() {
			status = "canceled"
		}
		rows = append(rows, []string{"sub_" + c.customer, c.customer, c.name, "", c.billing, status, "", "price_team", "prod_team", "1", "usd",
			"month", "1", "49.00", stripeTime(c.signup), stripeTime(c.signup), stripeTime(c.trialEnd), "", stripeTime(c.signup), stripeTime(c.trialEnd),
			stripeTime(ended), "false", stripeTime(ended), "", ""})
	}
	return rows
}

func (w *simUsers) ticketsCSV() [][]string {
	rows := [][]string{strings.Split("Id,Requester,Requester id,Requester email,Subject,Status,Via,Tags,Created at,Solved at,Satisfaction Score,First reply time in minutes,Full resolution time in minutes", ",")}
	var all []simTicket
	for _, c := range w.companies {
		all = append(all, c.tickets...)
	}
	all = append(all, w.strangers...)
	sort.Slice(all, func(i, j int) bool { return all[i].created.Before(all[j].created) })
	num := func(n int64) string {
		if n < 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	for i, tk := range all {
		status, solved := "Open", ""
		if !tk.solved.IsZero() {
			status, solved = "Solved", tk.solved.UTC().Format("2006-01-02 15:04:05")
		}
		rows = append(rows, []string{strconv.Itoa(1000 + i), "Someone", strconv.Itoa(500 + i), tk.email, "Help", status, tk.via,
			strings.Join(tk.tags, " "), tk.created.UTC().Format("2006-01-02 15:04:05"), solved, tk.satisfaction, num(tk.reply), num(tk.resolution)})
	}
	return rows
}

func (w *simUsers) eventsCSV() [][]string {
	rows := [][]string{{"*.uuid", "*.event", "*.distinct_id", "*.timestamp", "*.properties.email"}}
	var all []simEvent
	for _, c := range w.companies {
		all = append(all, c.events...)
	}
	all = append(all, w.visitors...)
	// Newest first, as PostHog exports.
	sort.SliceStable(all, func(i, j int) bool { return all[i].at.After(all[j].at) })
	for i, e := range all {
		rows = append(rows, []string{"0190-sim-" + strconv.Itoa(i), e.name, e.distinct, e.at.In(w.loc).Format("2006-01-02T15:04:05.000000-07:00"), e.email})
	}
	return rows
}
