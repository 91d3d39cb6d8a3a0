package flags_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"keel/backend"
	"keel/importers"
	_ "keel/importers/all"
	"keel/importers/csvfile"
	"keel/importers/internal/importertest"
)

// samples maps each sample (a list endpoint's response as its API
// documentation shows it) to the tool that must claim it.
var samples = map[string]string{
	"launchdarkly_flags.json":    "launchdarkly",
	"unleash_features.json":      "unleash",
	"growthbook_features.json":   "growthbook",
	"posthog_feature_flags.json": "posthog",
}

func summary(res importertest.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "rows %d records %d rejected %d\n", res.Rows, len(res.Records), len(res.Rejects))
	for _, r := range res.Rejects {
		fmt.Fprintf(&b, "  line %d: %s\n", r.Line, r.Reason)
	}
	for _, rec := range res.Records {
		b.WriteString(importertest.Render(rec) + "\n")
	}
	return b.String()
}

func head(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > importers.HeadSize {
		b = b[:importers.HeadSize]
	}
	return b
}

// Each sample is claimed by its tool alone, read through the item path,
// and gives the flags of its golden file.
func TestSamples(t *testing.T) {
	for file, source := range samples {
		t.Run(source, func(t *testing.T) {
			path := filepath.Join("testdata", file)
			ms := importers.DetectAll(nil, head(t, path))
			if len(ms) == 0 || ms[0].Importer.Source() != source || ms[0].Importer.Kind() != "flags" || len(ms) > 1 && ms[1].Confidence >= ms[0].Confidence {
				var got []string
				for _, m := range ms {
					got = append(got, fmt.Sprintf("%s/%s %.2f", m.Importer.Source(), m.Importer.Kind(), m.Confidence))
				}
				t.Fatalf("claimed by %v", got)
			}
			res := importertest.File(t, ms[0].Importer, path, importers.Options{})
			if !res.Items || len(res.Rejects) != 0 {
				t.Fatalf("items %v rejects %v", res.Items, res.Rejects)
			}
			importertest.Golden(t, strings.TrimSuffix(file, ".json")+".golden", summary(res))
		})
	}
}

func flagsOf(t *testing.T, source, file string) map[string]*backend.Flag {
	t.Helper()
	res := importertest.File(t, importers.Find(source, "flags"), filepath.Join("testdata", file), importers.Options{})
	out := map[string]*backend.Flag{}
	for _, r := range res.Records {
		f := r.(*backend.Flag)
		out[f.FlagKey] = f
	}
	return out
}

func pct(f *backend.Flag) string {
	if f.Percentage == nil {
		return f.State
	}
	return fmt.Sprintf("%s %d", f.State, *f.Percentage)
}

