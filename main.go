//go:build !cli

// Keel: the offline operating review for founders. With no arguments it
// opens the window; with a command (keel --help) it works from the shell.
// Built with the tag cli (main_cli.go), it is the command line alone, which
// hands the window to this build (make build: build/bin/keel-window).
package main

import (
	"context"
	"embed"
	"fmt"
	"os"
	_ "time/tzdata" // time zones on machines without a zoneinfo database

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"

	"keel/app"
	"keel/backend/cli"
	"keel/backend/clock"
	_ "keel/importers/all"
)

//go:embed all:frontend/dist
var assets embed.FS

func main() {
	app.Version = cli.Version
	if err := clock.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "keel:", err)
		os.Exit(2)
	}
	if cli.IsCommand(os.Args[1:]) {
		os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
	}
	if err := runWindow(); err != nil {
		fmt.Fprintln(os.Stderr, "keel:", err)
		os.Exit(1)
	}
}

func runWindow() error {
	dir, err := app.DataDir()
	if err != nil {
		return err
	}
	state := app.NewState(dir, nil)
	return wails.Run(&options.App{
		Title:            "Keel",
		Width:            1280,
		Height:           820,
		MinWidth:         960,
		MinHeight:        640,
		AssetServer:      &assetserver.Options{Assets: assets},
		BackgroundColour: &options.RGBA{R: 248, G: 249, B: 251, A: 255},
		OnStartup: func(ctx context.Context) {
			state.SetRuntime(app.Wails{Ctx: ctx})
			go state.Start(ctx)
		},
		OnShutdown: func(context.Context) { state.Close() },
		Bind: []any{
			app.NewWorkspace(state), app.NewImports(state), app.NewSession(state), app.NewRevenue(state),
			app.NewUsers(state), app.NewSupport(state), app.NewAccounts(state), app.NewMapper(state), app.NewReview(state),
			app.NewFeedback(state),
			app.NewReleases(state),
			app.NewDecisions(state),
			app.NewManual(state),
			app.NewCosts(state),
			app.NewDebt(state),
		},
		ErrorFormatter: app.FormatError,
		DragAndDrop:    &options.DragAndDrop{EnableFileDrop: true},
		Linux:          &linux.Options{ProgramName: "keel"},
	})
}
