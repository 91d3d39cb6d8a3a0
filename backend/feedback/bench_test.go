package feedback_test

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"keel/backend/feedback"
	"keel/backend/pipeline"
	"keel/backend/workspace"
)

// boardCSV writes n feedback rows like a busy board's over years: 2,000
// topics (product words and rarer ones), titles of two to five of their
// words, texts of up to 40 words drawn from a 20,000-word vocabulary with
// Zipf's law, 4,000 people.
func boardCSV(b *testing.B, path string, n int) {
	r := rand.New(rand.NewPCG(13, 50))
	common := strings.Fields(`dashboard report export import chart team user project task comment email notification
		invoice billing plan mobile app page view filter search settings admin permission login account data table list
		slack calendar api webhook integration sync share link pdf csv excel file upload date time week month year`)
	syll := strings.Fields("ka lo mi ne ru sa ti vo pe da gu ri zo ba fe ko li mu na po")
	vocab := make([]string, 20000)
	for i := range vocab {
		w := ""
		for k := 0; k < 2+i%3; k++ {
			w += syll[r.IntN(len(syll))]
		}
		vocab[i] = w + strconv.Itoa(i%97)
	}
	zipf := rand.NewZipf(r, 1.1, 2, uint64(len(vocab)-1))
	topics := make([][]string, 2000)
	for i := range topics {
		for k := 0; k < 3; k++ {
			topics[i] = append(topics[i], common[r.IntN(len(common))])
		}
		topics[i] = append(topics[i], vocab[200+r.IntN(len(vocab)-200)], vocab[200+r.IntN(len(vocab)-200)])
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "id,created_at,email,subject,text")
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		tp := topics[r.IntN(len(topics))]
		var title, text []string
		for k := 0; k < 2+r.IntN(4); k++ {
			title = append(title, tp[r.IntN(len(tp))])
		}
		for k := 0; k < r.IntN(41); k++ {
			if r.IntN(5) == 0 {
				text = append(text, tp[r.IntN(len(tp))])
			} else {
				text = append(text, vocab[zipf.Uint64()])
			}
		}
		fmt.Fprintf(w, "%d,%s,user%d@company%d.com,%s,%s\n", i+1, t0.Add(time.Duration(i)*20*time.Minute).Format(time.RFC3339),
			r.IntN(4000), r.IntN(900), strings.Join(title, " "), strings.Join(text, " "))
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
}

// BenchmarkSuggestClusters50k times the Feedback area's whole first call
// on a workspace of 50,000 feedback items (issue 13: suggesting clusters
// for 50,000 items under 3 s with a peak RSS under 200 MB): reading the
// items and their accounts, weighing their words, placing every item and
// storing the places. Then placing one new item: a note added, placed
// and listed (under 100 ms).
func BenchmarkSuggestClusters50k(b *testing.B) {
	dir := b.TempDir()
	csv := filepath.Join(dir, "board.csv")
	boardCSV(b, csv, 50_000)
	for b.Loop() {
		db, err := workspace.Create(filepath.Join(dir, fmt.Sprintf("b%d.keel", time.Now().UnixNano())), "B")
		if err != nil {
			b.Fatal(err)
		}
		if rep := pipeline.Run(ctx, db, pipeline.Request{Path: csv}, nil); rep.Err != nil || rep.Imported != 50_000 {
			b.Fatalf("import: %v %+v", rep.Err, rep.Counts)
		}
		debug.FreeOSMemory()
		resetPeakRSS()
		before := peakRSS()
		cpu0 := cpuTime()
		start := time.Now()
		s := feedback.New(db)
		ex, err := s.Export(ctx)
		if err != nil {
			b.Fatal(err)
		}
		took, cpu, peak := time.Since(start), cpuTime()-cpu0, peakRSS()
		if p := os.Getenv("KEEL_HEAP"); p != "" {
			f, _ := os.Create(p)
			pprof.WriteHeapProfile(f)
			f.Close()
		}
		start, cpu0 = time.Now(), cpuTime()
		r, err := s.AddNote(ctx, feedback.NoteInput{Source: "call", Email: "user12@company7.com", Title: "dashboard export pdf",
			Text: "they want the dashboard export as pdf every week"})
		if err != nil {
			b.Fatal(err)
		}
		p, err := s.List(ctx, feedback.Filter{}, 0, 50)
		if err != nil || p.Total != 50_001 {
			b.Fatalf("list: %v, %d", err, p.Total)
		}
		one, oneCPU := time.Since(start), cpuTime()-cpu0
		b.ReportMetric(took.Seconds(), "s-50k")
		b.ReportMetric(cpu.Seconds(), "cpu-s-50k")
		b.ReportMetric(float64(peak)/(1<<20), "MB-peak-RSS")
		b.ReportMetric(float64(one.Microseconds())/1000, "ms-one-item")
		b.Logf("suggesting clusters for 50,000 items: %v (CPU %v), %d suggested clusters, peak RSS %d MB (%d MB before); "+
			"one new item placed and listed: %v (CPU %v; in %q)", took.Round(time.Millisecond), cpu.Round(time.Millisecond),
			len(ex.Clusters), peak>>20, before>>20, one.Round(time.Microsecond), oneCPU.Round(time.Microsecond), suggestionOf(r))
		db.Close()
	}
}

func suggestionOf(r *feedback.Row) string {
	if r.Suggestion == nil {
		return "no cluster"
	}
	return r.Suggestion.Title
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
