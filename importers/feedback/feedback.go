// Package feedback reads feedback-board and feedback-spreadsheet exports
// (one post or request per row) into canonical backend.Feedback records,
// detected as the kind "feedback":
//
//   - Fider's "Export posts to CSV" (site settings): number, title,
//     description, created_at, created_by, votes_count, comments_count,
//     status, responded_by, responded_at, response, original_number,
//     original_title, tags — the layout of Fider's own writer;
//   - Canny's post export (FORMATS.md: GUESS — Canny documents no CSV
//     layout): a board column with details, author e-mail, votes;
//   - Featurebase's post export (GUESS likewise): content, upvotes;
//   - any CSV with an id, a date, an e-mail, a title and a text, such as
//     `id, created_at, email, subject, text` (source "csv").
//
// Columns are read by name, first alias present wins (case-insensitive);
// every other column is kept in the record's Attrs. Anything else goes
// through the generic column mapper's "feedback" target.
package feedback

import (
	"strconv"
	"strings"
	"time"

	"keel/backend"
	"keel/importers"
	"keel/importers/csvfile"
	"keel/importers/internal/columns"
	"keel/importers/internal/helpdesk"
)

func init() {
	for _, im := range []Importer{fider, canny, featurebase, sheet} {
		importers.Register(im)
	}
}

// The columns of each field, first alias present wins.
var (
	colID      = []string{"id", "Post ID", "Post Id", "post_id", "number", "Post Number", "Idea ID", "Feedback ID", "Submission ID", "Request ID"}
	colCreated = []string{"created_at", "Created At", "Created", "Created Date", "Date Created", "createdAt", "Date", "Submitted At", "Submitted", "Posted At", "Timestamp"}
	colEmail   = []string{"email", "Author Email", "author_email", "User Email", "Created By Email", "Submitter Email", "Customer Email", "E-mail", "Contact Email", "Requester Email"}
	colName    = []string{"Author Name", "author_name", "Author", "created_by", "Created By", "User Name", "User", "Submitter", "Customer Name", "Customer"}
	colTitle   = []string{"subject", "Title", "Post Title", "Summary", "Headline", "Idea"}
	colText    = []string{"text", "Details", "Description", "Content", "Body", "Message", "Feedback", "Comment", "Request"}
	colBoard   = []string{"Board", "Board Name", "Category", "Forum", "Group"}
	colStatus  = []string{"Status", "State"}
	colVotes   = []string{"Votes", "Vote Count", "vote_count", "votes_count", "total_votes", "Upvotes", "Upvote Count"}
	colTags    = []string{"Tags", "Labels"}
	colURL     = []string{"URL", "Post URL", "Link", "Post Link"}
)

// Importer is one layout of feedback export; they differ by how they are
// recognised and the source they name.
type Importer struct {
	source, label string
	detect        func(h *csvfile.Header) float64
}

func (im Importer) Source() string                   { return im.source }
func (Importer) Kind() string                        { return "feedback" }
func (im Importer) Label() string                    { return im.label }
func (im Importer) Detect(h *csvfile.Header) float64 { return im.detect(h) }

var (
	// Fider writes exactly these names (app/pkg/csv in Fider's source);
	// older versions say total_votes.
	fider = Importer{"fider", "Fider posts", func(h *csvfile.Header) float64 {
		if h.Has("number", "title", "description", "created_at") && h.Index("votes_count", "total_votes", "responded_by", "original_number") >= 0 {
			return 0.9
		}
		return 0
	}}
	canny = Importer{"canny", "Canny posts", func(h *csvfile.Header) float64 {
		if !basic(h) {
			return 0
		}
		if h.Index("Board", "Board Name") >= 0 && h.Index("Details", "Author Email", "ETA", "Owner") >= 0 {
			return 0.85
		}
		return 0
	}}
	featurebase = Importer{"featurebase", "Featurebase posts", func(h *csvfile.Header) float64 {
		if basic(h) && h.Index("Upvotes", "Upvote Count") >= 0 && h.Index("Content") >= 0 {
			return 0.85
		}
		return 0
	}}
	// sheet is any other CSV of requests. A helpdesk-looking file (an
	// assignee, a priority, a solved date) is left to the helpdesk
	// importers or the column mapper.
	sheet = Importer{"csv", "Feedback (CSV)", func(h *csvfile.Header) float64 {
		if !basic(h) || fider.detect(h) > 0 || canny.detect(h) > 0 || featurebase.detect(h) > 0 {
			return 0 // a known tool's layout is that tool's
		}
		if h.Index("Assignee", "Priority", "Solved at", "Resolved at", "Closed at", "First reply time in minutes", "Amount", "Currency") >= 0 {
			return 0.3
		}
		if h.Index(colTitle...) >= 0 && h.Index(colText...) >= 0 && h.Index(colEmail...) >= 0 {
			return 0.8
		}
		return 0.6
	}}
)

