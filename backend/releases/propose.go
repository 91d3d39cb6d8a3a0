package releases

import (
	"bufio"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"keel/backend"
)

// Proposal is a release Keel proposes from what the founder already has:
// a CHANGELOG.md in the Keep a Changelog format, or a list of git tags
// with their dates. The founder completes it; Problem says what Keel could
// not tell (no date), in a sentence.
type Proposal struct {
	Line     int        `json:"line"`
	Version  string     `json:"version"`
	Title    string     `json:"title"`
	Date     *time.Time `json:"date"`
	Kinds    []string   `json:"kinds"`
	Sentence string     `json:"sentence"`
	Changes  []string   `json:"changes"`
	Problem  string     `json:"problem"`
	// Exists is set when the workspace already has this release (same
	// title and day): accepting it again changes nothing.
	Exists bool `json:"exists"`
}

var (
	// "## [1.2.0] - 2025-03-14", "## 1.2.0 – 2025-03-14", "## v1.2.0 (2025-03-14)", "## [Unreleased]"
	versionHeading = regexp.MustCompile(`^##\s+\[?([^\]\s(]+)\]?\s*(?:[-–—]\s*|\(\s*)?(\d{4}-\d{2}-\d{2})?`)
	sectionHeading = regexp.MustCompile(`^###\s+(.+?)\s*$`)
	bullet         = regexp.MustCompile(`^\s*[-*+]\s+(.+?)\s*$`)
	mdLink         = regexp.MustCompile(`\[([^\]]+)\]\([^)]*\)`)
)

// changeKinds maps Keep a Changelog's sections to kinds of change.
var changeKinds = map[string]string{"added": "feature", "changed": "feature", "deprecated": "feature", "removed": "feature",
	"fixed": "fix", "security": "fix"}

// ParseChangelog reads a CHANGELOG.md in the Keep a Changelog format
// (https://keepachangelog.com): one proposal per version heading, with its
// date, the kinds of its sections and its changes. Times are the start of
// the day in loc. A file with no version heading is refused with a
// sentence that says what Keel looked for.
func ParseChangelog(name, text string, loc *time.Location) ([]Proposal, error) {
	var out []Proposal
	var cur *Proposal
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), " \t\r")
		if line == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if m := versionHeading.FindStringSubmatch(s); m != nil && strings.HasPrefix(s, "## ") {
			out = append(out, Proposal{Line: line, Version: m[1], Kinds: []string{}, Changes: []string{}})
			cur = &out[len(out)-1]
			if m[2] != "" {
				d, err := time.ParseInLocation("2006-01-02", m[2], loc)
				if err != nil {
					cur.Problem = fmt.Sprintf("%s, line %d: %q is not a date.", name, line, m[2])
				} else {
					cur.Date = &d
				}
			}
			continue
		}
		if cur == nil {
			continue
		}
		if m := sectionHeading.FindStringSubmatch(s); m != nil {
			if k, ok := changeKinds[strings.ToLower(m[1])]; ok && !slices.Contains(cur.Kinds, k) {
				cur.Kinds = append(cur.Kinds, k)
			}
			continue
		}
		if m := bullet.FindStringSubmatch(s); m != nil {
			cur.Changes = append(cur.Changes, mdLink.ReplaceAllString(m[1], "$1"))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, backend.Errorf(backend.Invalid, "%s: line %d is longer than Keel reads (1 MiB).", name, line+1)
	}
	if len(out) == 0 {
		return nil, backend.Errorf(backend.Invalid, "%s is not a Keep a Changelog file: Keel found no version heading such as “## [1.2.0] - 2025-03-14”.", name)
	}
	for i := range out {
		p := &out[i]
		p.Title = p.Version
		if len(p.Changes) > 0 {
			p.Title = p.Version + ": " + shorten(p.Changes[0], 80)
			p.Sentence = strings.Join(p.Changes, " ")
		}
		switch {
		case p.Problem != "":
		case strings.EqualFold(p.Version, "unreleased"):
			p.Title = "Unreleased"
			if len(p.Changes) > 0 {
				p.Title = shorten(p.Changes[0], 80)
			}
		case p.Date == nil:
			p.Problem = fmt.Sprintf("%s, line %d: version %s has no date; it is proposed as planned until you say when it went out.", name, p.Line, p.Version)
		}
	}
	return out, nil
}

