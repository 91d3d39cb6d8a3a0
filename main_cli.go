//go:build cli

// Keel's command line without the window's libraries (make build:
// build/bin/keel). The window's build links WebKitGTK, GTK and what they
// need (GStreamer, the flite voices, ICU…): the dynamic loader maps and
// relocates them before main runs, 64 MiB of resident memory for every
// `keel import` before it reads a byte. This build does not link them; run
// with no command it starts the window's build next to it, keel-window,
// with the same arguments.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	_ "time/tzdata" // time zones on machines without a zoneinfo database

	"keel/backend/cli"
	"keel/backend/clock"
	_ "keel/importers/all"
)

func main() {
	if err := clock.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "keel:", err)
		os.Exit(2)
	}
	if cli.IsCommand(os.Args[1:]) {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	self, err := os.Executable()
	if err == nil {
		self, err = filepath.EvalSymlinks(self)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "keel: cannot find the window's program:", err)
		os.Exit(1)
	}
	window := filepath.Join(filepath.Dir(self), "keel-window"+filepath.Ext(self))
	code, err := run(window, os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "keel: cannot open the window (%s): %v\n", window, err)
		os.Exit(1)
	}
	os.Exit(code)
}
