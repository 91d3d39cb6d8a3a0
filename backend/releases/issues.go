package releases

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"keel/backend"
)

// cleanIssues checks a release's known issues: a row just added and left
// blank is dropped; any other needs a title and an opening day, and a
// fix day, when given, is not before it. Each gets an id, kept across
// edits.
func cleanIssues(release string, in []backend.KnownIssue) ([]backend.KnownIssue, error) {
	out := []backend.KnownIssue{}
	used := map[string]bool{}
	for _, k := range in {
		k.Title, k.Workaround = strings.TrimSpace(k.Title), strings.TrimSpace(k.Workaround)
		k.Opened, k.Fixed = strings.TrimSpace(k.Opened), strings.TrimSpace(k.Fixed)
		if k.Title == "" && k.Workaround == "" {
			continue
		}
		if k.Title == "" {
			return nil, backend.Errorf(backend.Invalid, "A known issue of %q has a workaround but no title: say in a few words what goes wrong.", release)
		}
		if utf8.RuneCountInString(k.Title) > maxTitle || len(k.Workaround) > maxText {
			return nil, backend.Errorf(backend.Invalid, "The known issue %q of %q is too long.", cut(k.Title), release)
		}
		for _, d := range []struct{ what, day string }{{"opened", k.Opened}, {"fixed", k.Fixed}} {
			if _, err := time.Parse(time.DateOnly, d.day); err != nil && (d.day != "" || d.what == "opened") {
				return nil, backend.Errorf(backend.Invalid, "The known issue %q of %q needs the day it was %s as YYYY-MM-DD, not %q.", cut(k.Title), release, d.what, d.day)
			}
		}
		if k.Fixed != "" && k.Fixed < k.Opened {
			return nil, backend.Errorf(backend.Invalid, "The known issue %q of %q is fixed on %s, before it was known (%s).", cut(k.Title), release, k.Fixed, k.Opened)
		}
		if k.ID == "" || used[k.ID] {
			k.ID = ""
		}
		used[k.ID] = true
		out = append(out, k)
		if len(out) > maxList {
			return nil, backend.Errorf(backend.Invalid, "%q has more than %d known issues.", release, maxList)
		}
	}
	for i := range out { // new rows: the first free ki<n>
		for n := 1; out[i].ID == ""; n++ {
			if id := fmt.Sprintf("ki%d", n); !used[id] {
				out[i].ID, used[id] = id, true
			}
		}
	}
	return out, nil
}

func cut(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// Open reports whether a known issue is debt: not fixed, and support has
// no safe workaround to give.
func Open(k backend.KnownIssue) bool { return k.Fixed == "" && !k.Safe }
