package releases

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Windows are the watch window lengths a founder picks from.
var Windows = map[string]time.Duration{"24h": 24 * time.Hour, "72h": 72 * time.Hour, "7d": 7 * 24 * time.Hour, "14d": 14 * 24 * time.Hour}

// WindowOrder lists them shortest first.
var WindowOrder = []string{"24h", "72h", "7d", "14d"}

// Earlier is how many earlier windows make the usual range (METRICS.md,
// Operations: watch window).
const Earlier = 8

// periods names a window's length as the readings count them.
var periods = map[string][2]string{"24h": {"day", "days"}, "72h": {"three-day period", "three-day periods"},
	"7d": {"week", "weeks"}, "14d": {"fortnight", "fortnights"}}

// WindowWords is "72 hours", "7 days": the length in a sentence.
func WindowWords(w string) string {
	return map[string]string{"24h": "24 hours", "72h": "72 hours", "7d": "7 days", "14d": "14 days"}[w]
}

// Cell is one figure (or one plan's or segment's share of it) in the
// watch window: the window after the release, the same length before it,
// and the usual range over the earlier windows the data covers.
type Cell struct {
	After     *Num     `json:"after"`
	Before    *Num     `json:"before"`
	Change    *Num     `json:"change"`     // after − before (points of a rate)
	ChangePct *float64 `json:"change_pct"` // change / before; nil for rates and when before is 0
	Usual     *Usual   `json:"usual"`
	// Outside is "above" or "below" when the after-value is beyond the
	// usual range, "" otherwise; Alarm when that is the bad direction.
	Outside string `json:"outside"`
	Alarm   bool   `json:"alarm"`
	Reading string `json:"reading"`
	// Series is every window, oldest first: the 8 earlier ones, before,
	// after. Nil where the data does not cover the window.
	Series []*Num `json:"series"`
}

// Usual is the usual range: the least and the most of the same figure over
// the earlier windows the data covers, and how many those are.
type Usual struct {
	Min     Num `json:"min"`
	Max     Num `json:"max"`
	Windows int `json:"windows"`
}

// Row is a plan's or a segment's cell.
type Row struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Cell
}

// Figure is one number of the watch window with its splits.
type Figure struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Group string `json:"group"` // support, billing, product, revenue
	Unit  string `json:"unit"`  // count, money, rate
	Good  string `json:"good"`  // up or down: which direction is good news
	Cell
	ByPlan  []Row `json:"by_plan"`
	Segment []Row `json:"segment"` // the segment affected first, then everyone else; empty without a segment
	// Missing says why the after-window has no value and which import
	// would fill it.
	Missing string `json:"missing"`
}

// occ is one thing a figure counts, at an instant: a ticket, a refund, a
// signup (num 1 when activated, den 1), an MRR movement (num its amount).
type occ struct {
	at       int64
	plan     string
	seg      bool
	num, den int64
}

// input is a figure before it is counted: what it counts and over which
// span the data is complete.
type input struct {
	key, label, group, unit, good string
	occs                          []occ
	cover                         cover
	// settle is how long after a window's end its value is final (a
	// signup's activation days); the window counts once the data covers
	// that too.
	settle time.Duration
	// reason, when set, is why the figure cannot be computed at all (no
	// activation event picked); it is the Missing text of every window.
	reason string
}

// cover is what the data covers and, when a window reaches past it, the
// sentence saying which import would fill it.
type cover struct {
	from, to time.Time // whole days of the workspace time zone
	ok       bool
	fill     func(end time.Time) string // the sentence for a window ending at end
	none     string                     // the sentence when there is no data at all
}

// frame is the windows of one watch: [t+k·w, t+(k+1)·w) for k = −9 … 0.
type frame struct {
	t      time.Time
	w      time.Duration
	window string
	seg    string // the segment's label, "" without one
	money  func(int64) string
}

const nWin = Earlier + 2 // earlier windows, before, after

