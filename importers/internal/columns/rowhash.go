package columns

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// RowHash is a stable hex digest of values joined by the unit separator,
// the key of a row that has no id of its own.
func RowHash(values ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(values, "\x1f")))
	return hex.EncodeToString(sum[:])
}
