package posthog

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"keel/backend"
	"keel/importers"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

func TestRegistered(t *testing.T) {
	if importers.Find("posthog", "events") == nil {
		t.Fatal(`importers.Find("posthog", "events") is nil`)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name   string
		header string
		want   float64
	}{
		{"current layout", "event,*.uuid,*.event,*.properties.prop,*.timestamp,*.team_id,*.distinct_id,*.elements_chain,*.created_at", 0.9},
		{"star columns only", "*.uuid,*.event,*.distinct_id,*.timestamp,*.properties.$current_url,*.properties.email", 0.9},
		{"legacy layout", "id,distinct_id,properties.$browser,event,timestamp,person,elements_chain", 0.9},
		{"legacy without id", "distinct_id,properties.$browser,event,timestamp", 0.8},
		{"bare columns", "event,distinct_id,timestamp", 0.5},
		{"no distinct id", "id,event,timestamp", 0},
		{"mixpanel csv", "event,distinct_id,time", 0},
		{"stripe payments", "id,Created date (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Converted Amount Refunded,Converted Currency,Decline Reason,Description,Fee,Refunded date (UTC),Statement Descriptor,Status,Seller Message,Taxes On Fee,Card ID,Customer ID,Customer Description,Customer Email,Invoice ID,Transfer", 0},
		{"stripe balance", "id,Type,Source,Amount,Fee,Destination Platform Fee,Destination Platform Fee Currency,Net,Currency,Created (UTC),Available On (UTC),Description,Customer Facing Amount,Customer Facing Currency,Transfer,Transfer Date (UTC),Transfer Group", 0},
		{"zendesk", "Id,Requester id,Status,Via,Created at,Solved at", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := (Events{}).Detect(header(t, tt.header)); got != tt.want {
				t.Errorf("Detect = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestBindMissingColumn(t *testing.T) {
	for hdr, want := range map[string]string{
		"*.uuid,*.distinct_id,*.timestamp": `"event"`,
		"id,distinct_id,event":             `"timestamp"`,
	} {
		_, err := Events{}.Bind(header(t, hdr), importers.Options{})
		if err == nil || backend.ErrorCode(err) != backend.Invalid || !strings.Contains(err.Error(), want) {
			t.Errorf("Bind(%q) = %v, want an invalid error naming %s", hdr, err, want)
		}
	}
}

func TestLayouts(t *testing.T) {
	tests := []struct {
		file string
		want []*backend.Event
	}{
		{"testdata/current.csv", []*backend.Event{
			{Source: "posthog", ID: "0189a1b2-0000-7000-8000-000000000001", Name: "$pageview", DistinctID: "user-1",
				Time:  utc("2022-07-06T19:37:43.095295Z"),
				Attrs: backend.Attrs{"$browser": "Chrome", "$current_url": "https://app.example.com/dashboard", "plan": "pro"}},
			{Source: "posthog", ID: "0189a1b2-0000-7000-8000-000000000002", Name: "signed_up", DistinctID: "Ann@Example.COM",
				Email: "ann@example.com", Time: utc("2022-07-06T19:00:00.5Z"),
				Attrs: backend.Attrs{"$browser": "Safari", "plan": "free"}},
			{Source: "posthog", ID: "0189a1b2-0000-7000-8000-000000000003", Name: "$autocapture", DistinctID: "anon-7",
				Time: utc("2022-07-07T00:00:00Z")},
		}},
		{"testdata/star_only.csv", []*backend.Event{
			{Source: "posthog", ID: "0189a1b2-0000-7000-8000-00000000000a", Name: "$pageview", DistinctID: "u-10",
				Email: "zed@keel.app", Time: utc("2024-02-29T23:59:59.999999Z"),
				Attrs: backend.Attrs{"$current_url": "https://keel.app/", "email": "Zed@Keel.App"}},
			{Source: "posthog", ID: "0189a1b2-0000-7000-8000-00000000000b", Name: "$identify", DistinctID: "u-11",
				Time: utc("2024-03-01T00:00:00Z"), Attrs: backend.Attrs{"email": "not-an-email"}},
		}},
		{"testdata/legacy.csv", []*backend.Event{
			{Source: "posthog", ID: "e9ca132e-400f-4854-a83c-16c151b2f145", Name: "event_name", DistinctID: "2",
				Time: utc("2022-07-06T19:37:43.095295Z"), Attrs: backend.Attrs{"$browser": "Safari"}},
			{Source: "posthog", ID: "1624228e-a4f1-48cd-aabc-6baa3ddb22e4", Name: "event_name", DistinctID: "2",
				Email: "bo@example.org", Time: utc("2022-07-06T19:37:43.095279Z"), Attrs: backend.Attrs{"$browser": "Safari"}},
			{Source: "posthog", ID: "66d45914-bdf5-4980-a54a-7dc699bdcce9", Name: "event_name", DistinctID: "3",
				Time: utc("2022-07-06T19:37:43.095262Z"), Attrs: backend.Attrs{"$browser": "Firefox"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := runFile(t, tt.file, importers.Options{})
			if res.detect != 0.9 {
				t.Errorf("Detect = %v, want 0.9", res.detect)
			}
			if len(res.rejects) > 0 {
				t.Fatalf("rejected rows: %v", res.rejects)
			}
			if len(res.events) != len(tt.want) {
				t.Fatalf("got %d events, want %d", len(res.events), len(tt.want))
			}
			for i, w := range tt.want {
				got := res.events[i]
				if !reflect.DeepEqual(got, w) || got.Time.Location() != time.UTC {
					t.Errorf("event %d:\n got %+v\nwant %+v", i, *got, *w)
				}
			}
		})
	}
}

func TestRowHash(t *testing.T) {
	a := runString(t, "event,distinct_id,timestamp,properties.$current_url\n$pageview,u1,2022-07-06T19:37:43.095295+00:00,/a\n$pageview,u1,2022-07-06T19:37:43.095295+00:00,/b\n$pageview,u1,2022-07-06T19:37:43.095295+00:00,/a\n", importers.Options{})
	b := runString(t, "properties.$current_url,timestamp,event,distinct_id\n/a,2022-07-06T21:37:43.095295+02:00,$pageview,u1\n", importers.Options{})
	if len(a.events) != 3 || len(b.events) != 1 {
		t.Fatalf("events %d %d, rejects %v %v", len(a.events), len(b.events), a.rejects, b.rejects)
	}
	id := a.events[0].ID
	if !strings.HasPrefix(id, "row-") || len(id) != len("row-")+32 {
		t.Errorf("hash id %q", id)
	}
	if a.events[1].ID == id {
		t.Error("events with different properties share an id")
	}
	if a.events[2].ID != id {
		t.Error("identical rows got different ids")
	}
	if b.events[0].ID != id {
		t.Errorf("same event with other column order and offset: %q != %q", b.events[0].ID, id)
	}
	if a.events[0].Key() != "posthog:"+id {
		t.Errorf("Key = %q", a.events[0].Key())
	}
}

func TestEmail(t *testing.T) {
	tests := []struct {
		name, csv, want string
	}{
		{"person properties", "event,timestamp,distinct_id,person.properties.email\nx,2022-01-01T00:00:00Z,u1,P@Q.io\n", "p@q.io"},
		{"$email property", "event,timestamp,distinct_id,properties.$email\nx,2022-01-01T00:00:00Z,u1,a@b.co\n", "a@b.co"},
		{"property beats distinct id", "event,timestamp,distinct_id,properties.email\nx,2022-01-01T00:00:00Z,d@e.io,p@q.io\n", "p@q.io"},
		{"distinct id", "event,timestamp,distinct_id\nx,2022-01-01T00:00:00Z,d@e.io\n", "d@e.io"},
		{"not an email", "event,timestamp,distinct_id\nx,2022-01-01T00:00:00Z,@handle\n", ""},
		{"json properties", "event,timestamp,distinct_id,properties\nx,2022-01-01T00:00:00Z,u1,\"{\"\"email\"\":\"\"j@s.on\"\",\"\"n\"\":3,\"\"o\"\":{\"\"a\"\":true},\"\"z\"\":null}\"\n", "j@s.on"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runString(t, tt.csv, importers.Options{})
			if len(res.events) != 1 {
				t.Fatalf("rejects %v", res.rejects)
			}
			if got := res.events[0].Email; got != tt.want {
				t.Errorf("Email = %q, want %q", got, tt.want)
			}
		})
	}
	res := runString(t, tests[len(tests)-1].csv, importers.Options{})
	want := backend.Attrs{"email": "j@s.on", "n": "3", "o": `{"a":true}`}
	if got := res.events[0].Attrs; !reflect.DeepEqual(got, want) {
		t.Errorf("JSON properties: Attrs = %v, want %v", got, want)
	}
}

func TestNaiveTimestampInLocation(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skipf("no tz database: %v", err)
	}
	res := runString(t, "event,timestamp,distinct_id\nx,2022-07-06 10:00:00,u\ny,2022-07-06T10:00:00+00:00,u\n", importers.Options{Location: ny})
	if len(res.events) != 2 {
		t.Fatalf("rejects %v", res.rejects)
	}
	if got := res.events[0].Time; !got.Equal(utc("2022-07-06T14:00:00Z")) {
		t.Errorf("naive time %v, want 14:00 UTC", got)
	}
	if got := res.events[1].Time; !got.Equal(utc("2022-07-06T10:00:00Z")) {
		t.Errorf("zoned time %v, want 10:00 UTC", got)
	}
}

func TestRejectedRows(t *testing.T) {
	const hdr = "*.uuid,*.event,*.distinct_id,*.timestamp\n"
	tests := []struct {
		name, row, reason string
	}{
		{"no event name", "u1,,d1,2022-07-06T19:37:43.095295+00:00", "*.event is empty"},
		{"no timestamp", "u1,$pageview,d1,", "*.timestamp is empty"},
		{"bad timestamp", "u1,$pageview,d1,2022-13-06T19:37:43Z", `*.timestamp "2022-13-06T19:37:43Z" is not a date`},
		{"text timestamp", "u1,$pageview,d1,last tuesday", `*.timestamp "last tuesday" is not a date`},
		{"ragged", "u1,$pageview", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runString(t, hdr+tt.row+"\n", importers.Options{})
			if len(res.events) != 0 || len(res.rejects) != 1 {
				t.Fatalf("events %d rejects %v; want one rejection", len(res.events), res.rejects)
			}
			if r := res.rejects[0]; r.line != 2 || !strings.Contains(r.reason, tt.reason) {
				t.Errorf("line %d reason %q; want line 2 and %q", r.line, r.reason, tt.reason)
			}
		})
	}
}
