// Package benchfiles writes the generated exports the import benchmarks
// time: Stripe payments, Zendesk tickets and PostHog events at the sizes of
// issues 3, 4 and 11, and the small files a founder imports into a large
// workspace. Rows are a function of their index, so every run writes the
// same bytes.
package benchfiles

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"time"
)

// Scale shrinks a benchmark's row count for a quick look
// (KEEL_BENCH_SCALE=0.1); 1 by default.
func Scale(n int) int {
	if f, err := strconv.ParseFloat(os.Getenv("KEEL_BENCH_SCALE"), 64); err == nil && f > 0 {
		return max(1, int(float64(n)*f))
	}
	return n
}

// Runs is how many times a benchmark times each command
// (KEEL_BENCH_RUNS, default 3): single runs on a busy laptop vary by ±15 %.
func Runs() int {
	if n, err := strconv.Atoi(os.Getenv("KEEL_BENCH_RUNS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// File is one generated export: its header and its i-th row.
type File struct {
	Name, Header string
	Row          func(w *bufio.Writer, i int)
}

// Write streams n rows of f to path and returns the file's size. The file
// is on disk before it returns, as a downloaded export is: otherwise the
// kernel writes it back during the first timed runs.
func Write(path string, f File, n int) (int64, error) {
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(out, 1<<20)
	w.WriteString(f.Header)
	for i := 0; i < n; i++ {
		f.Row(w, i)
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return 0, err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return 0, err
	}
	st, err := out.Stat()
	if err != nil {
		out.Close()
		return 0, err
	}
	return st.Size(), out.Close()
}

var start = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)

// PaymentsHeader is Stripe's default 23-column payments export.
const PaymentsHeader = "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer\n"

// Payments is a Stripe payments export: 50,000 customers paying every
// 157 s from 2021-01-01; ids start at first (two files with different
// first hold different payments).
func Payments(first int) File {
	return File{Name: "unified_payments.csv", Header: PaymentsHeader, Row: func(w *bufio.Writer, i int) {
		statuses := []string{"Paid", "Paid", "Paid", "Paid", "Paid", "Paid", "Failed", "Refunded"}
		at := start.Add(time.Duration(i) * 157 * time.Second).Format("2006-01-02 15:04:05")
		amt := fmt.Sprintf("%d.%02d", 9+i%290, i%100)
		fmt.Fprintf(w, "ch_3Bench%012dKSaqiJUYkj,%s,%s,0.00,usd,true,%s,0.00,usd,,Subscription update,0.53,,KEELAPP,%s,Payment complete.,0.00,pm_1Re5qXKSaqiJUYkj%06d,cus_SZEJE%07d,,user_%07d@example.com,in_1TKV6jKSaq%010d,po_1TO5akKSaqiJUYkj\n",
			first+i, at, amt, amt, statuses[i%len(statuses)], i%999983, i%50000, i%50000, first+i)
	}}
}

// TicketsHeader is Zendesk's tickets export.
const TicketsHeader = "Id,Requester,Requester id,Requester email,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Solved at,Satisfaction Score,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours\n"

// Tickets is a Zendesk tickets export from 40,000 requesters.
func Tickets() File {
	return File{Name: "zendesk_tickets.csv", Header: TicketsHeader, Row: func(w *bufio.Writer, i int) {
		created := start.Add(time.Duration(i) * 97 * time.Second)
		solved := created.Add(time.Duration(30+i%5000) * time.Minute)
		sat := []string{"Good", "Not Offered", "Offered", "Bad", "Good"}[i%5]
		fmt.Fprintf(w, "%d,Customer %d,%d,user%d@acme%d.io,Agent %d,Support,\"Cannot export report #%d, please help\",how_to billing,Solved,Normal,Mail,Question,%s,%s,%s,%s,%d,%d,%d,%d,%d,%d\n",
			100000+i, i%40000, 9000000+i%40000, i%40000, i%900, i%12, i, created.Format("2006-01-02 15:04:05"),
			solved.Format("2006-01-02 15:04:05"), solved.Format("2006-01-02 15:04:05"), sat, i%3, 1+i%7, 10+i%300, 5+i%200, 30+i%5000, 20+i%3000)
	}}
}

// EventsHeader is PostHog's events export with the email property.
const EventsHeader = "*.uuid,*.event,*.distinct_id,*.timestamp,*.properties.$current_url,*.properties.$browser,*.properties.email\r\n"

// Events is a PostHog events export: 60,000 users at 9,000 organisations,
// an event every 7 s from 2021-01-01 plus offset seconds; uuids start at
// first.
func Events(first int, offset time.Duration) File {
	return File{Name: "posthog_events.csv", Header: EventsHeader, Row: func(w *bufio.Writer, i int) {
		at := start.Add(offset + time.Duration(i)*7*time.Second).Format("2006-01-02T15:04:05.000000+00:00")
		ev := []string{"$pageview", "$pageview", "dashboard_viewed", "report_shared", "project_created"}[i%5]
		u := first + i
		fmt.Fprintf(w, "0189%04x-%04x-7%03x-8%03x-%012x,%s,user%d@acme%d.io,%s,https://app.northwind.example/p/%d,Chrome,user%d@acme%d.io\r\n",
			u>>16&0xffff, u&0xffff, u%4096, (u/7)%4096, u, ev, i%60000, i%9000, at, i%500, i%60000, i%9000)
	}}
}

// CustomersHeader is Stripe's customers export.
const CustomersHeader = "id,Description,Email,Name,Created (UTC),Delinquent,Plan,Status,Cancel At Period End,Account Balance,Currency,Total Spend,Payment Count,Average Order,Refunded Volume,Dispute Losses,Business Vat ID,Tax Location Recognized\n"

// TeamCustomers is a Stripe customers export of teams at five company
// domains, each customer with its own address: person<i>@corp<i%5>.example.
func TeamCustomers() File {
	return File{Name: "unified_customers.csv", Header: CustomersHeader, Row: func(w *bufio.Writer, i int) {
		fmt.Fprintf(w, "cus_Team%06d,,person%d@corp%d.example,Team %d,2021-06-01 00:00,false,,,,0.00,usd,0.00,0,0.00,0.00,0.00,,false\n", i, i, i%5, i)
	}}
}

// TeamTickets is a Zendesk tickets export from 160 people at the five
// company domains of TeamCustomers, ids apart from Tickets'.
func TeamTickets() File {
	return File{Name: "team_tickets.csv", Header: TicketsHeader, Row: func(w *bufio.Writer, i int) {
		created := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 3 * time.Hour)
		solved := created.Add(90 * time.Minute).Format("2006-01-02 15:04:05")
		c := i % 160
		fmt.Fprintf(w, "%d,Person %d,%d,person%d@corp%d.example,Agent 1,Support,Help %d,,Solved,Normal,Mail,Question,%s,%s,%s,Good,0,1,10,10,90,90\n",
			900000000+i, c, 7000000+c, c, c%5, i, created.Format("2006-01-02 15:04:05"), solved, solved)
	}}
}
