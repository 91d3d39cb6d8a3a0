package columns

import (
	"strings"

	"keel/backend/money"
)

// NumberStyle decides, per file, whether decimal amounts use a decimal
// comma (a file re-saved by Excel in a comma-decimal locale). The reading
// layer knows the separator but Bind only gets the header, so the style is
// inferred from the amounts themselves: a value that reads only one way
// ("9,99", "1.234,56", "15.00") settles it for the rest of the file; an
// ambiguous one ("1,500") follows what the file showed so far (dot by
// default). If the chosen reading fails, the other is tried.
type NumberStyle struct {
	known bool
	comma bool
}

func (n *NumberStyle) parse(s string, exp int) (int64, error) {
	comma, sure := decimalComma(s)
	if !sure {
		comma = n.known && n.comma
	}
	v, err := money.Parse(s, exp, comma)
	if err != nil {
		v2, err2 := money.Parse(s, exp, !comma)
		if err2 != nil {
			return 0, err
		}
		v, comma, sure = v2, !comma, false
	}
	if sure {
		n.known, n.comma = true, comma
	}
	return v, nil
}

// decimalComma guesses from one amount whether its decimal mark is a
// comma; sure is false when the text reads both ways or has no mark.
func decimalComma(s string) (comma, sure bool) {
	dot, com := strings.LastIndexByte(s, '.'), strings.LastIndexByte(s, ',')
	switch {
	case dot >= 0 && com >= 0:
		return com > dot, true
	case com >= 0:
		if strings.Count(s, ",") > 1 {
			return false, true // 1,234,567
		}
		return true, digitsAfter(s, com) != 3
	case dot >= 0:
		if strings.Count(s, ".") > 1 {
			return true, true // 1.234.567
		}
		return false, digitsAfter(s, dot) != 3
	}
	return false, false
}

func digitsAfter(s string, i int) int {
	n := 0
	for _, r := range s[i+1:] {
		if r < '0' || r > '9' {
			break
		}
		n++
	}
	return n
}
