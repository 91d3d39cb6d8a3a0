package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"keel/backend/workspace"
)

// benchRows is the size of the generated Stripe payments export
// (KEEL_BENCH_ROWS overrides the 1,000,000).
func benchRows() int {
	if n, err := strconv.Atoi(os.Getenv("KEEL_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return 1_000_000
}

// writePayments streams a default-columns Stripe payments export of n rows.
func writePayments(tb testing.TB, path string, n int) int64 {
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(strings.TrimSuffix(payHeader, "\n") + "\n")
	start := time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC)
	statuses := []string{"Paid", "Paid", "Paid", "Paid", "Paid", "Paid", "Failed", "Refunded"}
	for i := 0; i < n; i++ {
		at := start.Add(time.Duration(i) * 157 * time.Second).Format("2006-01-02 15:04:05")
		amt := fmt.Sprintf("%d.%02d", 9+i%290, i%100)
		st := statuses[i%len(statuses)]
		fmt.Fprintf(w, "ch_3Bench%012dKSaqiJUYkj,%s,%s,0.00,usd,true,%s,0.00,usd,,Subscription update,0.53,,KEELAPP,%s,Payment complete.,0.00,pm_1Re5qXKSaqiJUYkj%06d,cus_SZEJE%07d,,user_%07d@example.com,in_1TKV6jKSaq%010d,po_1TO5akKSaqiJUYkj\n",
			i, at, amt, amt, st, i%999983, i%50000, i%50000, i)
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	st, _ := f.Stat()
	f.Close()
	return st.Size()
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

// BenchmarkImportStripePayments imports a generated 1,000,000-row Stripe
// payments export (~210 MB) and times `sqlite3 .import --csv` of the same
// file, printing both, their ratio and Keel's peak RSS. Target: ratio <= 1,
// peak RSS < 150 MB.
func BenchmarkImportStripePayments(b *testing.B) {
	dir := b.TempDir()
	csv := filepath.Join(dir, "unified_payments.csv")
	n := benchRows()
	size := writePayments(b, csv, n)
	sqlite, err := exec.LookPath("sqlite3")
	if err != nil {
		b.Fatal("the benchmark needs the sqlite3 command line (apt-get install sqlite3)")
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := workspace.Create(filepath.Join(dir, fmt.Sprintf("bench%d.keel", i)), "Bench")
		if err != nil {
			b.Fatal(err)
		}
		raw := filepath.Join(dir, fmt.Sprintf("raw%d.db", i))
		t0 := time.Now()
		out, err := exec.Command(sqlite, raw, ".import --csv "+csv+" raw").CombinedOutput()
		if err != nil {
			b.Fatalf("sqlite3 .import: %v %s", err, out)
		}
		rawTime := time.Since(t0)
		resetPeakRSS()
		b.StartTimer()
		t1 := time.Now()
		rep := Run(context.Background(), db, Request{Path: csv}, nil)
		keelTime := time.Since(t1)
		b.StopTimer()
		if rep.Err != nil || rep.Imported != n {
			b.Fatalf("import: %+v %v", rep.Counts, rep.Err)
		}
		db.Close()
		b.ReportMetric(keelTime.Seconds()/rawTime.Seconds(), "x-sqlite-import")
		b.ReportMetric(peakRSS(), "peak-RSS-MiB")
		fmt.Printf("import %d rows (%.0f MB): keel %.2fs (%.0f rows/s), sqlite3 .import %.2fs, ratio %.2f, keel peak RSS %.0f MiB\n",
			n, float64(size)/1e6, keelTime.Seconds(), float64(n)/keelTime.Seconds(), rawTime.Seconds(),
			keelTime.Seconds()/rawTime.Seconds(), peakRSS())
		os.Remove(raw)
	}
}
