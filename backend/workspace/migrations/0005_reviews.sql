-- The monthly reviews (backend/review). A review is saved as the founder
-- goes, step by step. Finishing it freezes it: its snapshot (every number,
-- the rules in force), its answers, decisions and notes, and the list of
-- source files with their SHA-256 never change again. The triggers at the
-- end refuse any change to a frozen review, whoever asks.
CREATE TABLE reviews (
    month      TEXT PRIMARY KEY,   -- YYYY-MM in the workspace time zone
    step       TEXT NOT NULL,      -- the step the founder is on
    notes      TEXT NOT NULL DEFAULT '',
    started_at INTEGER NOT NULL,   -- unix seconds
    updated_at INTEGER NOT NULL,
    frozen_at  INTEGER,            -- set once, when the review is finished
    snapshot   TEXT                -- JSON, set with frozen_at
);

-- The founder's note on each step, and when the step was marked done.
CREATE TABLE review_steps (
    month   TEXT NOT NULL REFERENCES reviews(month),
    step    TEXT NOT NULL,
    note    TEXT NOT NULL DEFAULT '',
    done_at INTEGER,
    PRIMARY KEY (month, step)
);

-- The failure-mode checklist: one answer per item.
CREATE TABLE review_answers (
    month  TEXT NOT NULL REFERENCES reviews(month),
    item   TEXT NOT NULL,
    answer TEXT NOT NULL CHECK (answer IN ('yes', 'no', 'unsure')),
    note   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (month, item)
);

-- Decisions: keep, change, fix or stop, each with an owner and a date.
CREATE TABLE review_decisions (
    id         INTEGER PRIMARY KEY,
    month      TEXT NOT NULL REFERENCES reviews(month),
    kind       TEXT NOT NULL CHECK (kind IN ('keep', 'change', 'fix', 'stop')),
    what       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    due        TEXT NOT NULL,      -- YYYY-MM-DD
    created_at INTEGER NOT NULL
);
CREATE INDEX review_decisions_month ON review_decisions(month);

-- The source files behind a frozen review: every import not undone at the
-- time of the freeze, with the digest of the file as it was imported.
CREATE TABLE review_sources (
    month       TEXT    NOT NULL REFERENCES reviews(month),
    import_id   INTEGER NOT NULL,
    file        TEXT    NOT NULL,
    sha256      TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    imported_at INTEGER NOT NULL,
    read        INTEGER NOT NULL,
    imported    INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    rows        INTEGER NOT NULL,  -- rows of the workspace that came from it at the freeze
    first       INTEGER,           -- date range of those rows (unix seconds)
    last        INTEGER,
    PRIMARY KEY (month, import_id)
);

CREATE TRIGGER reviews_frozen_update BEFORE UPDATE ON reviews
WHEN OLD.frozen_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;

CREATE TRIGGER reviews_frozen_delete BEFORE DELETE ON reviews
WHEN OLD.frozen_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;

CREATE TRIGGER review_steps_frozen_insert BEFORE INSERT ON review_steps
WHEN (SELECT frozen_at FROM reviews WHERE month = NEW.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
CREATE TRIGGER review_steps_frozen_update BEFORE UPDATE ON review_steps
WHEN (SELECT frozen_at FROM reviews WHERE month = OLD.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
CREATE TRIGGER review_steps_frozen_delete BEFORE DELETE ON review_steps
WHEN (SELECT frozen_at FROM reviews WHERE month = OLD.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;

CREATE TRIGGER review_answers_frozen_insert BEFORE INSERT ON review_answers
WHEN (SELECT frozen_at FROM reviews WHERE month = NEW.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
CREATE TRIGGER review_answers_frozen_update BEFORE UPDATE ON review_answers
WHEN (SELECT frozen_at FROM reviews WHERE month = OLD.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
CREATE TRIGGER review_answers_frozen_delete BEFORE DELETE ON review_answers
WHEN (SELECT frozen_at FROM reviews WHERE month = OLD.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;

CREATE TRIGGER review_decisions_frozen_insert BEFORE INSERT ON review_decisions
WHEN (SELECT frozen_at FROM reviews WHERE month = NEW.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
CREATE TRIGGER review_decisions_frozen_update BEFORE UPDATE ON review_decisions
WHEN (SELECT frozen_at FROM reviews WHERE month = OLD.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
CREATE TRIGGER review_decisions_frozen_delete BEFORE DELETE ON review_decisions
WHEN (SELECT frozen_at FROM reviews WHERE month = OLD.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;

CREATE TRIGGER review_sources_frozen_insert BEFORE INSERT ON review_sources
WHEN (SELECT frozen_at FROM reviews WHERE month = NEW.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
CREATE TRIGGER review_sources_frozen_update BEFORE UPDATE ON review_sources
WHEN (SELECT frozen_at FROM reviews WHERE month = OLD.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
CREATE TRIGGER review_sources_frozen_delete BEFORE DELETE ON review_sources
WHEN (SELECT frozen_at FROM reviews WHERE month = OLD.month) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'this review is frozen'); END;
