package cli

import (
	"io"
	"os"
	"testing"
)

func TestZZProfMetrics(t *testing.T) {
	ws := os.Getenv("ZZ_WS")
	if ws == "" {
		t.Skip()
	}
	if c := Run([]string{"metrics", "--workspace", ws, "--from", "2021-01", "--to", "2022-12", "--json"}, io.Discard, os.Stderr); c != 0 {
		t.Fatal(c)
	}
}
