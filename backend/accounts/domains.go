package accounts

import "strings"

// publicDomains are mail providers whose users are unrelated people: an
// address there never links to an organisation by its domain.
var publicDomains = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "outlook.com": true, "live.com": true, "msn.com": true,
	"icloud.com": true, "me.com": true, "mac.com": true, "aol.com": true, "aim.com": true,
	"proton.me": true, "protonmail.com": true, "protonmail.ch": true, "pm.me": true,
	"mail.ru": true, "inbox.ru": true, "list.ru": true, "bk.ru": true, "rambler.ru": true, "ya.ru": true,
	"qq.com": true, "163.com": true, "126.com": true, "yeah.net": true, "sina.com": true, "foxmail.com": true,
	"zoho.com": true, "zohomail.com": true, "fastmail.com": true, "fastmail.fm": true, "hey.com": true,
	"mail.com": true, "email.com": true, "tutanota.com": true, "tuta.io": true, "hushmail.com": true,
	"ymail.com": true, "rocketmail.com": true, "naver.com": true, "daum.net": true, "hanmail.net": true,
	"rediffmail.com": true, "web.de": true, "t-online.de": true, "freenet.de": true, "orange.fr": true,
	"free.fr": true, "laposte.net": true, "sfr.fr": true, "wanadoo.fr": true, "libero.it": true,
	"virgilio.it": true, "seznam.cz": true, "wp.pl": true, "o2.pl": true, "onet.pl": true, "interia.pl": true,
	"comcast.net": true, "verizon.net": true, "att.net": true, "sbcglobal.net": true, "bellsouth.net": true,
	"cox.net": true, "charter.net": true, "earthlink.net": true, "btinternet.com": true, "sky.com": true,
	"virginmedia.com": true, "bigpond.com": true, "optusnet.com.au": true, "shaw.ca": true, "rogers.com": true,
	"sympatico.ca": true, "uol.com.br": true, "bol.com.br": true, "terra.com.br": true, "duck.com": true,
	"privaterelay.appleid.com": true, "passmail.net": true, "simplelogin.com": true, "anonaddy.me": true,
}

// publicFamilies are providers with a domain per country: hotmail.co.uk,
// yahoo.fr, gmx.de, yandex.ru, live.fr, outlook.de…
var publicFamilies = map[string]bool{
	"hotmail": true, "yahoo": true, "gmx": true, "yandex": true, "live": true, "outlook": true,
	"windowslive": true, "aol": true, "gmail": true, "googlemail": true, "icloud": true, "protonmail": true,
}

// PublicDomain reports whether d is a public mail provider's domain.
func PublicDomain(d string) bool {
	d = strings.ToLower(strings.TrimSpace(d))
	if publicDomains[d] {
		return true
	}
	if i := strings.IndexByte(d, '.'); i > 0 {
		return publicFamilies[d[:i]]
	}
	return false
}
