package jsondoc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"keel/backend"
)

// read returns "line:text" for each element, or the error.
func read(doc string) ([]string, error) {
	d := NewReader(bufio.NewReader(strings.NewReader(doc)))
	var out []string
	for {
		it, err := d.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		if it.Long > 0 {
			out = append(out, fmt.Sprintf("%d:long %d", it.Line, it.Long))
			continue
		}
		out = append(out, fmt.Sprintf("%d:%s", it.Line, it.Text))
	}
}

func TestElements(t *testing.T) {
	for _, tt := range []struct{ doc, want, err string }{
		{`[{"a":1},{"b":[1,2]}]`, `1:{"a":1}|1:{"b":[1,2]}`, ""},
		{"[\n  {\n    \"id\": \"1\"\n  },\n  {\"id\": \"2\", \"s\": \"a ] } \\\" [\"}\n]\n", "2:{\"id\":\"1\"}|5:{\"id\":\"2\",\"s\":\"a ] } \\\" [\"}", ""},
		{`{"type":"conversation.list","pages":{"next":null},"conversations":[{"id":"7"}],"total_count":1}`, `1:{"id":"7"}`, ""},
		{"[{\"id\":1}]\n[{\"id\":2}]\n{\"conversations\":[{\"id\":3}]}", `1:{"id":1}|2:{"id":2}|3:{"id":3}`, ""},
		{`[]`, ``, ""},
		{`[1, "x", null]`, `1:1|1:"x"|1:null`, ""},
		{``, ``, "the file is empty"},
		{`[{"id":1}`, `1:{"id":1}`, "the file ends before the JSON document is closed (line 1): the file is cut short; download the export again"},
		{`[{"id":"1}]`, ``, "the file ends where Keel expected the closing quote of a string (line 1): the file is cut short; download the export again"},
		{`{"pages":{}}`, ``, "the JSON object that ends on line 1 holds no array of records"},
		{"\n\nid,amount\n", ``, `line 3: Keel expected a JSON array of objects, or an object holding one and found 'i'`},
		{`[{"a":1]}]`, ``, `line 1: Keel expected '}' and found ']'`},
		{strings.Repeat("[", 600), ``, "the JSON on line 1 nests deeper than 512 levels, which no export does"},
	} {
		got, err := read(tt.doc)
		msg := ""
		if err != nil {
			msg = err.Error()
		}
		if strings.Join(got, "|") != tt.want || msg != tt.err {
			t.Errorf("%.40q: %q %q, want %q %q", tt.doc, strings.Join(got, "|"), msg, tt.want, tt.err)
		}
	}
}

func TestLongElement(t *testing.T) {
	big := `{"body":"` + strings.Repeat("x", MaxItem) + `"}`
	got, err := read(`[{"id":1},` + big + `,{"id":3}]`)
	want := fmt.Sprintf(`1:{"id":1}|1:long %d|1:{"id":3}`, len(big))
	if err != nil || strings.Join(got, "|") != want {
		t.Errorf("%q %v", got, err)
	}
}

// FuzzReader: any bytes give elements on lines that never go back, each
// held to MaxItem, or a sentence saying why the document cannot be read.
func FuzzReader(f *testing.F) {
	for _, s := range []string{`[{"a":1},{"b":[1,2]}]`, "[\n {\"id\": \"1\"},\n {\"s\": \"x\\\"]\"}\n]", `{"type":"x","pages":{},"conversations":[{"id":1}]}`,
		`[1,"x",null,true]`, `[{"a":1}`, `{"a":[]}{"b":[{}]}`, "", "  \n", `[[[[`, `"just a string"`, `{"a":"b"`} {
		f.Add([]byte(s))
	}
	if b, err := os.ReadFile("../intercom/testdata/conversations_api.json"); err == nil {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := NewReader(bufio.NewReader(bytes.NewReader(data)))
		line := 1
		for n := 0; ; n++ {
			it, err := d.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var be *backend.Error
				if !errors.As(err, &be) || be.Message == "" {
					t.Fatalf("not a sentence: %#v", err)
				}
				return
			}
			if it.Line < line || len(it.Text) > MaxItem || n > len(data) {
				t.Fatalf("item %d on line %d after line %d, %d bytes", n, it.Line, line, len(it.Text))
			}
			line = it.Line
		}
	})
}
