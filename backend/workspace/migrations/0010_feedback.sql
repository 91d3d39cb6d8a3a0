-- Feedback (backend/feedback). Written to be applied again safely (IF NOT EXISTS). Items are imported tickets, imported
-- feedback-board rows (the feedback table below) and the founder's notes.
-- Everything the founder decides is kept under the item's stable key
-- (ticket:<ticket key>, feedback:<feedback key>, note:<id>), never in the
-- imported rows, so that re-imports and import undo/redo leave it alone.

-- Feedback-board and feedback-spreadsheet rows (Canny, Featurebase, Fider,
-- any CSV with an id, a date, an e-mail, a title and a text). Bookkeeping
-- columns as in 0001; tags are newline separated.
CREATE TABLE IF NOT EXISTS feedback (
    key       TEXT PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    hash      INTEGER NOT NULL,
    source    TEXT NOT NULL,
    id        TEXT NOT NULL,
    created   INTEGER NOT NULL,
    email     TEXT NOT NULL,
    name      TEXT NOT NULL,
    title     TEXT NOT NULL,
    text      TEXT NOT NULL,
    board     TEXT NOT NULL,
    status    TEXT NOT NULL,
    votes     INTEGER,
    tags      TEXT NOT NULL,
    url       TEXT NOT NULL,
    attrs     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_import ON feedback(import_id);
CREATE TABLE IF NOT EXISTS feedback_versions AS SELECT 0 AS by_import, * FROM feedback WHERE 0;
CREATE INDEX IF NOT EXISTS feedback_versions_by ON feedback_versions(by_import);

-- Notes the founder typed or pasted: a call, an e-mail, a tweet.
CREATE TABLE IF NOT EXISTS feedback_notes (
    id      INTEGER PRIMARY KEY,
    created INTEGER NOT NULL,   -- when it was said (unix seconds)
    source  TEXT    NOT NULL,   -- call, email, chat, meeting, social, other
    email   TEXT    NOT NULL,   -- the person's address, '' when unknown
    name    TEXT    NOT NULL,
    account TEXT    NOT NULL,   -- the account picked when there is no address
    title   TEXT    NOT NULL,
    text    TEXT    NOT NULL,
    added   INTEGER NOT NULL
);

-- The founder's triage of each item: type, product area, cluster.
CREATE TABLE IF NOT EXISTS feedback_triage (
    item     TEXT PRIMARY KEY,
    type     TEXT    NOT NULL DEFAULT '',  -- '' = untriaged
    area     TEXT    NOT NULL DEFAULT '',
    cluster  TEXT    NOT NULL DEFAULT '',  -- a confirmed cluster, '' = none
    typed_at INTEGER,                      -- when the item first got a type
    at       INTEGER NOT NULL              -- last change
);
CREATE INDEX IF NOT EXISTS feedback_triage_cluster ON feedback_triage(cluster);

-- Confirmed clusters (a suggestion the founder accepted, or one they made).
CREATE TABLE IF NOT EXISTS feedback_clusters (
    id        TEXT PRIMARY KEY,
    title     TEXT    NOT NULL,
    status    TEXT    NOT NULL CHECK (status IN ('open', 'planned', 'shipped', 'wont_do')),
    release   TEXT    NOT NULL DEFAULT '',  -- free text until release records exist
    reason    TEXT    NOT NULL DEFAULT '',  -- why not (won't do)
    changelog TEXT    NOT NULL DEFAULT '',  -- the user-facing sentence, once drafted
    created   INTEGER NOT NULL,
    status_at INTEGER NOT NULL
);

-- Product notes: a cluster changed a decision.
CREATE TABLE IF NOT EXISTS feedback_decisions (
    id       INTEGER PRIMARY KEY,
    cluster  TEXT    NOT NULL,
    decision TEXT    NOT NULL,
    why      TEXT    NOT NULL,
    owner    TEXT    NOT NULL,
    date     TEXT    NOT NULL,   -- YYYY-MM-DD
    created  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_decisions_cluster ON feedback_decisions(cluster);

-- People told that their request was shipped or declined.
CREATE TABLE IF NOT EXISTS feedback_told (
    cluster TEXT    NOT NULL,
    person  TEXT    NOT NULL,   -- an address, or account:<id> for an account without one
    at      INTEGER NOT NULL,   -- when they were told (unix seconds)
    PRIMARY KEY (cluster, person)
);

-- Suggestions the founder turned down: the item is never suggested again
-- for that group (a suggested cluster's id, or cluster:<confirmed id>).
CREATE TABLE IF NOT EXISTS feedback_rejects (
    item TEXT NOT NULL,
    grp  TEXT NOT NULL,
    PRIMARY KEY (item, grp)
);

-- Suggested clusters, kept so that their ids stay stable as items arrive:
-- each item is placed once (join the nearest cluster above the threshold,
-- else start one) and keeps its place. Derived data: deleting a row only
-- makes the item placed again.
CREATE TABLE IF NOT EXISTS feedback_suggested (
    item    TEXT PRIMARY KEY,
    cluster TEXT NOT NULL,   -- s-… (a suggestion) or a confirmed cluster's id
    score   REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_suggested_cluster ON feedback_suggested(cluster);

-- The founder's product areas, in order; the letter is the triage key.
CREATE TABLE IF NOT EXISTS feedback_areas (
    id       TEXT PRIMARY KEY,
    name     TEXT    NOT NULL,
    letter   TEXT    NOT NULL,
    position INTEGER NOT NULL
);

-- The undo stack: each founder edit stores the rows it changed as they
-- were before (JSON), so that `u` puts them back in one transaction.
CREATE TABLE IF NOT EXISTS feedback_undo (
    seq   INTEGER PRIMARY KEY,
    label TEXT    NOT NULL,
    at    INTEGER NOT NULL,
    rows  TEXT    NOT NULL
);

-- When the founder last changed the triage (an edit or an undo): a frozen
-- review whose feedback figures moved since says so.
CREATE TABLE IF NOT EXISTS feedback_edited (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at INTEGER NOT NULL
);
