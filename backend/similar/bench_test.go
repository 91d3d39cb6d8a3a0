package similar

import (
	"bufio"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Synthetic feedback at scale: requests about 2,000 topics (three
// product words and two rarer ones each), titles of two to five of their
// words, and texts of up to 40 words drawn from a 20,000-word vocabulary
// with Zipf's law, as words of a language are used, like a busy
// product's board over years.
func syntheticDocs(n int, seed uint64) []Doc {
	r := rand.New(rand.NewPCG(seed, 7))
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
	type topic struct{ words []string }
	topics := make([]topic, 2000)
	for i := range topics {
		for k := 0; k < 3; k++ {
			topics[i].words = append(topics[i].words, common[r.IntN(len(common))])
		}
		topics[i].words = append(topics[i].words, vocab[200+r.IntN(len(vocab)-200)], vocab[200+r.IntN(len(vocab)-200)])
	}
	docs := make([]Doc, n)
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for i := range docs {
		tp := topics[r.IntN(len(topics))]
		var title, text []string
		for k := 0; k < 2+r.IntN(4); k++ {
			title = append(title, tp.words[r.IntN(len(tp.words))])
		}
		for k := 0; k < r.IntN(41); k++ {
			if r.IntN(5) == 0 {
				text = append(text, tp.words[r.IntN(len(tp.words))])
			} else {
				text = append(text, vocab[zipf.Uint64()])
			}
		}
		docs[i] = Doc{Title: strings.Join(title, " "), Text: strings.Join(text, " "), Time: t0 + int64(i)*1800}
	}
	return docs
}

// BenchmarkSuggest50k times suggesting clusters for 50,000 items from
// nothing (issue 13: under 3 s, peak RSS under 200 MB) and placing one
// more item in them (under 100 ms).
func BenchmarkSuggest50k(b *testing.B) {
	docs := syntheticDocs(50_001, 1)
	last := docs[len(docs)-1]
	docs = docs[:len(docs)-1]
	for b.Loop() {
		resetPeakRSS()
		base := peakRSS()
		cpu0 := cpuTime()
		start := time.Now()
		c := NewCorpus(docs, Defaults)
		cs := NewClusters(c, Defaults)
		for i := range docs {
			cs.Place(i, strconv.Itoa(i), nil)
		}
		cs.Consolidate(nil, nil)
		took := time.Since(start)
		cpu := cpuTime() - cpu0
		peak := peakRSS()
		start = time.Now()
		i := c.Add(last)
		id, _ := cs.Place(i, "new", nil)
		cs.Consolidate([]string{id}, nil)
		one := time.Since(start)
		b.ReportMetric(took.Seconds(), "s-50k")
		b.ReportMetric(cpu.Seconds(), "cpu-s-50k")
		b.ReportMetric(float64(one.Microseconds())/1000, "ms-one")
		b.ReportMetric(float64(peak)/(1<<20), "MB-peak-RSS")
		b.Logf("50,000 items: %v (CPU %v; %d clusters), peak RSS %d MB (%d MB before); one more item: %v",
			took.Round(time.Millisecond), cpu.Round(time.Millisecond), len(cs.IDs()), peak>>20, base>>20, one.Round(time.Microsecond))
	}
}

// cpuTime is the CPU time the process used so far (user and system): on
// a machine shared with other work, wall time measures the others too.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS makes the kernel forget the process's peak resident size.
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is VmHWM from /proc/self/status, in bytes.
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
