package accounts

import (
	"context"
	"sort"
	"strings"

	"keel/backend"
	"keel/backend/workspace"
)

// defaultPublic are mail providers whose users are unrelated people: an
// address there never links to an organisation by its domain. "name.*"
// is a provider with a domain per country (hotmail.co.uk, yahoo.fr, gmx.de).
// The workspace setting public_domains replaces the list.
var defaultPublic = []string{
	"gmail.com", "googlemail.com", "outlook.com", "live.com", "msn.com",
	"icloud.com", "me.com", "mac.com", "aol.com", "aim.com",
	"proton.me", "protonmail.com", "protonmail.ch", "pm.me",
	"mail.ru", "inbox.ru", "list.ru", "bk.ru", "rambler.ru", "ya.ru",
	"qq.com", "163.com", "126.com", "yeah.net", "sina.com", "foxmail.com",
	"zoho.com", "zohomail.com", "fastmail.com", "fastmail.fm", "hey.com",
	"mail.com", "email.com", "tutanota.com", "tuta.io", "hushmail.com",
	"ymail.com", "rocketmail.com", "naver.com", "daum.net", "hanmail.net",
	"rediffmail.com", "web.de", "t-online.de", "freenet.de", "orange.fr",
	"free.fr", "laposte.net", "sfr.fr", "wanadoo.fr", "libero.it",
	"virgilio.it", "seznam.cz", "wp.pl", "o2.pl", "onet.pl", "interia.pl",
	"comcast.net", "verizon.net", "att.net", "sbcglobal.net", "bellsouth.net",
	"cox.net", "charter.net", "earthlink.net", "btinternet.com", "sky.com",
	"virginmedia.com", "bigpond.com", "optusnet.com.au", "shaw.ca", "rogers.com",
	"sympatico.ca", "uol.com.br", "bol.com.br", "terra.com.br", "duck.com",
	"privaterelay.appleid.com", "passmail.net", "simplelogin.com", "anonaddy.me",
	"hotmail.*", "yahoo.*", "gmx.*", "yandex.*", "live.*", "outlook.*",
	"windowslive.*", "aol.*", "gmail.*", "googlemail.*", "icloud.*", "protonmail.*",
}

// PublicDomains is a workspace's list of public mail domains.
type PublicDomains struct {
	list     []string
	exact    map[string]bool
	families map[string]bool
}

func newPublicDomains(list []string) *PublicDomains {
	p := &PublicDomains{list: list, exact: map[string]bool{}, families: map[string]bool{}}
	for _, d := range list {
		if f, ok := strings.CutSuffix(d, ".*"); ok {
			p.families[f] = true
		} else {
			p.exact[d] = true
		}
	}
	return p
}

// DefaultPublicDomains is Keel's list.
func DefaultPublicDomains() *PublicDomains { return newPublicDomains(defaultPublic) }

// Has reports whether d is a public mail provider's domain.
func (p *PublicDomains) Has(d string) bool {
	d = strings.ToLower(strings.TrimSpace(d))
	if p.exact[d] {
		return true
	}
	if i := strings.IndexByte(d, '.'); i > 0 {
		return p.families[d[:i]]
	}
	return false
}

// List is the domains, sorted.
func (p *PublicDomains) List() []string {
	out := append([]string(nil), p.list...)
	sort.Strings(out)
	return out
}

// LoadPublicDomains reads the workspace's list (Keel's when unset).
func LoadPublicDomains(db *workspace.DB) (*PublicDomains, error) {
	v, err := db.Setting(workspace.SettingPublicDomains)
	if err != nil {
		return nil, err
	}
	return publicFrom(v), nil
}

func publicFrom(setting string) *PublicDomains {
	if strings.TrimSpace(setting) == "" {
		return DefaultPublicDomains()
	}
	return newPublicDomains(strings.Fields(setting))
}

// ParsePublicDomains reads a list a founder typed (one per line, or
// separated by commas or spaces; "@gmail.com" and "GMAIL.com" read as
// gmail.com, "yahoo.*" names a family).
func ParsePublicDomains(text string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' }) {
		d := ""
		if fam, ok := strings.CutSuffix(strings.ToLower(strings.TrimPrefix(f, "@")), ".*"); ok {
			if NormalizeDomain(fam+".x") != "" && !strings.Contains(fam, ".") {
				d = fam + ".*"
			}
		} else {
			d = NormalizeDomain(f)
		}
		if d == "" {
			return nil, backend.Errorf(backend.Invalid, "%q is not a mail domain (write gmail.com, or yahoo.* for every yahoo domain).", f)
		}
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	sort.Strings(out)
	return out, nil
}

// SetPublicDomains stores the workspace's list (nil: Keel's list again)
// and links the accounts again under it.
func SetPublicDomains(ctx context.Context, db *workspace.DB, list []string) error {
	v := strings.Join(list, "\n")
	if sameList(list, defaultPublic) {
		v = ""
	}
	if err := db.SetSetting(workspace.SettingPublicDomains, v); err != nil {
		return err
	}
	return Ensure(ctx, db)
}

func sameList(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	x, y := append([]string(nil), a...), append([]string(nil), b...)
	sort.Strings(x)
	sort.Strings(y)
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}
