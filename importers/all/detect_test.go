package all

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/importers"
	"keel/importers/csvfile"
)

// mine are the importers of the helpdesk, analytics and traffic exports,
// with the fixture folder each may claim ("" for none).
var mine = map[string]string{
	"helpscout": "", "intercom": "", "front": "", "mixpanel": "mixpanel", "amplitude": "",
	"plausible": "plausible", "ga4": "ga4",
}

// sniff reads a file's start as the pipeline does: its first HeadSize
// bytes cut after a line end, and the CSV header of that start.
func sniff(t *testing.T, path string) (*csvfile.Header, []byte) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head := data
	if len(head) > importers.HeadSize {
		head = head[:importers.HeadSize]
		head = head[:bytes.LastIndexByte(head, '\n')+1]
	}
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	var h *csvfile.Header
	if rd, err := csvfile.Open(bytes.NewReader(head)); err == nil {
		h = rd.Header()
	}
	return h, head
}

// TestRealFixturesDetection: none of these importers claims a real sample
// of another source, and the GA4, Plausible and Mixpanel samples are claimed by
// their importer alone.
func TestRealFixturesDetection(t *testing.T) {
	dir := "../../../shared/fixtures/real"
	if _, err := os.Stat(dir); err != nil {
		t.Skip(dir)
	}
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".csv") {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 20 {
		t.Fatalf("only %d samples under %s", len(files), dir)
	}
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		folder := strings.Split(filepath.ToSlash(rel), "/")[0]
		h, head := sniff(t, p)
		ms := importers.DetectAll(h, head)
		for _, m := range ms {
			want, ok := mine[m.Importer.Source()]
			if ok && want != folder {
				t.Errorf("%s: claimed by %s (%.2f)", rel, m.Importer.Label(), m.Confidence)
			}
		}
		if folder == "ga4" || folder == "plausible" || folder == "mixpanel" {
			if len(ms) == 0 || ms[0].Importer.Source() != folder || ms[0].Confidence < 0.9 ||
				len(ms) > 1 && ms[0].Confidence-ms[1].Confidence < 0.05 {
				t.Errorf("%s: matches %v", rel, ms)
			}
		}
	}
}

func TestEveryImporterRegistered(t *testing.T) {
	for src := range mine {
		found := false
		for _, im := range importers.All() {
			found = found || im.Source() == src
		}
		if !found {
			t.Errorf("%s is not registered", src)
		}
	}
}

// TestOwnSamplesDetection: each test sample of these importers is claimed
// by its importer, clearly ahead of any other.
func TestOwnSamplesDetection(t *testing.T) {
	for src := range mine {
		files, _ := filepath.Glob(filepath.Join("..", src, "testdata", "*"))
		n := 0
		for _, p := range files {
			if strings.HasSuffix(p, ".golden") {
				continue
			}
			n++
			h, head := sniff(t, p)
			ms := importers.DetectAll(h, head)
			if len(ms) == 0 || ms[0].Importer.Source() != src || ms[0].Confidence < 0.5 ||
				len(ms) > 1 && ms[0].Confidence-ms[1].Confidence < 0.05 {
				var got []string
				for _, m := range ms {
					got = append(got, m.Importer.Label())
				}
				t.Errorf("%s: matches %v", p, got)
			}
		}
		if n == 0 && mine[src] == "" {
			t.Errorf("%s has no test samples", src)
		}
	}
}
