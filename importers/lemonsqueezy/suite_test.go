package lemonsqueezy

import (
	"testing"

	"keel/importers/internal/importertest"
)

// The checks every billing importer runs on itself; see importertest.

func TestOwnGolden(t *testing.T)      { importertest.OwnGolden(t, source) }
func TestRealNotClaimed(t *testing.T) { importertest.RealNotClaimed(t, source, ownReal) }
func TestOwnFilesNoTie(t *testing.T)  { importertest.OwnFilesNoTie(t, source) }
