package accounts

import (
	"strings"

	"keel/backend"
)

// NormalizeDomain reads "acme.com", "@acme.com" or "ACME.com " as acme.com;
// "" when it is not a domain.
func NormalizeDomain(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "@")))
	if s == "" || strings.ContainsAny(s, " \t@/,;:*") || !strings.Contains(s, ".") || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return ""
	}
	return s
}

// keyFor reads what a founder typed (an address or a domain) as a key.
func keyFor(s string) (key string, ok bool) {
	if strings.Contains(s, "@") && !strings.HasPrefix(strings.TrimSpace(s), "@") {
		if e := backend.NormalizeEmail(s); e != "" {
			return emailPrefix + e, true
		}
		return "", false
	}
	if d := NormalizeDomain(s); d != "" {
		return domainPrefix + d, true
	}
	return "", false
}