// The states Keel reads, tool by tool, as each tool's documentation
// defines them.
func TestStates(t *testing.T) {
	cases := []struct{ source, file, key, want string }{
		{"launchdarkly", "launchdarkly_flags.json", "new-invoice-layout", "percentage 2500"}, // fallthrough rollout 25000 / 100000
		{"launchdarkly", "launchdarkly_flags.json", "seat-counter", "on"},
		{"launchdarkly", "launchdarkly_flags.json", "payments-kill-switch", "off"}, // "Production EU" is production
		{"unleash", "unleash_features.json", "usage-based-billing", "percentage 4000"},
		{"unleash", "unleash_features.json", "checkout-kill-switch", "off"},
		{"unleash", "unleash_features.json", "legacy-csv-export", "on"},
		{"growthbook", "growthbook_features.json", "new-onboarding-checklist", "percentage 3500"},
		{"growthbook", "growthbook_features.json", "annual-plan-nudge", "percentage"},
		{"growthbook", "growthbook_features.json", "dark-mode", "on"},
		{"posthog", "posthog_feature_flags.json", "notion-embeds", "percentage 1500"},
		{"posthog", "posthog_feature_flags.json", "pricing-page-test", "on"},
		{"posthog", "posthog_feature_flags.json", "query-editor-v2", "off"},
	}
	for _, c := range cases {
		fs := flagsOf(t, c.source, c.file)
		f, ok := fs[c.key]
		if !ok {
			t.Errorf("%s: no flag %s", c.source, c.key)
			continue
		}
		if got := pct(f); got != c.want {
			t.Errorf("%s %s: %s, want %s", c.source, c.key, got, c.want)
		}
	}
	// Deleted PostHog flags are not flags any more.
	if _, ok := flagsOf(t, "posthog", "posthog_feature_flags.json")["old-banner"]; ok {
		t.Error("a deleted PostHog flag was read")
	}
	un := flagsOf(t, "unleash", "unleash_features.json")
	if f := un["usage-based-billing"]; f.Type != "release" || f.Temporary == nil || !*f.Temporary || f.CleanupDue == nil ||
		f.CleanupDue.Format("2006-01-02") != "2025-02-23" || f.Owner != "Maya Lindqvist" {
		t.Errorf("unleash release flag: %+v", f)
	}
	if f := un["checkout-kill-switch"]; f.Type != "kill_switch" || f.Temporary == nil || *f.Temporary {
		t.Errorf("unleash kill switch: %+v", f)
	}
	ld := flagsOf(t, "launchdarkly", "launchdarkly_flags.json")
	if f := ld["payments-kill-switch"]; f.Type != "kill_switch" || f.Owner != "platform" || f.Environment != "Production EU" {
		t.Errorf("launchdarkly kill switch: %+v", f)
	}
	if f := ld["seat-counter"]; f.Owner != "Jonas Berg" || f.Updated == nil || f.Updated.Format("2006-01-02") != "2024-11-01" {
		t.Errorf("launchdarkly seat counter: %+v", f)
	}
	if f := flagsOf(t, "growthbook", "growthbook_features.json")["annual-plan-nudge"]; f.Type != "experiment" || f.Owner != "maya@northwind.io" {
		t.Errorf("growthbook experiment: %+v", f)
	}
}

// A minified response on one line gives the same flags as the
// pretty-printed one, each a row of line 1.
func TestMinified(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "unleash_features.json"))
	if err != nil {
		t.Fatal(err)
	}
	var flat bytes.Buffer
	for _, l := range bytes.Split(data, []byte("\n")) {
		flat.Write(bytes.TrimSpace(l))
	}
	res := importertest.Bytes(t, importers.Find("unleash", "flags"), flat.Bytes(), importers.Options{})
	if res.Rows != 3 || len(res.Records) != 3 || len(res.Rejects) != 0 {
		t.Fatalf("minified: %s", summary(res))
	}
}

// A flag without its key is rejected with its line, the others import.
func TestBrokenFlag(t *testing.T) {
	data := []byte(`{"count": 2, "next": null, "previous": null, "results": [
  {"id": 1, "name": "no key here", "filters": {"groups": []}, "rollout_percentage": null, "active": true, "deleted": false},
  {"id": 2, "key": "fine", "name": "", "filters": {"groups": [{"properties": [], "rollout_percentage": 50}]}, "active": true, "deleted": false}
]}`)
	res := importertest.Bytes(t, importers.Find("posthog", "flags"), data, importers.Options{})
	if len(res.Records) != 1 || len(res.Rejects) != 1 || res.Rejects[0].Line != 2 || !strings.Contains(res.Rejects[0].Reason, `without "key"`) {
		t.Fatalf("%s", summary(res))
	}
}

// A CSV is not a flag tool's response: the message points at the mapper.
func TestCSVRefused(t *testing.T) {
	h := importertest.Header("key,owner,state")
	_, err := importers.Find("launchdarkly", "flags").Bind(h, importers.Options{})
	if err == nil || !strings.Contains(err.Error(), "column mapper") {
		t.Fatalf("err %v", err)
	}
	var _ *csvfile.Header = h
}
