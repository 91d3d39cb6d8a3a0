package main

import (
	"os/exec"
	"strings"
	"testing"
)

// The command line's build (tag cli, build/bin/keel) links nothing of the
// window: WebKitGTK's libraries would cost every command 64 MiB of memory
// before main (main_cli.go). The window's build does link it.
func TestCommandLineBuildLinksNoWindow(t *testing.T) {
	deps := func(tags string) string {
		out, err := exec.Command("go", "list", "-deps", "-tags", tags, ".").CombinedOutput()
		if err != nil {
			t.Fatalf("go list -tags %s: %v\n%s", tags, err, out)
		}
		return string(out)
	}
	for _, p := range []string{"github.com/wailsapp/", "keel/app\n"} {
		if strings.Contains(deps("cli"), p) {
			t.Errorf("the command line's build links %s", strings.TrimSpace(p))
		}
		if !strings.Contains(deps("desktop,production"), p) {
			t.Errorf("the window's build does not link %s: the check above checks nothing", strings.TrimSpace(p))
		}
	}
}
