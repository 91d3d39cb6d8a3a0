package backend

import "strings"

// NormalizeEmail returns s lowercased and trimmed when it looks like an
// address (something@domain.tld, no spaces), else "". A "mailto:" prefix
// and surrounding angle brackets are dropped. Accounts are linked by the
// addresses it returns.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "mailto:")
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.ContainsAny(s, " \t\r\n,;<>\"()[]") {
		return ""
	}
	d := s[at+1:]
	if dot := strings.LastIndexByte(d, '.'); dot <= 0 || dot == len(d)-1 || strings.Contains(d, "..") {
		return ""
	}
	return s
}

// EmailDomain is the domain of a normalised address.
func EmailDomain(email string) string {
	if at := strings.LastIndexByte(email, '@'); at >= 0 {
		return email[at+1:]
	}
	return ""
}
