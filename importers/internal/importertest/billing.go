package importertest

import (
	"path/filepath"
	"strings"
	"testing"

	"keel/importers"
)

// The checks below are the tests every billing importer package runs on
// itself; each package calls them from its own Test functions with its
// source name.

// OwnGolden imports the hand-written testdata/<kind>_*.csv files of the
// source and compares the rendering of every record with
// testdata/<kind>_*.golden.
func OwnGolden(t *testing.T, source string) {
	GoldenFiles(t, func(t *testing.T, path, kind string) string {
		got, _ := ImportFile(t, path, source, kind, true)
		return got
	})
}

// GoldenFiles runs summary on each testdata/<kind>_<name>.csv, in a subtest
// of that name, and compares its result with testdata/<kind>_<name>.golden.
func GoldenFiles(t *testing.T, summary func(t *testing.T, path, kind string) string) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.csv"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, p := range files {
		name := strings.TrimSuffix(filepath.Base(p), ".csv")
		kind, _, _ := strings.Cut(name, "_")
		t.Run(name, func(t *testing.T) {
			Golden(t, name+".golden", summary(t, p, kind))
		})
	}
}

// RealNotClaimed checks that no importer of the source claims a real
// export of another kind (own maps the real files that are the source's
// own, relative to RealDir, to their kind), and that on its own files no
// other importer, Stripe's included, ties with it.
func RealNotClaimed(t *testing.T, source string, own map[string]string) {
	NeedReal(t)
	n := 0
	for _, p := range RealFiles(t) {
		rel, _ := filepath.Rel(RealDir, p)
		h, err := OpenHeader(t, p)
		if err != nil {
			t.Logf("%s: %v", rel, err)
			continue
		}
		n++
		kind := own[filepath.ToSlash(rel)]
		var best float64
		for _, im := range importers.All() {
			c := im.Detect(h)
			switch {
			case im.Source() != source:
				continue
			case kind == "" && c != 0:
				t.Errorf("%s: %s/%s scores %.2f, want 0", rel, source, im.Kind(), c)
			case kind == im.Kind():
				best = c
			case c != 0:
				t.Errorf("%s: %s/%s scores %.2f, want 0 (the file is %s)", rel, source, im.Kind(), c, kind)
			}
		}
		if kind == "" {
			continue
		}
		if best < 0.9 {
			t.Errorf("%s: %s/%s scores %.2f, want at least 0.9", rel, source, kind, best)
		}
		for _, im := range importers.All() {
			if c := im.Detect(h); (im.Source() != source || im.Kind() != kind) && c >= best {
				t.Errorf("%s: %s/%s scores %.2f, ties with %s/%s", rel, im.Source(), im.Kind(), c, source, kind)
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d real files checked", n)
	}
}

// OwnFilesNoTie checks on every testdata file that Stripe's importers
// (and every other registered one) score below the source's best.
func OwnFilesNoTie(t *testing.T, source string) {
	if importers.Find("stripe", "payments") == nil {
		t.Fatal("the Stripe importers are not registered in this test")
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.csv"))
	for _, p := range files {
		h, _ := ReadCSV(t, p)
		var mine, other float64
		var who string
		for _, im := range importers.All() {
			c := im.Detect(h)
			if im.Source() == source {
				mine = max(mine, c)
			} else if c > other {
				other, who = c, im.Source()+"/"+im.Kind()
			}
		}
		if mine < 0.9 || other >= mine {
			t.Errorf("%s: best of %s %.2f, best other %s %.2f", p, source, mine, who, other)
		}
	}
}
