package columns

import "strings"

// NormStatus lowercases a status and joins its words with underscores
// ("Past Due" -> "past_due", "Non Renewing" -> "non_renewing",
// "non-renewing" -> "non_renewing").
func NormStatus(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '_' || r == '-' || r == '\t'
	}), "_")
}
