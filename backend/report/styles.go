package report

import (
	"strings"

	"github.com/xuri/excelize/v2"

	"keel/backend/figures"
	"keel/backend/money"
	"keel/backend/palette"
)

// MovementColours are the colours of the MRR movements everywhere in Keel
// (UI.md): new green, expansion teal, reactivation blue, contraction
// orange, churn red, fx grey. Hex RGB without '#'.
var MovementColours = palette.Movements

// movementTints are light versions of MovementColours for cell fills.
var movementTints = map[string]string{
	"new":          "DCFCE7",
	"expansion":    "CCFBF1",
	"reactivation": "DBEAFE",
	"contraction":  "FFEDD5",
	"churn":        "FEE2E2",
	"fx":           "F3F4F6",
}

const (
	accent    = "1D4ED8"
	greyText  = "585F6B"
	headerBg  = "EEF0F3"
	amberBg   = "FDF4E1"
	amberText = "8A4B00"
	redText   = "B42318"
	amberLine = "D97706" // a second figure drawn over bars
)

// styles are the cell styles of the report, made once per workbook.
type styles struct {
	title, subtitle, section, header, headerRight, text, wrap, muted, dash int
	warning, good, bad                                                     int
	money, moneyDelta, count, countDelta, pct, pctDelta, points            int
	minutes, minutesShort, minutesDelta, multiple, multipleDelta           int
	month, date, datetime, mono, id                                        int
	kinds                                                                  map[string]int
	moneyExp                                                               int
}

// moneyFormat is an Excel number format for amounts in cur: "$"#,##0.00.
func moneyFormat(cur string, signed bool) (string, int) {
	code := strings.ToUpper(cur)
	exp, ok := money.Exponent(code)
	if !ok {
		exp = 2
	}
	num := "#,##0"
	if exp > 0 {
		num += "." + strings.Repeat("0", exp)
	}
	sym := map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩"}[code]
	if sym == "" {
		sym = code + " "
	}
	q := `"` + sym + `"`
	if signed {
		return "+" + q + num + ";-" + q + num + ";" + q + num, exp
	}
	return q + num + ";-" + q + num, exp
}

func newStyles(f *excelize.File, cur string) (*styles, error) {
	s := &styles{kinds: map[string]int{}}
	var err error
	add := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	font := func(size float64, bold bool, color string) *excelize.Font {
		return &excelize.Font{Family: "Calibri", Size: size, Bold: bold, Color: color}
	}
	numFmt := func(fmt string) *excelize.Style {
		return &excelize.Style{CustomNumFmt: &fmt, Font: font(11, false, ""), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}}
	}
	s.title = add(&excelize.Style{Font: font(16, true, "1A1D23")})
	s.subtitle = add(&excelize.Style{Font: font(10, false, greyText), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.section = add(&excelize.Style{Font: font(13, true, accent)})
	border := []excelize.Border{{Type: "bottom", Color: "C9CED6", Style: 1}}
	s.header = add(&excelize.Style{Font: font(11, true, "1A1D23"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerBg}},
		Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true, Indent: 1}})
	s.headerRight = add(&excelize.Style{Font: font(11, true, "1A1D23"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{headerBg}},
		Border: border, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center", WrapText: true}})
	// Left-aligned text is indented, so that it never runs into a
	// right-aligned number in the column before it.
	s.text = add(&excelize.Style{Font: font(11, false, ""), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", Indent: 1}})
	s.wrap = add(&excelize.Style{Font: font(11, false, ""), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", WrapText: true, Indent: 1}})
	s.muted = add(&excelize.Style{Font: font(10, false, greyText), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.dash = add(&excelize.Style{Font: font(11, false, greyText), Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "top"}})
	s.warning = add(&excelize.Style{Font: font(11, false, amberText), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{amberBg}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	top := &excelize.Alignment{Vertical: "top"}
	s.good = add(&excelize.Style{Font: font(11, true, "17803D"), Alignment: top})
	s.bad = add(&excelize.Style{Font: font(11, true, redText), Alignment: top})
	mf, exp := moneyFormat(cur, false)
	md, _ := moneyFormat(cur, true)
	s.moneyExp = exp
	s.money = add(numFmt(mf))
	s.moneyDelta = add(numFmt(md))
	s.count = add(numFmt("#,##0"))
	s.countDelta = add(numFmt("+#,##0;-#,##0;0"))
	s.pct = add(numFmt("0.0%"))
	s.pctDelta = add(numFmt("+0.0%;-0.0%;0.0%"))
	s.points = add(numFmt(`+0.0" pts";-0.0" pts";0.0" pts"`))
	// Durations are stored as Excel durations (days) and read as people
	// read them: "45 min", "12 h 7 min" (not "727 min").
	s.minutes = add(numFmt(`[h]" h "m" min"`))
	s.minutesShort = add(numFmt(`[m]" min"`))
	s.minutesDelta = add(numFmt(`+#,##0" min";-#,##0" min";0" min"`))
	s.multiple = add(numFmt("0.00"))
	s.multipleDelta = add(numFmt("+0.00;-0.00;0.00"))
	monthFmt, dateFmt, dtFmt := "mmm yyyy", "yyyy-mm-dd", "yyyy-mm-dd hh:mm"
	s.month = add(&excelize.Style{CustomNumFmt: &monthFmt, Font: font(11, false, ""), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", Indent: 1}})
	s.date = add(&excelize.Style{CustomNumFmt: &dateFmt, Font: font(11, false, ""), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", Indent: 1}})
	s.datetime = add(&excelize.Style{CustomNumFmt: &dtFmt, Font: font(11, false, ""), Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", Indent: 1}})
	s.mono = add(&excelize.Style{Font: &excelize.Font{Family: "Consolas", Size: 9}, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.id = add(&excelize.Style{Font: font(11, false, ""), Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}})
	for k, c := range movementTints {
		s.kinds[k] = add(&excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true, Color: MovementColours[k]},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}})
	}
	return s, err
}

// value is the style of a value of unit u.
func (s *styles) value(u figures.Unit) int {
	switch u {
	case figures.Money:
		return s.money
	case figures.Count:
		return s.count
	case figures.Ratio:
		return s.pct
	case figures.Minutes:
		return s.minutes
	}
	return s.multiple
}

// delta is the style of a difference of unit u (ratios in points).
func (s *styles) delta(u figures.Unit) int {
	switch u {
	case figures.Money:
		return s.moneyDelta
	case figures.Count:
		return s.countDelta
	case figures.Ratio:
		return s.points
	case figures.Minutes:
		return s.minutesDelta
	}
	return s.multipleDelta
}
