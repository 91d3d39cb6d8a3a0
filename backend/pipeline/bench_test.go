package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/backend/workspace"
)

// benchScale shrinks the issue-sized benchmark files for a quick look
// (KEEL_BENCH_SCALE=0.1); 1 by default.
func benchScale(n int) int {
	if f, err := strconv.ParseFloat(os.Getenv("KEEL_BENCH_SCALE"), 64); err == nil && f > 0 {
		return max(1, int(float64(n)*f))
	}
	return n
}

// writeRows streams a generated export: header, then row(i) for i < n.
func writeRows(tb testing.TB, path, header string, n int, row func(w *bufio.Writer, i int)) int64 {
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(header)
	for i := 0; i < n; i++ {
		row(w, i)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	// On disk before any timing, as a downloaded export is: otherwise the
	// kernel writes it back during the first runs, on the core the
	// single-threaded sqlite3 leaves free and Keel does not.
	if err := f.Sync(); err != nil {
		tb.Fatal(err)
	}
	st, _ := f.Stat()
	f.Close()
	return st.Size()
}

var benchStart = time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)

// stripePaymentRow is a default-columns Stripe payments row.
func stripePaymentRow(w *bufio.Writer, i int) {
	statuses := []string{"Paid", "Paid", "Paid", "Paid", "Paid", "Paid", "Failed", "Refunded"}
	at := benchStart.Add(time.Duration(i) * 157 * time.Second).Format("2006-01-02 15:04:05")
	amt := fmt.Sprintf("%d.%02d", 9+i%290, i%100)
	fmt.Fprintf(w, "ch_3Bench%012dKSaqiJUYkj,%s,%s,0.00,usd,true,%s,0.00,usd,,Subscription update,0.53,,KEELAPP,%s,Payment complete.,0.00,pm_1Re5qXKSaqiJUYkj%06d,cus_SZEJE%07d,,user_%07d@example.com,in_1TKV6jKSaq%010d,po_1TO5akKSaqiJUYkj\n",
		i, at, amt, amt, statuses[i%len(statuses)], i%999983, i%50000, i%50000, i)
}

const zendeskBenchHeader = "Id,Requester,Requester id,Requester email,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,Updated at,Solved at,Satisfaction Score,Reopens,Replies,First reply time in minutes,First reply time in minutes within business hours,Full resolution time in minutes,Full resolution time in minutes within business hours\n"

// zendeskTicketRow is a Zendesk tickets export row.
func zendeskTicketRow(w *bufio.Writer, i int) {
	created := benchStart.Add(time.Duration(i) * 97 * time.Second)
	solved := created.Add(time.Duration(30+i%5000) * time.Minute)
	sat := []string{"Good", "Not Offered", "Offered", "Bad", "Good"}[i%5]
	fmt.Fprintf(w, "%d,Customer %d,%d,user%d@acme%d.io,Agent %d,Support,\"Cannot export report #%d, please help\",how_to billing,Solved,Normal,Mail,Question,%s,%s,%s,%s,%d,%d,%d,%d,%d,%d\n",
		100000+i, i%40000, 9000000+i%40000, i%40000, i%900, i%12, i, created.Format("2006-01-02 15:04:05"),
		solved.Format("2006-01-02 15:04:05"), solved.Format("2006-01-02 15:04:05"), sat, i%3, 1+i%7, 10+i%300, 5+i%200, 30+i%5000, 20+i%3000)
}

const posthogBenchHeader = "*.uuid,*.event,*.distinct_id,*.timestamp,*.properties.$current_url,*.properties.$browser,*.properties.email\r\n"

// posthogEventRow is a PostHog events export row.
func posthogEventRow(w *bufio.Writer, i int) {
	at := benchStart.Add(time.Duration(i) * 7 * time.Second).Format("2006-01-02T15:04:05.000000+00:00")
	ev := []string{"$pageview", "$pageview", "dashboard_viewed", "report_shared", "project_created"}[i%5]
	fmt.Fprintf(w, "0189%04x-%04x-7%03x-8%03x-%012x,%s,user%d@acme%d.io,%s,https://app.northwind.example/p/%d,Chrome,user%d@acme%d.io\r\n",
		i>>16&0xffff, i&0xffff, i%4096, (i/7)%4096, i, ev, i%60000, i%9000, at, i%500, i%60000, i%9000)
}

