package app

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"keel/backend"
	"keel/backend/clock"
	"keel/backend/pipeline"
	"keel/backend/workspace"
)

// State is shared by the bound structs: the open workspace and the runtime.
type State struct {
	mu      sync.Mutex
	db      *workspace.DB
	rt      Runtime
	dataDir string
	now     func() time.Time
	ready   chan struct{} // closed once start-up (maybe building the demo) is over
	cancel  context.CancelFunc
}

// NewState makes the state; dataDir holds recent.json and the demo workspace.
func NewState(dataDir string, rt Runtime) *State {
	return &State{rt: rt, dataDir: dataDir, now: clock.Now, ready: make(chan struct{})}
}

// SetRuntime swaps the runtime once the window exists.
func (s *State) SetRuntime(rt Runtime) { s.mu.Lock(); s.rt = rt; s.mu.Unlock() }

func (s *State) emit(event string, data any) {
	s.mu.Lock()
	rt := s.rt
	s.mu.Unlock()
	if rt != nil {
		rt.Emit(event, data)
	}
}

// DataDir is where Keel keeps its own files: $KEEL_DATA_DIR, else the
// platform's user data folder.
func DataDir() (string, error) {
	if d := os.Getenv("KEEL_DATA_DIR"); d != "" {
		return d, nil
	}
	if runtime.GOOS == "linux" {
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "keel"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(home, ".local", "share", "keel"), nil
	}
	d, err := os.UserConfigDir() // Application Support on macOS, AppData on Windows
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "Keel"), nil
}

// DemoPath is the demo workspace in the data folder.
func (s *State) DemoPath() string { return filepath.Join(s.dataDir, "Demo.keel") }

// Start opens the last workspace, or on first run builds and opens the demo.
// It runs in the background; Workspace.Current waits for it.
func (s *State) Start(ctx context.Context) {
	defer close(s.ready)
	recent, _ := s.recent()
	for _, r := range recent {
		if _, err := s.open(r.Path); err == nil {
			return
		}
	}
	if len(recent) == 0 {
		if _, err := s.openDemo(ctx); err != nil {
			s.emit("app:error", toErr(err))
		}
	}
}

// workspace returns the open workspace or a not_found error.
func (s *State) workspace() (*workspace.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil, backend.Errorf(backend.NotFound, "No workspace is open. Open one or start with the demo.")
	}
	return s.db, nil
}

func (s *State) open(path string) (*workspace.DB, error) {
	db, err := workspace.Open(path)
	if err != nil {
		return nil, err
	}
	s.swap(db)
	s.remember(db)
	return db, nil
}

// swap closes the open workspace and makes db current, on the app's clock.
func (s *State) swap(db *workspace.DB) {
	db.Now = s.now
	s.mu.Lock()
	old := s.db
	s.db = db
	s.mu.Unlock()
	if old != nil {
		old.Close()
	}
	s.emit("workspace:changed", map[string]any{})
}

func (s *State) openDemo(ctx context.Context) (*workspace.DB, error) {
	path := s.DemoPath()
	if _, err := os.Stat(path); os.IsNotExist(err) {
		if err := os.MkdirAll(s.dataDir, 0o700); err != nil {
			return nil, backend.Errorf(backend.Internal, "make Keel's data folder %s: %v", s.dataDir, err)
		}
		step := func(msg string) { s.emit("demo:progress", map[string]any{"step": msg, "done": false}) }
		now := s.now()
		err := pipeline.CreateDemo(ctx, path, now, step, pipeline.DemoWords(now))
		s.emit("demo:progress", map[string]any{"step": "Demo ready", "done": true})
		if err != nil {
			return nil, err
		}
	}
	return s.open(path)
}

// Recent is one entry of the "open recent" list.
type Recent struct {
	Path     string    `json:"path"`
	Name     string    `json:"name"`
	OpenedAt time.Time `json:"opened_at"`
}

const maxRecent = 10

func (s *State) recentFile() string { return filepath.Join(s.dataDir, "recent.json") }

func (s *State) recent() ([]Recent, error) {
	b, err := os.ReadFile(s.recentFile())
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var rs []Recent
	if err := json.Unmarshal(b, &rs); err != nil {
		return nil, nil // a damaged list is not worth an error: start afresh
	}
	return rs, nil
}

func (s *State) remember(db *workspace.DB) {
	name, _ := db.Setting(workspace.SettingName)
	rs, _ := s.recent()
	out := []Recent{{Path: db.Path(), Name: name, OpenedAt: s.now().UTC()}}
	for _, r := range rs {
		if r.Path != db.Path() && len(out) < maxRecent {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].OpenedAt.After(out[j].OpenedAt) })
	b, _ := json.MarshalIndent(out, "", "  ")
	os.MkdirAll(s.dataDir, 0o700)
	os.WriteFile(s.recentFile(), b, 0o600)
}

// Close closes the open workspace (on quit).
func (s *State) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		s.db.Close()
		s.db = nil
	}
}

// Err is how an error reaches the page: a code and a sentence.
type Err struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func toErr(err error) *Err {
	if err == nil {
		return nil
	}
	return &Err{Code: string(backend.ErrorCode(err)), Message: backend.ErrorMessage(err)}
}

// FormatError is the Wails ErrorFormatter: rejected promises carry {code, message}.
func FormatError(err error) any { return toErr(err) }
