package mapped_test

import (
	"context"
	"testing"

	"keel/backend/workspace"
	"keel/importers/mapped"
)

// A feedback spreadsheet Keel does not recognise goes through the mapper's
// "feedback" target: its rows become feedback items with their source ids.
func TestFeedbackMapping(t *testing.T) {
	db := newDB(t)
	_, err := mapped.Save(db, workspace.Mapping{Name: "Typeform answers", Kind: "feedback",
		Header:  []string{"Response", "Submitted", "What should we build?", "Why?", "Your email"},
		Columns: map[string]string{"id": "Response", "created": "Submitted", "title": "What should we build?", "text": "Why?", "email": "Your email"}})
	if err != nil {
		t.Fatal(err)
	}
	c, rejects := importFile(t, db, "Response,Submitted,What should we build?,Why?,Your email\n"+
		"r1,2025-03-01 10:00,Dark mode,my eyes,Ann@Acme.io\n"+
		"r2,2025-03-02,,,bob@acme.io\n"+
		",2025-03-02,SSO,,bob@acme.io\n")
	if c.Imported != 1 || c.Rejected != 2 || rejects[0] != "the row has neither a title nor a text" || rejects[1] != "Response is empty" {
		t.Fatalf("counts %+v rejects %q", c, rejects)
	}
	srcs, err := db.FeedbackSources(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 1 || srcs[0].Key != "feedback:typeform-answers:r1" || srcs[0].Email != "ann@acme.io" || srcs[0].Title != "Dark mode" || srcs[0].Text != "my eyes" {
		t.Errorf("sources %+v", srcs)
	}
}