// peakRSS reads the process's peak resident set size (VmHWM) in MiB.
func peakRSS() float64 {
	b, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.ParseFloat(strings.Fields(line)[1], 64)
			return kb / 1024
		}
	}
	return 0
}

// resetPeakRSS starts a new peak measurement (Linux: clear_refs 5).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// benchRuns is how many times benchImport times each import
// (KEEL_BENCH_RUNS, default 3): single runs on a busy laptop vary by ±15 %.
func benchRuns() int {
	if n, err := strconv.Atoi(os.Getenv("KEEL_BENCH_RUNS")); err == nil && n > 0 {
		return n
	}
	return 3
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// benchImport imports a generated export into a new workspace and times
// `sqlite3 .import --csv` of the same file, alternating the two a few
// times, and prints each pair, the ratio of the medians and Keel's peak
// RSS.
func benchImport(b *testing.B, name, header string, n int, row func(*bufio.Writer, int)) {
	dir := b.TempDir()
	csv := filepath.Join(dir, name)
	size := writeRows(b, csv, header, n, row)
	sqlite, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Fatal("the benchmark needs the sqlite3 command line (apt-get install sqlite3)")
	}
	b.StopTimer()
	var keel, raw []float64
	var rss, again float64
	for i := 0; i < b.N*benchRuns(); i++ {
		db, err := workspace.Create(filepath.Join(dir, fmt.Sprintf("bench%d.keel", i)), "Bench")
		if err != nil {
			b.Fatal(err)
		}
		rawDB := filepath.Join(dir, fmt.Sprintf("raw%d.db", i))
		exec.Command("sync").Run() // each run starts with nothing left to write back
		t0 := time.Now()
		out, err := exec.Command(sqlite, rawDB, ".import --csv "+csv+" raw").CombinedOutput()
		if err != nil {
			b.Fatalf("sqlite3 .import: %v %s", err, out)
		}
		raw = append(raw, time.Since(t0).Seconds())
		resetPeakRSS()
		exec.Command("sync").Run()
		b.StartTimer()
		t1 := time.Now()
		rep := Run(context.Background(), db, Request{Path: csv}, nil)
		keel = append(keel, time.Since(t1).Seconds())
		b.StopTimer()
		rss = max(rss, peakRSS())
		if rep.Err != nil || rep.Imported != n {
			b.Fatalf("import: %+v %v %v", rep.Counts, rep.Err, rep.Rejects)
		}
		if i == 0 {
			// An overlapping export: the same rows again, every one a duplicate.
			t2 := time.Now()
			rep = Run(context.Background(), db, Request{Path: csv}, nil)
			again = time.Since(t2).Seconds()
			if rep.Err != nil || rep.Duplicates != n {
				b.Fatalf("import again: %+v %v", rep.Counts, rep.Err)
			}
		}
		db.Close()
		fmt.Printf("%s run %d: keel %.2fs, sqlite3 .import %.2fs\n", name, i+1, keel[i], raw[i])
		os.Remove(rawDB)
		os.Remove(db.Path())
	}
	k, r := median(keel), median(raw)
	b.ReportMetric(k/r, "x-sqlite-import")
	b.ReportMetric(rss, "peak-RSS-MiB")
	fmt.Printf("%s: %d rows (%.0f MB): keel %.2fs (%.0f rows/s), sqlite3 .import %.2fs (medians of %d), ratio %.2f, keel peak RSS %.0f MiB; the same file again (all duplicates) %.2fs\n",
		name, n, float64(size)/1e6, k, float64(n)/k, r, len(keel), k/r, rss, again)
}

// Issue 3: 1,000,000 Stripe payments (default 23 columns). Target: no
// slower than sqlite3 .import, peak RSS < 150 MB.
func BenchmarkImportStripePayments(b *testing.B) {
	benchImport(b, "unified_payments.csv", payHeader, benchScale(1_000_000), stripePaymentRow)
}

// Issue 4: 500,000 Zendesk tickets. Target: no slower than sqlite3 .import,
// peak RSS < 200 MB.
func BenchmarkImportZendeskTickets(b *testing.B) {
	benchImport(b, "zendesk_tickets.csv", zendeskBenchHeader, benchScale(500_000), zendeskTicketRow)
}

// Issue 4: 5,000,000 PostHog events. Target: no slower than sqlite3
// .import, peak RSS < 200 MB.
func BenchmarkImportPostHogEvents(b *testing.B) {
	benchImport(b, "posthog_events.csv", posthogBenchHeader, benchScale(5_000_000), posthogEventRow)
}
