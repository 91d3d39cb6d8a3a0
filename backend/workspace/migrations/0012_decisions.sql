-- Decisions, manual work, plans and costs (backend/decisions, manual,
-- costs). Written to run again harmlessly (a test rewinds user_version).
-- Everything here is the founder's words except manual_work and
-- cost_lines rows that came from an import (import_id set), which an undo
-- removes like any imported record.

-- The decision log: every decision wherever it was made (the review, a
-- feedback product note, a release call, typed directly). Dates are
-- YYYY-MM-DD in the workspace time zone.
CREATE TABLE IF NOT EXISTS decisions (
    id         INTEGER PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('keep', 'change', 'fix', 'stop')),
    what       TEXT    NOT NULL,
    why        TEXT    NOT NULL DEFAULT '',
    owner      TEXT    NOT NULL,
    made_on    TEXT    NOT NULL,
    figure     TEXT    NOT NULL DEFAULT '',   -- field catalogue key; '' = none chosen
    expect     TEXT    NOT NULL DEFAULT '',   -- up | down | at_least | at_most | ''
    threshold  REAL,                          -- at_least / at_most, in the figure's unit
    review_on  TEXT    NOT NULL,
    status     TEXT    NOT NULL CHECK (status IN ('made', 'shipped', 'validated', 'invalidated', 'abandoned')),
    shipped_on TEXT    NOT NULL DEFAULT '',
    shipped_by TEXT    NOT NULL DEFAULT '',   -- release | done | ''
    closed_on  TEXT    NOT NULL DEFAULT '',
    release_id TEXT    NOT NULL DEFAULT '',
    origin     TEXT    NOT NULL DEFAULT 'direct' CHECK (origin IN ('direct', 'review', 'feedback', 'release')),
    origin_ref TEXT    NOT NULL DEFAULT '',
    evidence   TEXT    NOT NULL DEFAULT '',   -- JSON backend.DecisionEvidence, kept as confirmed
    note       TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS decisions_origin ON decisions(origin, origin_ref);
CREATE INDEX IF NOT EXISTS decisions_release ON decisions(release_id) WHERE release_id <> '';

-- The review's decisions (step 8) move into the log, keeping their ids:
-- the review's due date becomes the review date. A frozen review keeps
-- its own rows in review_decisions (its triggers refuse any change), so
-- it shows what was decided at the freeze; the others are the log's now.
INSERT OR IGNORE INTO decisions(id, kind, what, owner, made_on, review_on, status, origin, origin_ref, created_at, updated_at)
SELECT id, kind, what, owner, date(created_at, 'unixepoch'), due, 'made', 'review', month, created_at, created_at
FROM review_decisions;
DELETE FROM review_decisions WHERE month NOT IN (SELECT month FROM reviews WHERE frozen_at IS NOT NULL);

