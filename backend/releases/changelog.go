package releases

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"keel/backend"
)

// Cluster is what the changelog says about a feedback cluster a release
// answers: its title and the people who asked.
type Cluster struct {
	ID     string   `json:"id"`
	Title  string   `json:"title"`
	People []Person `json:"people"`
}

// Person is someone to tell that what they asked for shipped.
type Person struct {
	Name    string `json:"name"`
	Email   string `json:"email"`
	Plan    string `json:"plan"`
	Paying  bool   `json:"paying"`
	Told    bool   `json:"told"`
	Cluster string `json:"cluster"` // the cluster they asked in
}

// Entry is one shipped release in the changelog.
type Entry struct {
	Release    string     `json:"release"`
	Date       time.Time  `json:"date"`
	Title      string     `json:"title"`
	Sentence   string     `json:"sentence"`
	Clusters   []Cluster  `json:"clusters"`
	RolledBack *time.Time `json:"rolled_back"`
}

// Changelog is the changelog of the shipped releases, newest first, with
// its Markdown and the people to tell.
type Changelog struct {
	Entries  []Entry  `json:"entries"`
	People   []Person `json:"people"`
	Markdown string   `json:"markdown"`
	// Note says why the people to tell are missing, when they are.
	Note string `json:"note"`
}

// MakeChangelog writes the changelog of the releases that went out (not
// deleted), newest first. clusters holds what the feedback area knows of
// the clusters the releases answer (nil when it has none): their titles
// and the people to tell. A rolled-back release stays in, marked, because
// its users saw it come and go.
func MakeChangelog(rs []backend.Release, clusters map[string]Cluster, name string, loc *time.Location) Changelog {
	cl := Changelog{Entries: []Entry{}, People: []Person{}}
	for _, r := range rs {
		if r.ShippedAt == nil || r.DeletedAt != nil {
			continue
		}
		e := Entry{Release: r.ID, Date: *r.ShippedAt, Title: r.Title, Sentence: r.Sentence, Clusters: []Cluster{}}
		if e.Sentence == "" {
			e.Sentence = r.Title
		}
		if at, ok := RolledBack(r); ok {
			e.RolledBack = &at
		}
		for _, id := range r.Clusters {
			c, ok := clusters[id]
			if !ok {
				c = Cluster{ID: id}
			}
			e.Clusters = append(e.Clusters, c)
		}
		cl.Entries = append(cl.Entries, e)
	}
	sort.SliceStable(cl.Entries, func(i, j int) bool { return cl.Entries[i].Date.After(cl.Entries[j].Date) })
	seen := map[string]bool{}
	linked := false
	for _, e := range cl.Entries {
		if e.RolledBack != nil {
			continue // nothing to tell about what was taken back
		}
		for _, c := range e.Clusters {
			linked = true
			for _, p := range c.People {
				k := strings.ToLower(p.Email)
				if k == "" {
					k = p.Name
				}
				if !seen[k] {
					seen[k] = true
					p.Cluster = c.ID
					cl.People = append(cl.People, p)
				}
			}
		}
	}
	if linked && clusters == nil {
		cl.Note = "The people to tell come from the feedback clusters the releases answer; they are listed once this workspace has feedback clusters (the Feedback area)."
	}
	cl.Markdown = markdown(cl.Entries, name, loc)
	return cl
}

func markdown(es []Entry, name string, loc *time.Location) string {
	var b strings.Builder
	title := "Changelog"
	if name != "" {
		title = name + " changelog"
	}
	fmt.Fprintf(&b, "# %s\n", title)
	if len(es) == 0 {
		b.WriteString("\nNothing has shipped yet.\n")
		return b.String()
	}
	month := ""
	for _, e := range es {
		d := e.Date.In(loc)
		if m := d.Format("January 2006"); m != month {
			month = m
			fmt.Fprintf(&b, "\n## %s\n\n", m)
		}
		fmt.Fprintf(&b, "- **%s — %s.**", d.Format("2 Jan"), mdEscape(strings.TrimSuffix(e.Title, ".")))
		if e.Sentence != e.Title {
			b.WriteString(" " + mdEscape(sentence(e.Sentence)))
		}
		if e.RolledBack != nil {
			fmt.Fprintf(&b, " _Rolled back on %s._", e.RolledBack.In(loc).Format("2 Jan 2006"))
		}
		if len(e.Clusters) > 0 {
			var refs []string
			for _, c := range e.Clusters {
				if c.Title != "" {
					refs = append(refs, fmt.Sprintf("“%s” (%s)", mdEscape(c.Title), c.ID))
				} else {
					refs = append(refs, c.ID)
				}
			}
			fmt.Fprintf(&b, " Answers feedback: %s.", strings.Join(refs, ", "))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s != "" && !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") {
		s += "."
	}
	return s
}

// mdEscape keeps a founder's words from turning into Markdown markup.
func mdEscape(s string) string {
	return strings.NewReplacer("\\", "\\\\", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "]", "\\]", "<", "&lt;", "\n", " ").Replace(s)
}
