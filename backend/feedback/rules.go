package feedback

import (
	"sort"
	"strings"
	"unicode"
)

// Keel suggests a type from the words of an item with plain rules, and
// says which words decided ("mentions 'not working', 'error'"). The
// founder confirms with one key; nothing here is ever applied alone.

// rule is a phrase that hints at a type, with how strongly.
type rule struct {
	phrase string
	weight float64
}

var rules = map[Type][]rule{
	Bug: phrases(3, "doesnt work", "does not work", "not working", "isnt working", "stopped working", "broken", "crash", "crashes",
		"crashed", "error", "errors", "bug", "500", "502", "503", "404", "outage", "site down", "is down", "down for", "blank screen",
		"white screen", "not loading", "wont load", "doesnt load", "never arrived", "didnt arrive", "not arriving", "not receiving",
		"redirect loop", "login loop", "keeps sending me back", "times out", "timed out", "timeout", "fails", "failed", "failing",
		"missing rows", "truncated", "cuts off", "off by one", "not accepted", "rejected", "wrong", "incorrect", "glitch", "freezes",
		"stuck", "fired twice", "runs twice", "overlap", "overlaps", "unreadable", "dont notify", "doesnt send", "stopped",
		"are lost", "is lost", "lost after", "disappear", "disappears", "disappeared", "resets", "reset when", "show as", "shows as",
		"dont stick", "doesnt stick"),
	Friction: phrases(2, "slow", "slowly", "sluggish", "laggy", "takes forever", "too long", "confusing", "hard to find", "hard to",
		"difficult", "cumbersome", "clunky", "annoying", "tedious", "too many clicks", "unclear", "unusable", "awkward", "painful",
		"too small", "too many", "too strict", "too soon", "too noisy", "terrible", "seconds to load", "every time"),
	Request: phrases(2, "feature request", "request", "would love", "would be great", "would be nice", "would be amazing",
		"please add", "can you add", "could you add", "any plans", "plans for", "i wish", "we wish", "support for", "integration",
		"option to", "option for", "ability to", "allow", "let us", "let me", "would like", "need a way", "is there a way to",
		"it would help", "we need", "eta", "please"),
	Strategy: phrases(3, "switched from", "switching to", "moving to", "moved to", "compared to", "compare", "competitor",
		"versus", "instead of", "alternative", "chose you", "we chose", "picked you", "why we bought", "we bought", "too expensive",
		"expensive", "not worth", "cant justify", "justify the price", "cheaper", "wont pay", "refuse to pay", "by hand", "manually",
		"workaround", "procurement", "evaluating", "leaving for", "compliance", "security review", "per seat", "steep"),
	Billing: phrases(3, "invoice", "invoices", "receipt", "refund", "charged", "billed", "charge", "payment", "card declined",
		"credit card", "vat", "billing", "subscription", "upgrade", "downgrade", "cancel", "cancelled", "canceled", "annual", "yearly",
		"discount", "purchase order", "pricing", "tax"),
	Confused: phrases(2, "how do i", "how do we", "how to", "how can i", "where is", "where can i", "where do i", "what is",
		"whats the difference", "is there a", "is there an", "can i", "do you", "does it", "help with", "question", "cant figure out",
		"figure out"),
	Account: phrases(3, "our workspace", "transfer ownership", "ownership", "remove a user", "remove user", "delete my account",
		"delete our account", "locked out", "rename", "change our", "second owner", "dpa", "data processing", "change my email",
		"lost my phone", "backup codes"),
}

func phrases(w float64, ps ...string) []rule {
	out := make([]rule, len(ps))
	for i, p := range ps {
		out[i] = rule{p, w}
	}
	return out
}

// tieOrder breaks ties: the narrower reading first.
var tieOrder = []Type{Billing, Bug, Account, Strategy, Friction, Confused, Request}

// Suggestion is a type Keel proposes for an item, with the words behind it.
type Suggestion struct {
	Type Type     `json:"type"`
	Why  []string `json:"why"` // the phrases that matched, strongest first
}

// Text is the reason in a sentence: "mentions 'not working', 'error'".
func (s Suggestion) Text() string {
	if len(s.Why) == 0 {
		return ""
	}
	switch s.Why[0] {
	case shortTitle:
		return "a short title that names a capability"
	case "?":
		return "asks a question"
	}
	q := make([]string, len(s.Why))
	for i, w := range s.Why {
		q[i] = "‘" + w + "’"
	}
	return "mentions " + strings.Join(q, ", ")
}

const shortTitle = "(short title)"

// plain is text as the rules read it: lowercase words of letters and
// digits separated by single spaces, apostrophes dropped ("Doesn't" →
// "doesnt"), padded with a space on each side.
func plain(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		case r == '\'' || r == '’':
		case !space:
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// maxRuleText caps how much of a long text the rules read.
const maxRuleText = 4000

// byFirst indexes the rules by their phrase's first word, so that a text
// is read once whatever the number of rules.
var byFirst = func() map[string][]ruleOf {
	m := map[string][]ruleOf{}
	for ty, rs := range rules {
		for _, r := range rs {
			ws := strings.Fields(r.phrase)
			m[ws[0]] = append(m[ws[0]], ruleOf{ty, r, ws})
		}
	}
	return m
}()

type ruleOf struct {
	typ   Type
	rule  rule
	words []string
}

// matches lists the rules whose phrase is in the plain text s.
func matches(s string) map[*ruleOf]bool {
	ws := strings.Fields(s)
	out := map[*ruleOf]bool{}
	for i, w := range ws {
		rs := byFirst[w]
		for k := range rs {
			r := &rs[k]
			if i+len(r.words) > len(ws) {
				continue
			}
			ok := true
			for j := 1; j < len(r.words); j++ {
				if ws[i+j] != r.words[j] {
					ok = false
					break
				}
			}
			if ok {
				out[r] = true
			}
		}
	}
	return out
}

// SuggestType proposes a type for an item from its title and text, or
// an empty Suggestion when no rule says anything.
func SuggestType(title, text string) Suggestion {
	if len(text) > maxRuleText {
		text = text[:maxRuleText]
	}
	t, x := plain(title), plain(text)
	score := map[Type]float64{}
	why := map[Type][]rule{}
	inTitle := matches(t)
	for r := range matches(t + x) {
		w := r.rule.weight
		if inTitle[r] {
			w *= 1.5 // the title says what the item is about
		}
		score[r.typ] += w
		why[r.typ] = append(why[r.typ], rule{r.rule.phrase, w})
	}
	if strings.Contains(title+text, "?") {
		score[Confused] += 1
	}
	best := Type("")
	for _, ty := range tieOrder {
		if score[ty] > 0 && (best == "" || score[ty] > score[best]) {
			best = ty
		}
	}
	if best == "" {
		// "Dark mode", "Gantt chart": a few words naming a capability.
		if n := len(strings.Fields(t)); n > 0 && n <= 5 && !strings.Contains(title, "?") {
			return Suggestion{Type: Request, Why: []string{shortTitle}}
		}
		return Suggestion{}
	}
	rs := why[best]
	sort.SliceStable(rs, func(i, j int) bool {
		return rs[i].weight > rs[j].weight || rs[i].weight == rs[j].weight && rs[i].phrase < rs[j].phrase
	})
	s := Suggestion{Type: best}
	for i, r := range rs {
		if i == 3 {
			break
		}
		s.Why = append(s.Why, r.phrase)
	}
	if len(s.Why) == 0 {
		s.Why = []string{"?"}
	}
	return s
}