func (fr frame) start(i int) time.Time { return fr.t.Add(time.Duration(i-nWin+1) * fr.w) }
func (fr frame) end(i int) time.Time   { return fr.start(i).Add(fr.w) }

// index is the window of unix second at, or −1.
func (fr frame) index(at int64) int {
	d := at - fr.t.Unix()
	w := int64(fr.w / time.Second)
	k := d / w
	if d < 0 && d%w != 0 {
		k--
	}
	i := int(k) + nWin - 1
	if i < 0 || i >= nWin {
		return -1
	}
	return i
}

type acc struct{ num, den int64 }

// count turns an input into its figure.
func (fr frame) count(in input) Figure {
	f := Figure{Key: in.key, Label: in.label, Group: in.group, Unit: in.unit, Good: in.good, ByPlan: []Row{}, Segment: []Row{}}
	var all, segIn, segOut [nWin]acc
	plans := map[string]*[nWin]acc{}
	for _, o := range in.occs {
		i := fr.index(o.at)
		if i < 0 {
			continue
		}
		add := func(a *[nWin]acc) { a[i].num += o.num; a[i].den += o.den }
		add(&all)
		p := plans[o.plan]
		if p == nil {
			p = &[nWin]acc{}
			plans[o.plan] = p
		}
		add(p)
		if o.seg {
			add(&segIn)
		} else {
			add(&segOut)
		}
	}
	covered := make([]bool, nWin)
	for i := range covered {
		covered[i] = in.reason == "" && in.cover.ok && !fr.start(i).Before(in.cover.from) &&
			!fr.end(i).Add(in.settle).After(in.cover.to)
	}
	f.Cell = fr.cell(in, all, covered, in.label)
	for _, k := range sortedPlans(plans) {
		f.ByPlan = append(f.ByPlan, Row{Key: k, Label: planWords(k), Cell: fr.cell(in, *plans[k], covered, planWords(k))})
	}
	if fr.seg != "" {
		f.Segment = append(f.Segment, Row{Key: "in", Label: fr.seg, Cell: fr.cell(in, segIn, covered, fr.seg)},
			Row{Key: "out", Label: "Everyone else", Cell: fr.cell(in, segOut, covered, "everyone else")})
	}
	if f.After == nil {
		switch {
		case in.reason != "":
			f.Missing = in.reason
		case !in.cover.ok:
			f.Missing = in.cover.none
		case in.cover.fill != nil && fr.end(nWin-1).Add(in.settle).After(in.cover.to):
			f.Missing = in.cover.fill(fr.end(nWin - 1).Add(in.settle))
		case in.unit == "rate":
			f.Missing = "No signups in the window, so there is no rate."
		}
	}
	return f
}

func (fr frame) cell(in input, a [nWin]acc, covered []bool, label string) Cell {
	c := Cell{Series: make([]*Num, nWin)}
	for i := range a {
		if !covered[i] {
			continue
		}
		switch {
		case in.unit != "rate":
			c.Series[i] = count1(a[i].num)
		case a[i].den > 0:
			c.Series[i] = rate(float64(a[i].num) / float64(a[i].den))
		}
	}
	c.After, c.Before = c.Series[nWin-1], c.Series[nWin-2]
	if c.After != nil && c.Before != nil {
		if in.unit == "rate" {
			c.Change = rate(c.After.R - c.Before.R)
		} else {
			c.Change = count1(c.After.N - c.Before.N)
			if c.Before.N != 0 {
				p := float64(c.Change.N) / float64(c.Before.N)
				c.ChangePct = &p
			}
		}
	}
	for _, v := range c.Series[:Earlier] {
		if v == nil {
			continue
		}
		if c.Usual == nil {
			c.Usual = &Usual{Min: *v, Max: *v}
		}
		c.Usual.Windows++
		if v.less(c.Usual.Min) {
			c.Usual.Min = *v
		}
		if c.Usual.Max.less(*v) {
			c.Usual.Max = *v
		}
	}
	if c.After != nil && c.Usual != nil {
		switch {
		case c.Usual.Max.less(*c.After):
			c.Outside = "above"
		case c.After.less(c.Usual.Min):
			c.Outside = "below"
		}
		c.Alarm = c.Outside == "above" && in.good == "down" || c.Outside == "below" && in.good == "up"
	}
	c.Reading = fr.reading(in, c, label)
	return c
}

