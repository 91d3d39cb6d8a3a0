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

	"keel/backend/workspace"
)

// toPDF writes the report of month and converts it the way an advisor
// without Excel would: LibreOffice, headless. A workbook LibreOffice had
// to repair, or could not read, fails here. It returns the page count and
// the text (empty without pdftotext). Set KEEL_REPORT_PDF=dir to keep the
// PDF as dir/name.pdf (and look at its pages).
func toPDF(t *testing.T, db *workspace.DB, month, name string) (int, string) {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed")
	}
	dir := t.TempDir()
	if keep := os.Getenv("KEEL_REPORT_PDF"); keep != "" {
		dir = keep
	}
	xlsx := filepath.Join(dir, name+".xlsx")
	f, err := os.Create(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(db, mo(month), f, Options{}); err != nil {
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
	path := filepath.Join(dir, name+".pdf")
	pdf, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no PDF: %v\n%s", err, out.String())
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 20000 {
		t.Fatalf("not a PDF worth the name: %d bytes", len(pdf))
	}
	// Page counts are Excel's only with Calibri's widths: Carlito has them
	// (fonts-crosextra-carlito, installed by build/deps.sh test); a wider
	// fallback font prints every sheet smaller, on fewer pages.
	if !bytes.Contains(pdf, []byte("Carlito")) && !bytes.Contains(pdf, []byte("Calibri")) {
		t.Errorf("%s printed without Calibri or Carlito: install fonts-crosextra-carlito", name)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
	if pages < len(Sheets) {
		t.Errorf("%d pages for %d sheets", pages, len(Sheets))
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		return pages, ""
	}
	txt, err := exec.Command(pdftotext, "-layout", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// A column too narrow for its number prints as "#####".
	if i := strings.Index(string(txt), "###"); i >= 0 {
		t.Errorf("%s: a column too narrow for its number: %q", name, string(txt)[max(0, i-120):i+10])
	}
	t.Logf("%s: %d pages, %d bytes", name, pages, len(pdf))
	return pages, string(txt)
}

func TestLibreOfficeConvertsTheReportToPDF(t *testing.T) {
	db := demoDB(t, demoNow)
	richReview(t, db)
	pages, txt := toPDF(t, db, "2026-02", "report")
	// About a page a sheet: the listings print their first page; Revenue
	// and Definitions two, the Summary two with its restatement.
	if most := len(Sheets) + 3; pages > most {
		t.Errorf("the demo report prints on %d pages, want at most %d", pages, most)
	}
	if txt == "" {
		return
	}
	for _, want := range []string{"monthly review, February 2026", "Revenue — the 12 months to February 2026",
		"MRR and its monthly movements", "Cohorts — who stays", "Top clusters by accounts", "Sources — the files behind",
		"Restatement since the freeze", "Write the onboarding checklist"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}

// The demo's report as a founder makes it on the first day: a page a
// sheet, Revenue and Definitions two (Summary, Feedback and Operations
// printed on two pages each before they were laid out for one).
func TestLibreOfficePrintsTheDemoReportAboutAPageASheet(t *testing.T) {
	pages, _ := toPDF(t, demoDB(t, demoNow), "2026-02", "demo")
	if most := len(Sheets) + 2; pages > most {
		t.Errorf("the demo report prints on %d pages, want at most %d", pages, most)
	}
}

// The report of a payments-only workspace (real Stripe files) prints too,
// without a column too narrow for its numbers, mostly a page a sheet.
func TestLibreOfficeConvertsAPaymentsOnlyReport(t *testing.T) {
	pages, txt := toPDF(t, paymentsOnlyDB(t), "2023-09", "payments-only")
	// A page a sheet, Definitions two: a sheet whose chart spans hidden
	// columns is sized as it prints (Users was two pages).
	if most := len(Sheets) + 1; pages > most {
		t.Errorf("the payments-only report prints on %d pages, want at most %d", pages, most)
	}
	if txt != "" && !strings.Contains(txt, "Revenue — the 12 months to September 2023") {
		t.Error("the PDF lacks the Revenue sheet")
	}
}
