// Package jsonl holds what the JSON-lines importers (Mixpanel, Amplitude)
// share: decoding one line into an object, turning JSON values into the
// strings of backend.Attrs, reading unix times, and the id of an event
// exported without one.
package jsonl

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"keel/backend"
)

// Blank reports a line holding nothing but spaces.
func Blank(line []byte) bool { return len(bytes.TrimSpace(line)) == 0 }

// Object decodes a line holding one JSON object. Numbers stay as written.
// The error is the reason the line is rejected: `not valid JSON: …` or
// `not a JSON object`.
func Object(line []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var m map[string]json.RawMessage
	if err := dec.Decode(&m); err != nil {
		var te *json.UnmarshalTypeError
		if asType(err, &te) {
			return nil, backend.Errorf(backend.Invalid, "not a JSON object (the line holds a JSON %s)", te.Value)
		}
		return nil, backend.Errorf(backend.Invalid, "not valid JSON: %s", short(err.Error()))
	}
	if m == nil {
		return nil, backend.Errorf(backend.Invalid, "not a JSON object (the line holds null)")
	}
	if dec.More() {
		return nil, backend.Errorf(backend.Invalid, "not valid JSON: more than one value on the line")
	}
	return m, nil
}

func asType(err error, te **json.UnmarshalTypeError) bool {
	t, ok := err.(*json.UnmarshalTypeError)
	if ok {
		*te = t
	}
	return ok
}

func short(s string) string {
	s = strings.TrimPrefix(s, "json: ")
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

// First decodes the first line of head that holds a JSON object, among its
// first five non-blank lines (one broken line does not hide a file's kind);
// nil when there is none (detection).
func First(head []byte) map[string]json.RawMessage {
	tried := 0
	for _, line := range bytes.Split(head, []byte("\n")) {
		if Blank(line) {
			continue
		}
		if m, err := Object(line); err == nil {
			return m
		}
		if tried++; tried == 5 {
			break
		}
	}
	return nil
}

// String is a JSON value as a string: a string as it is, null or an
// absent value "", a number or boolean as written, an object or array as
// compact JSON ("{}" and "[]" give "").
func String(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s
		}
	case '{', '[':
		var b bytes.Buffer
		if json.Compact(&b, raw) == nil {
			raw = b.Bytes()
		}
		if string(raw) == "{}" || string(raw) == "[]" {
			return ""
		}
	}
	return string(raw)
}

// Sub decodes a nested object (properties); nil when absent or not one.
func Sub(raw json.RawMessage) map[string]json.RawMessage {
	if len(raw) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]json.RawMessage
	if dec.Decode(&m) != nil {
		return nil
	}
	return m
}

// IsObject reports whether raw is a JSON object.
func IsObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}

// maxUnix is 10000-01-01 in unix seconds: no export dates beyond.
const maxUnix = 253402300800

// UnixTime reads a unix time in seconds, with a fraction or not; a value
// over 1e11 is in milliseconds (Mixpanel's time_in_ms exports).
func UnixTime(s string) (time.Time, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return time.Time{}, fmt.Errorf("%q is not a unix time", s)
	}
	if v > 1e11 {
		v /= 1000
	}
	if v >= maxUnix {
		return time.Time{}, fmt.Errorf("%q is not a unix time (it is after the year 9999)", s)
	}
	sec, frac := math.Modf(v)
	return time.Unix(int64(sec), int64(math.Round(frac*1e6))*1e3).UTC(), nil
}

// RowHash is the id of an event exported without one: a hash of its name,
// distinct id, time and attributes, so the same event imported again is the
// same record.
func RowHash(e *backend.Event) string {
	h := sha256.New()
	write := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	write(e.Name)
	write(e.DistinctID)
	write(e.Time.UTC().Format(time.RFC3339Nano))
	keys := make([]string, 0, len(e.Attrs))
	for k := range e.Attrs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		write(k)
		write(e.Attrs[k])
	}
	return "row-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// Recent remembers the last keys it was shown, a fixed number of them, to
// spot a repeat close by without keeping every key of a file of millions
// of events. The zero value remembers RecentKeys keys.
type Recent struct {
	ring []string
	at   int
	set  map[string]struct{}
}

// RecentKeys is how many keys a Recent remembers: repeats of an event come
// from a client sending it again within seconds, which lands them a few
// lines apart in an export sorted by time.
const RecentKeys = 1 << 16

// Seen reports whether key is one of the last RecentKeys keys shown, and
// remembers it.
func (r *Recent) Seen(key string) bool {
	if r.set == nil {
		r.set = make(map[string]struct{}, 1024)
		r.ring = make([]string, RecentKeys)
	}
	if _, ok := r.set[key]; ok {
		return true
	}
	if old := r.ring[r.at]; old != "" {
		delete(r.set, old)
	}
	r.ring[r.at] = key
	r.at = (r.at + 1) % len(r.ring)
	r.set[key] = struct{}{}
	return false
}
