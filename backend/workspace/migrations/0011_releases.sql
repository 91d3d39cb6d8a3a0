-- Releases (backend.Release): the founder's record of each meaningful
-- change. Words are stored as typed; lists and maps as JSON text. Times
-- are unix seconds UTC, NULL when not reached. A deleted release keeps its
-- row with deleted_at set, so that the delete can be undone.
CREATE TABLE IF NOT EXISTS releases (
    id              TEXT PRIMARY KEY,
    title           TEXT    NOT NULL,
    decision        TEXT    NOT NULL,
    behaviour       TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    affected        TEXT    NOT NULL,
    segment         TEXT    NOT NULL,   -- JSON {"plans":[…],"accounts":[…]}
    could_break     TEXT    NOT NULL,
    reverse         TEXT    NOT NULL,
    rollout         TEXT    NOT NULL,   -- internal | beta | percentage | plan | everyone | ''
    rollout_detail  TEXT    NOT NULL,
    flags           TEXT    NOT NULL,   -- JSON list of flag keys
    areas           TEXT    NOT NULL,   -- JSON list
    kinds           TEXT    NOT NULL,   -- JSON list: feature, fix, hotfix, migration
    clusters        TEXT    NOT NULL,   -- JSON list of feedback cluster ids
    watch           TEXT    NOT NULL,   -- JSON list
    migration_plan  TEXT    NOT NULL,
    checks          TEXT    NOT NULL,   -- JSON {"check": unix seconds}
    rollback        TEXT    NOT NULL,   -- JSON backend.RollbackPlan
    status          TEXT    NOT NULL,   -- planned | rolling_out | watching | decided | reviewed
    planned_at      INTEGER,
    rolling_out_at  INTEGER,
    watching_at     INTEGER,
    decided_at      INTEGER,
    reviewed_at     INTEGER,
    shipped_at      INTEGER,            -- start of the watch window
    watch_window    TEXT    NOT NULL,   -- 24h | 72h | 7d | 14d
    review          TEXT    NOT NULL,   -- JSON backend.ReleaseReview
    sentence        TEXT    NOT NULL,   -- the changelog's user-facing line
    origin          TEXT    NOT NULL,   -- '' | changelog | tags
    created         INTEGER NOT NULL,
    updated         INTEGER NOT NULL,
    deleted_at      INTEGER
);
CREATE INDEX IF NOT EXISTS releases_shipped ON releases(shipped_at) WHERE deleted_at IS NULL;

-- The go / hold / rollback calls, each with the watch window as shown when
-- it was made (evidence, JSON), never recomputed.
CREATE TABLE IF NOT EXISTS release_calls (
    id         INTEGER PRIMARY KEY,
    release_id TEXT    NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    call       TEXT    NOT NULL,   -- go | hold | rollback
    at         INTEGER NOT NULL,
    made_by    TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    watch_window TEXT  NOT NULL,
    evidence   TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS release_calls_release ON release_calls(release_id, at);

-- Feature flags as the flag tools list them (backend.Flag), imported like
-- any export: one row per flag and source, undone with its import.
CREATE TABLE IF NOT EXISTS flags (
    key          TEXT PRIMARY KEY,
    import_id    INTEGER NOT NULL REFERENCES imports(id),
    hash         INTEGER NOT NULL,
    source       TEXT    NOT NULL,   -- launchdarkly, unleash, growthbook, posthog, a mapping's source
    flag_key     TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    type         TEXT    NOT NULL,   -- release | experiment | operational | permission | kill_switch | ''
    temporary    INTEGER,            -- 1 temporary, 0 permanent, NULL unknown
    owner        TEXT    NOT NULL,
    tags         TEXT    NOT NULL,   -- space separated
    environment  TEXT    NOT NULL,
    state        TEXT    NOT NULL,   -- on | off | percentage
    percentage   INTEGER,            -- hundredths of a percent
    created      INTEGER,
    updated      INTEGER,
    cleanup_due  INTEGER,
    release_name TEXT    NOT NULL,
    archived     INTEGER NOT NULL,
    attrs        TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS flags_import ON flags(import_id);
CREATE TABLE IF NOT EXISTS flags_versions AS SELECT 0 AS by_import, * FROM flags WHERE 0;
CREATE INDEX IF NOT EXISTS flags_versions_by ON flags_versions(by_import);

-- The founder's words about a flag, keyed like flags.key; a flag made in
-- Keel has only this row (key 'keel:<flag key>'). NULL = not said, the
-- imported value stands.
CREATE TABLE IF NOT EXISTS flag_notes (
    key         TEXT PRIMARY KEY,
    flag_key    TEXT    NOT NULL,
    name        TEXT,
    owner       TEXT,
    purpose     TEXT,
    type        TEXT,
    lifetime    TEXT,                -- temporary | permanent
    release_id  TEXT,
    created     INTEGER,
    cleanup_due INTEGER,
    state       TEXT,
    percentage  INTEGER,
    state_since INTEGER,             -- when the founder last set the state
    updated     INTEGER NOT NULL,
    deleted_at  INTEGER
);

-- The watch window reads a few days of refunds, failed payments and
-- disputes out of millions of payments.
CREATE INDEX IF NOT EXISTS payments_refunded_at ON payments(refunded_at) WHERE refunded_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS payments_refunded_undated ON payments(created) WHERE refunded > 0 AND refunded_at IS NULL;
CREATE INDEX IF NOT EXISTS payments_disputed_at ON payments(disputed_at) WHERE disputed_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS payments_failed ON payments(created) WHERE status = 'failed';