// basic reports whether h has the columns every feedback row needs: an id,
// a date and a title or a text.
func basic(h *csvfile.Header) bool {
	return h != nil && h.Index(colID...) >= 0 && h.Index(colCreated...) >= 0 &&
		(h.Index(colTitle...) >= 0 || h.Index(colText...) >= 0)
}

type cols struct {
	source                                string
	names                                 []string
	id, created, email, name, title, text int
	board, status, votes, tags, url       int
	attrs                                 []int
}

// Bind resolves the columns; the id, the date and a title or text column
// are required.
func (im Importer) Bind(h *csvfile.Header, opt importers.Options) (importers.RowFunc, error) {
	if h == nil {
		return nil, backend.Errorf(backend.Invalid, "The file has no header row.")
	}
	c := &cols{source: im.source, names: h.Names}
	used := map[int]bool{}
	idx := func(aliases []string) int {
		i := h.Index(aliases...)
		if i >= 0 {
			used[i] = true
		}
		return i
	}
	c.id, c.created, c.email, c.name = idx(colID), idx(colCreated), idx(colEmail), idx(colName)
	c.title, c.text, c.board, c.status = idx(colTitle), idx(colText), idx(colBoard), idx(colStatus)
	c.votes, c.tags, c.url = idx(colVotes), idx(colTags), idx(colURL)
	switch {
	case c.id < 0:
		return nil, backend.Errorf(backend.Invalid, "The file has no id column (%s); each %s row needs its id so that importing it again changes nothing.", strings.Join(colID[:3], ", "), im.label)
	case c.created < 0:
		return nil, backend.Errorf(backend.Invalid, "The file has no date column (%s).", strings.Join(colCreated[:3], ", "))
	case c.title < 0 && c.text < 0:
		return nil, backend.Errorf(backend.Invalid, "The file has neither a title column (%s) nor a text column (%s).", strings.Join(colTitle[:2], ", "), strings.Join(colText[:3], ", "))
	}
	for i, n := range h.Names {
		if !used[i] && strings.TrimSpace(n) != "" {
			c.attrs = append(c.attrs, i)
		}
	}
	loc := opt.Location
	if loc == nil {
		loc = time.UTC
	}
	return func(row csvfile.Row) (backend.Record, error) { return c.parse(row, loc) }, nil
}

func (c *cols) header(i int) string {
	if i >= 0 && i < len(c.names) {
		return strings.TrimSpace(c.names[i])
	}
	return ""
}

func (c *cols) parse(row csvfile.Row, loc *time.Location) (backend.Record, error) {
	f := &backend.Feedback{
		Source: c.source, ID: row.Get(c.id), Name: row.Get(c.name), Title: row.Get(c.title), Text: row.Get(c.text),
		Board: row.Get(c.board), Status: row.Get(c.status), Tags: helpdesk.Tags(row.Get(c.tags)), URL: row.Get(c.url),
	}
	if f.ID == "" {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a feedback row needs its id", c.header(c.id))
	}
	created, ok, err := helpdesk.Time(row, c.created, c.header(c.created), loc)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, backend.Errorf(backend.Invalid, "%s is empty: a feedback row needs its date", c.header(c.created))
	}
	f.Created = created
	if f.Title == "" && f.Text == "" {
		return nil, backend.Errorf(backend.Invalid, "the row has neither a title nor a text")
	}
	attrs := backend.Attrs{}
	if e := row.Get(c.email); columns.IsEmail(e) {
		f.Email = strings.ToLower(e)
	} else if e != "" {
		attrs[c.header(c.email)] = e // not an address: kept as it is
	}
	if v := row.Get(c.votes); v != "" {
		if n, err := strconv.ParseInt(strings.ReplaceAll(v, ",", ""), 10, 64); err == nil {
			f.Votes = &n
		} else {
			attrs[c.header(c.votes)] = v
		}
	}
	for _, i := range c.attrs {
		if v := row.Get(i); v != "" {
			attrs[c.header(i)] = v
		}
	}
	if len(attrs) > 0 {
		f.Attrs = attrs
	}
	return f, nil
}