-- Manual interventions: logged in Keel (import_id NULL, source 'keel')
-- or imported. account is what was named (an account id, an address, a
-- domain or a name); the manual package resolves it when it reads.
CREATE TABLE IF NOT EXISTS manual_work (
    key       TEXT PRIMARY KEY,
    import_id INTEGER REFERENCES imports(id),
    hash      INTEGER NOT NULL,
    source    TEXT    NOT NULL,
    id        TEXT    NOT NULL,
    at        INTEGER NOT NULL,   -- unix seconds
    account   TEXT    NOT NULL,
    type      TEXT    NOT NULL,   -- refund | data_fix | onboarding_call | billing_change | account_review | other
    minutes   INTEGER NOT NULL,
    note      TEXT    NOT NULL,
    attrs     TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS manual_work_import ON manual_work(import_id);
CREATE INDEX IF NOT EXISTS manual_work_at ON manual_work(at);
CREATE TABLE IF NOT EXISTS manual_work_versions AS SELECT 0 AS by_import, * FROM manual_work WHERE 0;
CREATE INDEX IF NOT EXISTS manual_work_versions_by ON manual_work_versions(by_import);

-- Monthly cost exports (date, driver, amount), to calibrate unit costs.
CREATE TABLE IF NOT EXISTS cost_lines (
    key       TEXT PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES imports(id),
    hash      INTEGER NOT NULL,
    source    TEXT    NOT NULL,
    id        TEXT    NOT NULL,
    date      INTEGER NOT NULL,
    driver    TEXT    NOT NULL,
    amount    INTEGER NOT NULL,   -- minor units of currency
    currency  TEXT    NOT NULL,   -- '' = the base currency
    attrs     TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS cost_lines_import ON cost_lines(import_id);
CREATE TABLE IF NOT EXISTS cost_lines_versions AS SELECT 0 AS by_import, * FROM cost_lines WHERE 0;
CREATE INDEX IF NOT EXISTS cost_lines_versions_by ON cost_lines_versions(by_import);

-- What plans grant. Plans are named as the billing imports name them
-- ("Growth · monthly"); a feature is a capability, a limit or a role.
CREATE TABLE IF NOT EXISTS features (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    note       TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entitlements (
    plan       TEXT    NOT NULL,
    feature    INTEGER NOT NULL REFERENCES features(id) ON DELETE CASCADE,
    access     TEXT    NOT NULL CHECK (access IN ('plan', 'role', 'beta', 'grandfathered', 'temporary', 'usage_limited')),
    limit_n    INTEGER,
    limit_unit TEXT    NOT NULL DEFAULT '',
    role       TEXT    NOT NULL DEFAULT '',
    until      TEXT    NOT NULL DEFAULT '',
    note       TEXT    NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (plan, feature)
);
-- Accounts on grandfathered or hand-negotiated terms.
CREATE TABLE IF NOT EXISTS account_terms (
    account    TEXT PRIMARY KEY,
    terms      TEXT    NOT NULL CHECK (terms IN ('grandfathered', 'negotiated')),
    plan       TEXT    NOT NULL DEFAULT '',
    note       TEXT    NOT NULL DEFAULT '',
    since      TEXT    NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL
);

-- Cost drivers: a usage unit with its unit cost (a decimal number of
-- minor units of the base currency per unit, kept as typed).
CREATE TABLE IF NOT EXISTS cost_drivers (
    id         INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL UNIQUE COLLATE NOCASE,
    unit       TEXT    NOT NULL,
    source     TEXT    NOT NULL CHECK (source IN ('events', 'support', 'manual')),
    events     TEXT    NOT NULL DEFAULT '',   -- source events: event names, one per line
    unit_cost  TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Each analytics user's events per month, derived from the events (the
-- cost model reads one month of it instead of the events): per month and
-- user the number of events and, packed as varints, (name id, count)
-- pairs. Rebuilt when the events or the time zone change
-- (derived_state stage 'usage').
CREATE TABLE IF NOT EXISTS usage_names (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS usage_months (
    month  INTEGER NOT NULL,   -- year × 12 + month − 1, workspace time zone
    user   TEXT    NOT NULL,   -- the distinct id, else the e-mail
    events INTEGER NOT NULL,
    names  BLOB    NOT NULL,
    PRIMARY KEY (month, user)
) WITHOUT ROWID;

-- Release calls made before the log existed become its decisions, as
-- backend.CallDecision makes them (here with days in UTC: SQL does not
-- know the workspace's zone).
INSERT INTO decisions(kind, what, why, owner, made_on, review_on, status, shipped_on, shipped_by, release_id, origin,
    origin_ref, created_at, updated_at)
SELECT CASE c.call WHEN 'hold' THEN 'change' WHEN 'rollback' THEN 'stop' ELSE 'keep' END,
    CASE c.call WHEN 'hold' THEN 'Hold: ' WHEN 'rollback' THEN 'Roll back: ' ELSE 'Go: ' END || r.title,
    c.note, CASE WHEN c.made_by <> '' THEN c.made_by ELSE r.owner END, date(c.at, 'unixepoch'),
    date(c.at, 'unixepoch', '+30 days'), 'shipped', date(c.at, 'unixepoch'), 'release', r.id, 'release', CAST(c.id AS TEXT),
    c.at, c.at
FROM release_calls c JOIN releases r ON r.id = c.release_id
WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.origin = 'release' AND d.origin_ref = CAST(c.id AS TEXT));
