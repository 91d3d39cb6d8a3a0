package importertest

import (
	"testing"

	"keel/backend"
	"keel/importers"
)

// DetectCase is a header and the score each kind must give it; kinds not
// named must score 0.
type DetectCase struct {
	Name, Header string
	Want         map[string]float64 // kind -> score
}

// CheckDetect scores every case with every one of a source's importers.
// The cases may be of the package's own (unnamed) struct type, so that its
// table keeps positional literals.
func CheckDetect[C ~struct {
	Name, Header string
	Want         map[string]float64
}](t *testing.T, ims []importers.Importer, cases []C) {
	t.Helper()
	for _, c := range cases {
		tt := DetectCase(c)
		t.Run(tt.Name, func(t *testing.T) {
			h := Header(tt.Header)
			for _, im := range ims {
				if got, want := im.Detect(h), tt.Want[im.Kind()]; got != want {
					t.Errorf("%s: %.2f, want %.2f", im.Kind(), got, want)
				}
			}
		})
	}
}

// BindCase is a header bound as Kind: it fails with exactly Want (an
// Invalid error), or succeeds when Want is "".
type BindCase struct {
	Kind, Header, Want string
}

// CheckBind binds every case with the source's importer of its kind.
func CheckBind[C ~struct{ Kind, Header, Want string }](t *testing.T, source string, cases []C) {
	t.Helper()
	for _, c := range cases {
		tt := BindCase(c)
		t.Run(tt.Kind+" "+tt.Header, func(t *testing.T) {
			f, err := importers.Find(source, tt.Kind).Bind(Header(tt.Header), importers.Options{})
			if tt.Want == "" {
				if err != nil || f == nil {
					t.Fatalf("bind: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("bind accepted the header")
			}
			if backend.ErrorCode(err) != backend.Invalid || err.Error() != tt.Want {
				t.Errorf("got %s %q\nwant %q", backend.ErrorCode(err), err, tt.Want)
			}
		})
	}
}
