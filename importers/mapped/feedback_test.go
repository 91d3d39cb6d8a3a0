package mapped_test

import (
	"testing"

	"keel/backend"
	"keel/importers/mapped"
)

// A feedback spreadsheet Keel does not recognise goes through the mapper's
// "feedback" target: its rows become feedback items with their source ids.
func TestFeedbackMapping(t *testing.T) {
	st := newStore()
	_, err := mapped.Save(st, mapped.Mapping{Name: "Typeform answers", Kind: "feedback",
		Header:  []string{"Response", "Submitted", "What should we build?", "Why?", "Your email"},
		Columns: map[string]string{"id": "Response", "created": "Submitted", "title": "What should we build?", "text": "Why?", "email": "Your email"}})
	if err != nil {
		t.Fatal(err)
	}
	recs, rejects := importFile(t, st, "Response,Submitted,What should we build?,Why?,Your email\n"+
		"r1,2025-03-01 10:00,Dark mode,my eyes,Ann@Acme.io\n"+
		"r2,2025-03-02,,,bob@acme.io\n"+
		",2025-03-02,SSO,,bob@acme.io\n")
	if len(recs) != 1 || len(rejects) != 2 || rejects[0] != "the row has neither a title nor a text" || rejects[1] != "Response is empty" {
		t.Fatalf("records %+v rejects %q", recs, rejects)
	}
	f, ok := recs[0].(*backend.Feedback)
	if !ok || f.Source != "typeform-answers" || f.Key() != "typeform-answers:r1" || f.Email != "ann@acme.io" || f.Title != "Dark mode" ||
		f.Text != "my eyes" || !f.Created.Equal(at("2025-03-01T10:00:00Z")) {
		t.Errorf("record %+v", recs[0])
	}
}
