package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestLibreOfficeConvertsTheReportToPDF opens the report the way an
// advisor without Excel would: LibreOffice, headless, converts it to PDF.
// A workbook LibreOffice had to repair, or could not read, fails here.
// Set KEEL_REPORT_PDF=dir to keep the PDF (and look at its pages).
func TestLibreOfficeConvertsTheReportToPDF(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed")
	}
	db := demoDB(t, demoNow)
	richReview(t, db)
	dir := t.TempDir()
	if keep := os.Getenv("KEEL_REPORT_PDF"); keep != "" {
		dir = keep
	}
	xlsx := filepath.Join(dir, "report.xlsx")
	f, err := os.Create(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(db, mo("2026-02"), f, Options{}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.Join(t.TempDir(), "lo-profile")
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", "pdf", "--outdir", dir, xlsx)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out.String())
	}
	pdf, err := os.ReadFile(filepath.Join(dir, "report.pdf"))
	if err != nil {
		t.Fatalf("no PDF: %v\n%s", err, out.String())
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 20000 {
		t.Fatalf("not a PDF worth the name: %d bytes", len(pdf))
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages < len(Sheets) {
		t.Errorf("%d pages for %d sheets", pages, len(Sheets))
	}
	if pdftotext, err := exec.LookPath("pdftotext"); err == nil {
		txt, err := exec.Command(pdftotext, "-layout", filepath.Join(dir, "report.pdf"), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"monthly review, February 2026", "Revenue — the 12 months to February 2026",
			"MRR and its monthly movements", "Cohorts — who stays", "Top clusters by accounts", "Sources — the files behind",
			"Restatement since the freeze", "Write the onboarding checklist"} {
			if !strings.Contains(string(txt), want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
	}
	t.Logf("%d pages, %d bytes", pages, len(pdf))
}
