package app

import (
	"os"
	"path/filepath"
	"testing"
)

// A save dialog opens in the last folder used, else Documents, else home.
func TestSaveDialogFolder(t *testing.T) {
	home := t.TempDir()
	if got := startFolder("", home, isDir); got != home {
		t.Errorf("no Documents: %q, want home %q", got, home)
	}
	docs := filepath.Join(home, "Documents")
	if err := os.Mkdir(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := startFolder("", home, isDir); got != docs {
		t.Errorf("first save: %q, want %q", got, docs)
	}
	reports := filepath.Join(home, "Reports")
	os.Mkdir(reports, 0o755)
	savedTo(filepath.Join(reports, "Keel report 2026-02.xlsx"))
	savedTo("") // a cancelled dialog changes nothing
	lastSaved.Lock()
	last := lastSaved.dir
	lastSaved.Unlock()
	if got := startFolder(last, home, isDir); got != reports {
		t.Errorf("after a save: %q, want the folder used %q", got, reports)
	}
	os.Remove(reports)
	if got := startFolder(last, home, isDir); got != docs {
		t.Errorf("the last folder is gone: %q, want %q", got, docs)
	}
	if got := startFolder("", "", isDir); got != "" {
		t.Errorf("no home: %q", got)
	}
}
