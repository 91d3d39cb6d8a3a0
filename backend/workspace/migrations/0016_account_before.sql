-- The accounts as they were before the linking that followed one import
-- brought them in step from their members' sums (backend/accounts,
-- delta.go): the undo of that import, when nothing else changed since,
-- puts them back instead of summing them again from every member (an
-- undo moves dates back, which sums before and after cannot). Derived
-- data, emptied by every other linking: gen is the identities' generation
-- that linking brought the accounts to, import_id the import.
CREATE TABLE IF NOT EXISTS account_before (
    id            TEXT    PRIMARY KEY,
    gen           INTEGER NOT NULL,
    import_id     INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    domain        TEXT    NOT NULL,
    email         TEXT    NOT NULL,
    customers     TEXT    NOT NULL,
    sources       TEXT    NOT NULL,
    emails        INTEGER NOT NULL,
    users         INTEGER NOT NULL,
    tickets       INTEGER NOT NULL,
    events        INTEGER NOT NULL,
    first_seen    INTEGER,
    last_activity INTEGER,
    activity      BLOB    NOT NULL,
    names         BLOB    NOT NULL,
    anchor        TEXT    NOT NULL
) WITHOUT ROWID;
