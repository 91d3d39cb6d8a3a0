package accounts

import "strings"

// Identity keys: what an account is made of.
const (
	customerPrefix = "customer:" // a billing customer id
	emailPrefix    = "email:"    // an address
	domainPrefix   = "domain:"   // an organisation's mail domain
)

// NormalizeEmail returns s lowercased and trimmed when it looks like an
// address (something@domain.tld, no spaces), else "". A "mailto:" prefix
// and surrounding angle brackets are dropped.
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

// NormalizeDomain reads "acme.com", "@acme.com" or "ACME.com " as acme.com;
// "" when it is not a domain.
func NormalizeDomain(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "@")))
	if s == "" || strings.ContainsAny(s, " \t@/,;:") || !strings.Contains(s, ".") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return ""
	}
	return s
}

// customerKey is the key of a billing customer id as the revenue engine
// names it: the id, or "email:<address>" for rows without an id.
func customerKey(revenueID string) string {
	if strings.HasPrefix(revenueID, emailPrefix) {
		return revenueID
	}
	return customerPrefix + revenueID
}

// keyFor reads what a founder typed (an address or a domain) as a key.
func keyFor(s string) (key string, ok bool) {
	if strings.Contains(s, "@") && !strings.HasPrefix(strings.TrimSpace(s), "@") {
		if e := NormalizeEmail(s); e != "" {
			return emailPrefix + e, true
		}
		return "", false
	}
	if d := NormalizeDomain(s); d != "" {
		return domainPrefix + d, true
	}
	return "", false
}
