package feedback

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// What people paste is shown as plain text: tags dropped and entities
// decoded (a ticket exported as HTML, an e-mail copied from a client),
// control characters removed (but new lines and tabs), invalid UTF-8
// replaced, right-to-left text and emoji kept as they are. Bidirectional
// control characters are dropped, so a pasted name cannot turn the rest
// of a line around.

// MaxText is the longest note Keel accepts, in bytes.
const MaxText = 1 << 20

// maxKeptText caps the text an item keeps in memory; the rest is read
// from the workspace when the item is opened.
const maxKeptText = 8000

// clean turns pasted or exported text into plain text.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsAny(s, "<&") {
		s = stripTags(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for _, r := range s {
		switch {
		case r == '\r':
			continue
		case r == '\n':
			blank++
			if blank <= 2 {
				b.WriteRune(r)
			}
			continue
		case r == '\t':
			r = ' '
		case unicode.IsControl(r), isBidiControl(r), r == '\uFEFF':
			continue
		}
		if r != ' ' {
			blank = 0
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// isBidiControl reports the embedding, override and isolate controls.
func isBidiControl(r rune) bool {
	return r >= '\u202A' && r <= '\u202E' || r >= '\u2066' && r <= '\u2069' || r == '\u200E' || r == '\u200F'
}

// stripTags drops HTML tags (a <br> or a </p> becomes a new line) and
// decodes entities; a lone "<" that opens no tag stays.
func stripTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		tag := ""
		if j > 0 {
			tag = strings.ToLower(s[i+1 : i+j])
		}
		if j < 0 || !looksLikeTag(tag) {
			b.WriteByte('<')
			s = s[i+1:]
			continue
		}
		name := strings.TrimPrefix(strings.Fields(tag + " ")[0], "/")
		switch strings.TrimSuffix(name, "/") {
		case "br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote":
			b.WriteByte('\n')
		case "script", "style":
			if end := strings.Index(strings.ToLower(s[i:]), "</"+name); end >= 0 && !strings.HasPrefix(tag, "/") {
				s = s[i+end:]
				continue
			}
		}
		s = s[i+j+1:]
	}
	return html.UnescapeString(b.String())
}

func looksLikeTag(t string) bool {
	t = strings.TrimPrefix(t, "/")
	if t == "" || t[0] == '!' {
		return t != ""
	}
	c := t[0]
	return c >= 'a' && c <= 'z'
}

// titleOf is an item's title: its own, else the first line of its text,
// cut at a word near 100 characters.
func titleOf(title, text string) string {
	if t := strings.TrimSpace(strings.ReplaceAll(title, "\n", " ")); t != "" {
		return cut(t, 200)
	}
	line, _, _ := strings.Cut(text, "\n")
	return cut(strings.TrimSpace(line), 100)
}

// cut shortens s to about n characters at a word boundary, with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)[:n]
	if i := strings.LastIndexByte(string(rs), ' '); i > n/2 {
		return strings.TrimRight(string(rs)[:i], " ,.;:") + "…"
	}
	return string(rs) + "…"
}
