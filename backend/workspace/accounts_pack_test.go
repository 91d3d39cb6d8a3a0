package workspace

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// The packed strings of many identities read back as they were read,
// across blocks, and an identity's addresses split as strings.Fields does.
func TestPackerKeepsStrings(t *testing.T) {
	var p packer
	type got struct {
		key    string
		emails []string
	}
	var keys, emails []string
	var out []got
	for i := range 50_000 {
		k := fmt.Sprintf("requester:r%d@acme%d.io", i, i%70)
		e := k[len(IdentRequester):]
		switch i % 4 {
		case 1:
			e = fmt.Sprintf("x%d@b.io %s", i, e)
		case 2:
			e = ""
		case 3:
			e = strings.Repeat("y", i%300) + "@c.io"
		}
		keys, emails = append(keys, k), append(emails, e)
		key := p.str([]byte(k))
		out = append(out, got{key, p.emails(key, []byte(e))})
	}
	for i, g := range out {
		if g.key != keys[i] || !slices.Equal(g.emails, strings.Fields(emails[i])) {
			t.Fatalf("identity %d: read back %q %q, want %q %q", i, g.key, g.emails, keys[i], strings.Fields(emails[i]))
		}
	}
}
