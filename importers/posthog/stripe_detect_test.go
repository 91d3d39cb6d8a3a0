package posthog

import (
	"testing"

	"keel/importers/internal/importertest"
)

// TestDetectRealStripe checks that no real Stripe export is claimed.
func TestDetectRealStripe(t *testing.T) {
	importertest.NoneClaimed(t, "stripe", Events{}.Detect)
}
