// Package app is the API the window calls (Wails bindings): one struct per
// area. It is the only package besides main that imports the Wails runtime,
// and only in this file, behind the Runtime interface, so tests can record
// events instead of needing a window.
package app

import (
	"context"

	wruntime "github.com/wailsapp/wails/v2/pkg/runtime"
)

// Runtime is what the app needs from the window: events to the page and
// native file dialogs.
type Runtime interface {
	Emit(event string, data any)
	OpenFiles(title string, patterns string) ([]string, error)
	OpenFile(title string, patterns string) (string, error)
	SaveFile(title, defaultName, patterns string) (string, error)
	Quit()
}

// Wails is the Runtime of a real window; ctx is the one Wails passes to OnStartup.
type Wails struct{ Ctx context.Context }

func (w Wails) Emit(event string, data any) { wruntime.EventsEmit(w.Ctx, event, data) }

func (w Wails) OpenFiles(title, patterns string) ([]string, error) {
	return wruntime.OpenMultipleFilesDialog(w.Ctx, wruntime.OpenDialogOptions{Title: title, Filters: filters(patterns)})
}

func (w Wails) OpenFile(title, patterns string) (string, error) {
	return wruntime.OpenFileDialog(w.Ctx, wruntime.OpenDialogOptions{Title: title, Filters: filters(patterns)})
}

func (w Wails) SaveFile(title, defaultName, patterns string) (string, error) {
	path, err := wruntime.SaveFileDialog(w.Ctx, wruntime.SaveDialogOptions{Title: title, DefaultFilename: defaultName,
		DefaultDirectory: saveFolder(), Filters: filters(patterns)})
	if err == nil {
		savedTo(path)
	}
	return path, err
}

func filters(patterns string) []wruntime.FileFilter {
	if patterns == "" {
		return nil
	}
	return []wruntime.FileFilter{{DisplayName: patterns, Pattern: patterns}}
}

// Quit closes the window.
func (w Wails) Quit() { wruntime.Quit(w.Ctx) }
