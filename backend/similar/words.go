package similar

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// maxWords caps the words read from one text: a pasted 1 MB e-mail says
// what it asks for near the top, and the rest would only slow the pass.
const maxWords = 120

// words splits text into lowercase words of letters and digits; an
// apostrophe inside a word is dropped ("doesn't" → "doesnt"). ASCII is
// read byte by byte, the rest rune by rune.
func words(text string, limit int) []string {
	var out []string
	buf := make([]byte, 0, 32)
	flush := func() {
		if len(buf) > 0 {
			out = append(out, string(buf))
			buf = buf[:0]
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				buf = append(buf, c)
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+'a'-'A')
			case c == '\'' && len(buf) > 0:
			default:
				flush()
				if len(out) >= limit {
					return out
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case r == '’' && len(buf) > 0:
		default:
			flush()
			if len(out) >= limit {
				return out
			}
		}
	}
	flush()
	return out
}

// stopwords carry no request: English function words, what people put
// around a request ("hi, would love it if you could please add…") and
// the words that say an item is a bug rather than what it is about.
var stopwords = set(`a about above after again against all also am an and any anyone anything are as at be because been
before being below between both but by can cannot could did do does doing dont doesnt didnt done each else etc
even ever every few for from further get gets getting got had has have having he her here hers herself him himself
his how i id ill im ive if in into is isnt it its itd itll itself just let lets me more most much must my myself
no nor not now of off on once only or other ought our ours ourselves out over own same she should so some such
than that thats the their theirs them themselves then there these they this those through to too under until up
upon very was we wed were weve what whats when where which while who whom why will with would wont you youd your
yours yourself yourselves
hi hello hey thanks thank thx cheers please pls plz kindly guys team folks
would love like really great nice awesome cool amazing good super
need needs needed want wants wanted wish able way ways possible possibility
feature features request requests requested suggestion idea ideas add adding added allow allows
make makes making use used using option options currently still something thing things lol maybe asap
anyone else know think thought just seems seem any per integration integrations integrate support supported
broken bug bugs issue issues problem problems fix fixed wrong weird strange`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// synonyms name one thing the way users name it differently, as a
// canonical word (SaaS vocabulary, not any one product's). Phrases are
// matched first, over two or three words.
var synonyms = map[string]string{
	"single sign on": "sso", "sign on": "sso", "saml": "sso",
	"two factor": "2fa", "2 factor": "2fa", "multi factor": "2fa", "mfa": "2fa", "totp": "2fa", "authenticator": "2fa", "twofactor": "2fa",
	"dark mode": "darkmode", "dark theme": "darkmode", "night mode": "darkmode", "dark ui": "darkmode", "dark modus": "darkmode",
	"log in": "login", "sign in": "login", "signin": "login", "logon": "login",
	"sign up": "signup", "set up": "setup",
	"e mail": "email", "emails": "email", "mails": "email",
	"ms teams": "msteams", "microsoft teams": "msteams",
	"on prem": "selfhost", "on premise": "selfhost", "on premises": "selfhost", "onprem": "selfhost", "self host": "selfhost",
	"self hosted": "selfhost", "self hosting": "selfhost", "selfhosted": "selfhost",
	"rate limit": "ratelimit", "rate limits": "ratelimit", "rate limited": "ratelimit", "rate limiting": "ratelimit",
	"too many requests": "ratelimit", "429": "ratelimit", "throttled": "ratelimit", "throttling": "ratelimit", "quota": "ratelimit",
	"recurring": "recur", "repeating": "recur", "repeat": "recur", "repeats": "recur", "recurrent": "recur",
	"dependency": "depend", "dependencies": "depend", "blocked by": "depend",
	"recover": "restore", "undelete": "restore", "recycle bin": "restore", "trash": "restore",
	"time zone": "timezone", "timezones": "timezone", "utc": "timezone",
	"hotkey": "shortcut", "hotkeys": "shortcut", "keybindings": "shortcut", "keybinding": "shortcut", "key bindings": "shortcut",
	"keyboard shortcuts": "shortcut", "keyboard": "shortcut",
	"digest": "digest", "summary email": "digest",
	"mass": "bulk", "in bulk": "bulk",
	"guests": "guest", "external users": "guest",
	"audit trail": "audit", "activity log": "audit", "activity history": "audit",
	"receipt": "invoice", "receipts": "invoice", "invoices": "invoice",
	"tax id": "vat", "tax number": "vat", "vat id": "vat", "vat number": "vat",
	"yearly": "annual", "annually": "annual", "per year": "annual",
	"money back": "refund", "refunded": "refund",
	"expensive": "price", "pricey": "price", "pricing": "price", "cheaper": "price", "cheap": "price", "costly": "price",
	"time tracking": "timetrack", "track time": "timetrack", "timer": "timetrack", "log hours": "timetrack", "timesheet": "timetrack", "timesheets": "timetrack",
	"integromat": "zapier",
	"translate":  "i18n", "translation": "i18n", "translations": "i18n", "localization": "i18n", "localisation": "i18n",
	"language": "i18n", "languages": "i18n",
	"attachment": "attach", "attachments": "attach",
	"webhooks": "webhook", "callback": "webhook", "callbacks": "webhook",
	"spreadsheet": "excel", "xlsx": "excel", "xls": "excel",
	"favourite": "favorite", "colour": "color", "colours": "color",
	"billed": "charged", "twice": "twice", "two times": "twice", "2 times": "twice", "double": "twice", "duplicate": "twice",
	"sluggish": "slow", "slowly": "slow", "laggy": "slow", "lag": "slow", "lags": "slow", "performance": "slow", "takes forever": "slow",
	"arriving": "receive", "arrive": "receive", "arrived": "receive", "receiving": "receive", "received": "receive",
	"upload": "attach", "uploads": "attach", "uploading": "attach",
	"roles": "permission", "role": "permission", "rbac": "permission", "access control": "permission", "permissions": "permission",
	"migrate": "import", "migrating": "import", "migration": "import", "importer": "import",
	"properties": "field", "property": "field", "fields": "field",
	"multiple": "bulk", "at once": "bulk", "batch": "bulk",
	// General product words people say in several ways.
	"alert": "notification", "alerts": "notification", "notify": "notification", "notifies": "notification",
	"notified": "notification", "notifications": "notification",
	"download": "export", "downloads": "export", "downloading": "export",
	"update": "edit", "updates": "edit", "modify": "edit", "editing": "edit", "edits": "edit",
	"url": "link", "urls": "link", "links": "link", "shareable": "share", "publicly": "public",
	"sample": "example", "samples": "example", "demo": "example", "dummy": "example", "examples": "example",
	"graph": "chart", "graphs": "chart", "charts": "chart",
	"sub task": "subtask", "sub tasks": "subtask", "subtasks": "subtask", "check list": "checklist",
	"documentation": "docs", "doc": "docs",
	"register": "signup", "registration": "signup",
	"customize": "custom", "customise": "custom", "customization": "custom", "customisation": "custom",
}

// also adds a word next to another: an iPhone app is a mobile app.
var also = map[string]string{
	"ios": "mobile", "iphone": "mobile", "ipad": "mobile", "android": "mobile",
	"okta": "sso", "scim": "sso", "gantt": "timeline",
}

// longestPhrase is the most words a synonym key spans.
const longestPhrase = 3

// phraseStart holds the first words of the synonyms of several words.
var phraseStart = func() map[string]bool {
	m := map[string]bool{}
	for k := range synonyms {
		if first, _, ok := strings.Cut(k, " "); ok {
			m[first] = true
		}
	}
	return m
}()

// terms turns text into its content words: typos fixed (fix, when not
// nil), synonyms folded, stopwords dropped, the rest stemmed (Snowball
// English).
func terms(text string, fix func(string) string) []string {
	ws := words(text, maxWords)
	if fix != nil {
		for i, w := range ws {
			ws[i] = fix(w)
		}
	}
	var out []string
	for i := 0; i < len(ws); {
		matched := false
		if phraseStart[ws[i]] {
			for n := min(longestPhrase, len(ws)-i); n >= 2; n-- {
				if c, ok := synonyms[strings.Join(ws[i:i+n], " ")]; ok {
					out = append(out, stem(c))
					i += n
					matched = true
					break
				}
			}
		}
		if matched {
			continue
		}
		if c, ok := synonyms[ws[i]]; ok {
			out = append(out, stem(c))
			i++
			continue
		}
		w := ws[i]
		i++
		if stopwords[w] || len(w) < 2 && !isDigit(w) {
			continue
		}
		out = append(out, stem(w))
		if a, ok := also[w]; ok {
			out = append(out, stem(a))
		}
	}
	return out
}

func isDigit(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }

// stems caches the stems of the words seen: feedback reuses few words.
var stems = struct {
	sync.RWMutex
	m map[string]string
}{m: map[string]string{}}

func stem(w string) string {
	stems.RLock()
	s, ok := stems.m[w]
	stems.RUnlock()
	if ok {
		return s
	}
	s = w
	if isASCII(w) && !isDigit(w) {
		s = english.Stem(w, true)
	}
	stems.Lock()
	if len(stems.m) > maxStems {
		clear(stems.m) // a pasted dictionary must not grow it forever
	}
	stems.m[w] = s
	stems.Unlock()
	return s
}

const maxStems = 1 << 18

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Stem is the Snowball English stem of one lowercase word, as the
// similarity reads it (feedback's type rules match on stems too).
func Stem(w string) string { return stem(w) }
