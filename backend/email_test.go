package backend_test

import (
	"testing"

	"keel/backend"
)

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		" Alice@Acme.COM ":     "alice@acme.com",
		"mailto:bob@acme.io":   "bob@acme.io",
		"<carol@acme.io>":      "carol@acme.io",
		"not an email":         "",
		"anon-3f2a":            "",
		"x@localhost":          "",
		"a@b.":                 "",
		"first last@acme.com":  "",
		"0192f-uuid@acme..com": "",
	} {
		if got := backend.NormalizeEmail(in); got != want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", in, got, want)
		}
	}
	if d := backend.EmailDomain("alice@acme.com"); d != "acme.com" {
		t.Errorf("EmailDomain = %q", d)
	}
}