var (
	isoDate = regexp.MustCompile(`\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?`)
	// git's default date: "Mon Mar 3 10:22:01 2025 +0100"
	gitDate = regexp.MustCompile(`(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}(?: [+-]\d{4})?`)
	tagName = regexp.MustCompile(`(?:tag:\s*|refs/tags/)?([A-Za-z0-9][A-Za-z0-9._/+-]*)`)
)

// ParseTags reads a list of git tags with their dates, one per line, as
// `git tag -l --format='%(refname:short) %(creatordate:iso)'`, `git
// for-each-ref refs/tags` or `git log --tags --simplify-by-decoration
// --pretty='%ai %d'` print it. A line without a date is proposed with a
// problem; a list without any tag is refused.
func ParseTags(name, text string, loc *time.Location) ([]Proposal, error) {
	var out []Proposal
	for i, raw := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		s := strings.TrimSpace(strings.TrimPrefix(raw, "\uFEFF"))
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		p := Proposal{Line: i + 1, Kinds: []string{}, Changes: []string{}}
		var at time.Time
		var ok bool
		rest := s
		if m := gitDate.FindString(s); m != "" {
			at, ok = parseGitDate(m, loc)
			rest = strings.Replace(rest, m, " ", 1)
		} else if m := isoDate.FindString(s); m != "" {
			at, ok = parseISO(m, loc)
			rest = strings.Replace(rest, m, " ", 1)
		}
		// The tag: "(tag: v1.2.0)", "refs/tags/v1.2.0" or the first word left.
		if i := strings.Index(rest, "tag:"); i >= 0 {
			rest = rest[i:]
		}
		rest = strings.NewReplacer("(", " ", ")", " ", ",", " ", "HEAD ->", " ").Replace(rest)
		if m := tagName.FindStringSubmatch(strings.TrimSpace(rest)); m != nil {
			p.Version = m[1]
		}
		if p.Version == "" {
			return nil, backend.Errorf(backend.Invalid, "%s, line %d: Keel cannot find a tag name in %q.", name, i+1, shorten(s, 60))
		}
		p.Title = p.Version
		if ok {
			p.Date = &at
		} else {
			p.Problem = fmt.Sprintf("%s, line %d: tag %s has no date Keel can read; it is proposed as planned until you say when it went out.", name, i+1, p.Version)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, backend.Errorf(backend.Invalid, "%s has no tags: paste one tag and its date per line, e.g. “v1.2.0 2025-03-14”.", name)
	}
	return out, nil
}

func parseISO(s string, loc *time.Location) (time.Time, bool) {
	s = strings.Replace(s, "T", " ", 1)
	for _, layout := range []string{"2006-01-02 15:04:05 -0700", "2006-01-02 15:04:05 -07:00", "2006-01-02 15:04:05Z",
		"2006-01-02 15:04:05 Z", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func parseGitDate(s string, loc *time.Location) (time.Time, bool) {
	for _, layout := range []string{"Mon Jan _2 15:04:05 2006 -0700", "Mon Jan _2 15:04:05 2006"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// FromProposal makes the release a proposal stands for: shipped on its
// date (rolling out, for the founder to complete), or planned without one.
func FromProposal(p Proposal, origin string, now time.Time) (backend.Release, error) {
	r := New(p.Title, now)
	r.Origin, r.Sentence = origin, p.Sentence
	r.Kinds = slices.Clone(p.Kinds)
	if p.Date != nil {
		r.Times.Planned = p.Date
		var err error
		if r, err = SetStatus(r, RollingOut, *p.Date); err != nil {
			return r, err
		}
	}
	return Clean(r)
}

// MarkExisting sets Exists on the proposals the workspace already has: a
// release with the same title shipped the same day (or both undated).
func MarkExisting(ps []Proposal, have []backend.Release, loc *time.Location) {
	key := func(title string, t *time.Time) string {
		if t == nil {
			return strings.ToLower(title) + "|"
		}
		return strings.ToLower(title) + "|" + t.In(loc).Format("2006-01-02")
	}
	seen := map[string]bool{}
	for _, r := range have {
		seen[key(r.Title, r.ShippedAt)] = true
	}
	for i := range ps {
		ps[i].Exists = seen[key(ps[i].Title, ps[i].Date)]
	}
}