// reading is the cell in one sentence: "Tickets +40 % (35 against 25),
// more than in any of the last 8 weeks."
func (fr frame) reading(in input, c Cell, label string) string {
	if c.After == nil {
		return ""
	}
	v := func(n Num) string { return fr.value(in.unit, n) }
	one, many := periods[fr.window][0], periods[fr.window][1]
	var change string
	switch {
	case c.Before == nil:
		change = fmt.Sprintf("%s in the %s after; the data does not cover the %s before", v(*c.After), one, one)
	case in.unit == "rate":
		change = fmt.Sprintf("%s against %s (%s)", v(*c.After), v(*c.Before), signed(c.Change.R*100, "points"))
	case c.Change.N == 0:
		change = "unchanged at " + v(*c.After)
	case c.Before.N == 0:
		change = fmt.Sprintf("%s against none before", v(*c.After))
	default:
		change = fmt.Sprintf("%s (%s against %s)", signed(*c.ChangePct*100, "%"), v(*c.After), v(*c.Before))
	}
	var usual string
	switch {
	case c.Usual == nil:
		usual = fmt.Sprintf("no earlier %s in the data to compare with", many)
	case c.Outside != "":
		more := map[string]string{"above": "more", "below": "less"}[c.Outside]
		if in.unit == "count" && c.Outside == "below" {
			more = "fewer"
		}
		if c.Usual.Windows == Earlier {
			usual = fmt.Sprintf("%s than in any of the last %d %s", more, Earlier, many)
		} else {
			usual = fmt.Sprintf("%s than in any of the %d earlier %s the data covers", more, c.Usual.Windows, plural(c.Usual.Windows, one, many))
		}
	case c.Usual.Min == c.Usual.Max:
		usual = fmt.Sprintf("as in the earlier %s (%s)", plural(c.Usual.Windows, one, many), v(c.Usual.Min))
	default:
		usual = fmt.Sprintf("within the usual range (%s–%s)", v(c.Usual.Min), v(c.Usual.Max))
	}
	return fmt.Sprintf("%s %s, %s.", capital(label), change, usual)
}

func (fr frame) value(unit string, n Num) string {
	switch unit {
	case "money":
		return fr.money(n.N)
	case "rate":
		return fmt.Sprintf("%.1f %%", n.R*100)
	}
	return groupDigits(n.N)
}

func signed(x float64, unit string) string {
	sign := "+"
	if x < 0 {
		sign, x = "−", -x
	}
	if unit == "%" {
		return fmt.Sprintf("%s%.0f %%", sign, x)
	}
	return fmt.Sprintf("%s%.1f %s", sign, x, unit)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func groupDigits(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "−" + b.String()
	}
	return b.String()
}

// sortedPlans orders plan keys by their after-window, then total, then
// name.
func sortedPlans(m map[string]*[nWin]acc) []string {
	keys := make([]string, 0, len(m))
	total := map[string]int64{}
	for k, a := range m {
		keys = append(keys, k)
		for _, x := range a {
			total[k] += x.den + x.num
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := m[keys[i]][nWin-1], m[keys[j]][nWin-1]
		if a.num+a.den != b.num+b.den {
			return a.num+a.den > b.num+b.den
		}
		if total[keys[i]] != total[keys[j]] {
			return total[keys[i]] > total[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}

// planWords is a plan key as the split shows it.
func planWords(k string) string {
	if k == "" {
		return "No plan"
	}
	return k
}
