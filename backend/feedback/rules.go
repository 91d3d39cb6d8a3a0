package feedback

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode"

	"keel/backend/similar"
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
	Bug: join(phrases(3, "doesnt work", "does not work", "not working", "isnt working", "stopped working", "broken", "crash",
		"error", "bug", "500", "502", "503", "404", "outage", "site down", "is down", "down for", "blank screen", "white screen",
		"goes white", "not loading", "wont load", "doesnt load", "never arrived", "didnt arrive", "not arriving", "not receiving",
		"never comes", "never came", "never appeared", "redirect loop", "login loop", "loop", "keeps sending me back",
		"sends me back", "times out", "timed out", "timeout", "fails", "failed", "failing", "missing rows", "truncated", "cuts off",
		"off by one", "not accepted", "rejected", "incorrect", "glitch", "freezes", "fired twice", "runs twice", "ran twice",
		"unreadable", "dont notify", "doesnt send", "doesnt fire", "does nothing", "nothing happens", "are lost", "is lost",
		"lost after", "disappear", "vanished", "dont stick", "doesnt stick", "garbled", "invisible", "shows nothing",
		"returns 0", "all zero", "shows 0", "says 0", "still says", "dont match", "doesnt match", "does not match",
		"cant log in", "cant login", "cant save", "cant read", "cant delete", "cant remove", "cannot remove", "cannot delete",
		"expired immediately", "invalid", "duplicates", "duplicate", "shows up twice", "three times", "3 times",
		"logs me out", "logged out", "something went wrong", "went wrong", "greyed out", "undefined", "again and again",
		"since the update", "after the update", "since yesterday", "since monday", "since this morning", "jumps back",
		"comes back", "come back", "is back", "urgent", "asap", "blocked", "wrong", "something is off", "stuck",
		"not replaced", "not delivered", "dropped", "could still", "still there", "still shows", "should trigger", "fix this", "not showing", "dont show", "doesnt show", "worked before", "used to work", "it worked", "finds nothing", "blank", "upside down", "since tuesday", "since wednesday", "since thursday", "since friday", "since the weekend", "since last", "since today", "no longer works"),
		phrases(1.5, "stopped", "empty", "twice", "remain", "remains", "overlap", "resets", "reset when", "show as",
			"shows as", "deleted my", "keeps"), phrases(3, "unable to", "not able to", "steps to reproduce", "reproduce", "regression", "exception", "stack trace", "intermittent", "instead of showing"), phrases(2, "issue", "problem", "expected", "no longer", "console"), phrases(1, "cant", "sometimes", "happens", "when i click"), phrases(3, "ignored", "breaks", "broke", "throws", "throw", "hangs", "black box", "black screen", "docs say", "documentation says"), phrases(1.5, "wont", "hang")),
	Friction: join(phrases(2, "slow", "slowly", "sluggish", "laggy", "takes forever", "forever", "takes ages", "ages", "too long",
		"confusing", "hard to find", "hard to", "hard to tell", "difficult", "cumbersome", "clunky", "annoying", "tedious",
		"too many clicks", "unclear", "unusable", "awkward", "painful", "a pain", "too small", "too many", "too much",
		"too strict", "too soon", "too noisy", "noisy", "terrible", "seconds to load", "every time", "every single", "each time",
		"a maze", "hidden", "tiny", "barely", "i keep", "keep hitting", "misread", "wont go away", "start again", "redo",
		"have to", "took me", "look the same", "cant tell", "outdated", "cramped", "cluttered", "overwhelming", "uncomfortable",
		"fiddly", "useless", "weird place", "liked the old", "levels deep", "scrolling", "scroll", "one by one",
		"one at a time", "stutters", "hurts my eyes", "almost gave up", "is a mess", "took several tries", "finally found",
		"takes a long time", "long time", "each one", "too close", "too narrow", "too bright", "wait", "waiting", "spinner", "buried", "many steps", "steps to", "scattered", "jargon", "had to search", "long process", "dont mean anything"), phrases(2, "frustrating", "frustrated", "inconvenient", "not intuitive", "unintuitive", "not obvious", "isnt obvious", "messy", "ugly", "took a while", "lag", "usability", "would be easier", "easier", "hard", "extra step", "performance"), phrases(2, "many clicks", "clicks each", "clicks to", "vague", "doesnt tell", "without saying"), phrases(3, "works but", "works fine but", "it works now", "works now", "error messages are", "error message is", "error messages dont")),
	Request: join(phrases(3, "feature request", "please add", "can you add", "could you add"), phrases(2, "would love", "would be great", "would be nice", "would be amazing",
		"would be perfect", "would make", "any plans", "plans for", "i wish",
		"we wish", "support for", "integration", "option to", "option for", "ability to", "allow", "let us", "would like",
		"need a way", "is there a way to", "it would help", "eta", "id love", "native", "instead of", "we want",
		"want to", "directly", "we use", "we dont use", "so that",
		"dont let me", "doesnt let me", "only create", "can only", "view for", "per project",
		"per user", "two way", "export to", "public link", "should be able to", "would save", "save us", "save me", "at once"),
		phrases(1, "bulk", "add", "sync", "automatically", "widget", "shortcuts"), phrases(2, "currently there is no", "there is no way", "no way to", "not possible to", "its not possible", "isnt possible", "would be useful", "would be helpful", "nice to have", "missing feature", "add support", "add the ability", "add an option", "be able to", "able to", "could we have", "can we have", "can we get", "suggestion", "idea", "improvement", "useful", "helpful"), phrases(1.5, "we need", "i need", "currently", "feature"), phrases(1, "request", "need"), phrases(2, "wed like", "id like", "we would like")),
	Strategy: join(phrases(3, "switched from", "switching from", "moved to",
		"compared to", "compared us", "compare you", "comparing", "competitor", "versus", "vs", "alternative",
		"chose you", "we chose", "chose us", "picked you", "picked us", "why we bought", "we bought", "too expensive",
		"expensive", "not worth", "cant justify", "hard to justify", "justify the price", "cheaper", "cheap", "wont pay",
		"refuse to pay", "not going to pay", "by hand", "manually", "workaround", "evaluating", "leaving for",
		"left for", "lost to", "we left", "left because", "went with", "going with", "security review", "per seat", "steep",
		"too pricey", "pricey", "would pay", "we would pay", "wed pay", "theyd pay", "pay more", "pay double", "pay extra", "cost extra",
		"free tier", "is enough", "good enough", "looking around", "call notes", "interview", "demo", "churn interview", "churn survey", "churn note", "churn reason", "sales call",
		"lost deal", "prospect", "persona", "why we renewed", "the reason", "reason we", "only reason", "why we", "we renewed",
		"we stay", "before using", "before we used", "we used", "we tried", "in excel", "google sheets", "spreadsheet",
		"paper", "a pen", "we print", "intern", "copy the", "copies the", "copy them", "use you only", "use us only", "use us", "use your tool",
		"uses only", "we only use", "only needed", "we dont need", "replace", "deal breaker", "price goes up", "doesnt make sense", "for free"),
		phrases(1.5, "because", "free", "board", "switching to", "switch to", "moving to", "move to", "wed switch", "would switch", "theyd switch"), phrases(2, "they chose", "already use", "already uses", "already knew", "we thought", "many of our", "most of our", "our biggest")),
	Billing: join(phrases(2, "pay for"), phrases(3, "invoice", "receipt", "refund", "charged", "billed", "bill", "charge", "payment", "card declined",
		"credit card", "card", "vat", "billing", "subscription", "cancel", "annual", "yearly", "discount",
		"purchase order", "procurement", "tax", "paypal", "bank transfer", "wire", "seats", "prorated", "dunning", "overdue",
		"credit note", "renewal", "our plan", "the plan", "my plan", "a plan", "your plan", "plan change", "pro plan", "paid plan", "basic plan", "team plan", "trial", "coupon", "credits", "price for", "how much", "pay by", "paid",
		"pause", "in usd", "in eur", "gst", "abn", "statement", "nonprofit", "charity"), phrases(2, "fee", "fees", "quote", "price", "cost", "per month"), phrases(3, "student discount", "upgrade to", "downgrade to", "upgrade our", "downgrade our", "upgrade my", "downgrade my"), phrases(1.5, "upgrade", "downgrade")),
	Confused: join(phrases(2, "how do i", "how do we", "how to", "how can i", "where is", "where are", "where can i", "where do i",
		"where did", "what is", "what does", "what happens", "whats the difference", "difference between", "is there a",
		"is there an", "can i", "can a", "do you", "does it", "does the", "do the", "help with",
		"question", "cant figure out", "figure out", "which", "newbie", "is that normal", "how are", "how long", "is the",
		"i dont see", "cant find", "sorry if"), phrases(2, "documentation", "docs", "tutorial", "dont understand", "not sure", "im not sure", "unsure", "supposed to", "am i missing", "missing something", "explain", "understand")),
	Account: join(phrases(3, "our workspace", "the workspace", "transfer ownership", "ownership", "remove a user", "remove user", "delete my account", "delete our account", "locked out", "unlock", "rename",
		"change our", "second owner", "dpa", "data processing", "change my email", "change the email", "lost my phone",
		"backup codes", "our account", "on our account", "get it back", "by mistake", "gdpr", "delete my data", "delete it", "all data", "our data", "2fa", "new phone",
		"suspended", "subdomain", "legal entity", "acquired", "close it", "close account", "shutting down",
		"reactivate", "sub account", "questionnaire", "revoke access", "access for", "admin rights", "the new admin",
		"new admin", "pending invite", "limit for", "raise our", "audit log", "former employee",
		"ex employee"),
		phrases(2, "workspace", "access", "verification", "verify our", "no longer have access", "owner", "enable", "the account", "my account", "domain", "merge", "restore", "recover", "locked"), phrases(2, "colleague left", "left the company", "no longer with", "move his", "move her", "his account", "her account", "can you move", "can you delete", "can you reset", "can you restore", "can you change", "can you remove", "can you transfer", "can you unlock", "please move", "please remove", "please reset", "please change", "please delete", "please transfer", "please restore", "please close", "please give", "please set up", "please make", "increase our", "temporarily", "soc", "transfer", "security team", "pen test")),
}

