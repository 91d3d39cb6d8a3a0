package csvfile

import (
	"strings"
	"testing"
)

func TestJSONRefused(t *testing.T) {
	for in, want := range map[string]string{
		`{"event":"a","properties":{}}` + "\n":     "this file holds JSON, not a CSV table",
		"  \n[\n  {\"type\": \"conversation\"}\n]": "this file holds a JSON array, not a CSV table",
		"[]":                            "this file holds a JSON array, not a CSV table",
		"[Date],Amount\n2025-01-01,3\n": "",
		"[ list ] name,Amount\n1,2\n":   "",
		"\uFEFF{\"a\":1}\n":             "this file holds JSON, not a CSV table",
		"id,{json},x\n1,2,3\n":          "",
	} {
		_, err := Open(strings.NewReader(in))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("Open(%q) = %q, want %q", in, got, want)
		}
	}
}