// join puts lists of phrases of different weights together.
func join(lists ...[]rule) []rule {
	var out []rule
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

func phrases(w float64, ps ...string) []rule {
	out := make([]rule, len(ps))
	for i, p := range ps {
		out[i] = rule{p, w}
	}
	return out
}

// tieOrder breaks ties: the narrower reading first.
var tieOrder = []Type{Billing, Account, Bug, Strategy, Friction, Confused, Request}

// moneyWords are the billing words that outrank a bug's: "charged twice",
// "the invoice is wrong" are billing, whatever else broke.
var moneyWords = set("invoice", "receipt", "refund", "charged", "billed", "charge", "payment", "credit note", "prorated", "how much", "price for")

// negators cancel a bug or friction phrase right after them ("not a bug",
// "no error", "never slow"); phrases that start with one ("not working")
// are read whole.
var negators = set("not", "no", "never", "without", "nothing", "isnt", "wasnt", "arent")

// asks are the first words of a question; "can you…", "could you…" ask
// for something and are read by the request phrases instead.
var asks = set("how", "where", "what", "whats", "which", "when", "is", "are", "does", "do", "can", "should", "who")

// verbs start the title of a request on a feedback board.
var verbs = set("add", "allow", "enable", "show", "display", "make", "let", "include", "support", "provide",
	"integrate", "create", "sync", "sort", "filter", "hide", "customize", "customise", "bulk", "improve", "offer",
	"option", "ability", "integration", "api", "native", "auto", "automatic", "automatically")

func set(ws ...string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// typos maps misspellings people often type to the word the rules know.
var typos = map[string]string{"dosnt": "doesnt", "dosent": "doesnt", "doesent": "doesnt", "doesn": "doesnt",
	"cant": "cant", "cannot": "cant", "recieve": "receive", "recieved": "received", "invoce": "invoice",
	"refound": "refund", "erorr": "error", "eror": "error", "errror": "error", "crahs": "crash", "wierd": "weird",
	"subscribtion": "subscription", "seperate": "separate", "ownrship": "ownership", "acount": "account"}

// Suggestion is a type Keel proposes for an item, with the words behind it.
type Suggestion struct {
	Type Type     `json:"type"`
	Why  []string `json:"why"` // the phrases that matched, strongest first
}

// MarshalJSON adds the reason in words (Text), so the page says it as the
// command line does.
func (s Suggestion) MarshalJSON() ([]byte, error) {
	type plain Suggestion
	return json.Marshal(struct {
		plain
		Reason string `json:"reason"`
	}{plain(s), s.Text()})
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
	seen := map[string]bool{}
	for _, ty := range Types {
		rs := rules[ty]
		for _, r := range rs {
			ws := stems(r.phrase)
			key := string(ty) + ":" + strings.Join(ws, " ")
			if seen[key] {
				continue // "crash" and "crashes" are one rule
			}
			seen[key] = true
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

// stems reads plain text as its words' stems, typos fixed.
func stems(s string) []string {
	ws := strings.Fields(s)
	for i, w := range ws {
		if t, ok := typos[w]; ok {
			w = t
		}
		ws[i] = similar.Stem(w)
	}
	return ws
}

// matches lists the rules whose phrase is in the plain text s, but for a
// bug or friction phrase right after a negator.
func matches(s string) map[*ruleOf]bool {
	ws := stems(s)
	type hit struct {
		r          *ruleOf
		start, end int
	}
	var hits []hit
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
			if ok && !negated(ws, i, r) {
				hits = append(hits, hit{r, i, i + len(r.words)})
			}
		}
	}
	// A phrase inside a longer one of the same type counts once: "we
	// need" is not also "need".
	out := map[*ruleOf]bool{}
	for _, h := range hits {
		inside := false
		for _, o := range hits {
			if o.r.typ == h.r.typ && o.r != h.r && o.start <= h.start && h.end <= o.end && o.end-o.start > h.end-h.start {
				inside = true
				break
			}
		}
		if !inside {
			out[h.r] = true
		}
	}
	return out
}

// negated tells whether the phrase r at word i follows a negator within
// two words ("not a bug", "no error").
func negated(ws []string, i int, r *ruleOf) bool {
	if r.typ != Bug && r.typ != Friction || negators[r.words[0]] {
		return false
	}
	for j := max(0, i-2); j < i; j++ {
		if negators[ws[j]] {
			return true
		}
	}
	return false
}

// asks tells whether a plain title reads as a question.
func asksQuestion(title, plainTitle string) bool {
	ws := strings.Fields(plainTitle)
	if strings.HasSuffix(strings.TrimSpace(title), "?") {
		return true
	}
	return len(ws) > 1 && asks[ws[0]] && ws[1] != "you"
}

// questionWeight is what a title asking a question adds to confusion: a
// bit more than one phrase, so that "Is it possible to duplicate…" stays
// a question while "Can I pay by bank transfer?" stays billing.
const questionWeight = 3.5

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
	question := asksQuestion(title, t)
	if question {
		score[Confused] += questionWeight
	} else if strings.Contains(text, "?") {
		score[Confused] += 1
	}
	// A board post's title that starts with a verb asks for something:
	// "Add a Gantt view", "Allow guests to comment".
	if ws := strings.Fields(t); len(ws) > 1 && verbs[ws[0]] {
		score[Request] += 2
		why[Request] = append(why[Request], rule{ws[0] + " …", 2})
	}
	best := Type("")
	for _, ty := range tieOrder {
		if score[ty] > 0 && (best == "" || score[ty] > score[best]) {
			best = ty
		}
	}
	// Precedence where two readings meet: money that moved is billing
	// ("charged twice"); a plan or price named with a strategy signal
	// (moving to a competitor, refusing to pay) is the signal.
	charged := false
	for _, r := range why[Billing] {
		charged = charged || moneyWords[r.phrase]
	}
	switch {
	case charged && (best == Bug || best == Confused):
		best = Billing
	case !charged && best == Billing && score[Strategy] >= 3:
		best = Strategy
	}
	if best == "" {
		// "Dark mode", "Gantt chart": a few words naming a capability,
		// with nothing else said.
		if n := len(strings.Fields(t)); n > 0 && n <= 5 && strings.TrimSpace(x) == "" && !question {
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
