-- What the linking that followed one import changed in the accounts it
-- brought in step from their members' sums (backend/accounts, delta.go)
-- and that sums before and after cannot take back: the earliest and
-- latest dates, the events by name with theirs, the tools. The undo of
-- that import, when nothing else changed since, puts them back and takes
-- the counts and days back from the sums, instead of summing each account
-- again from every member. Derived data, emptied by every other linking:
-- gen is the identities' generation that linking brought the accounts to,
-- import_id the import.
CREATE TABLE IF NOT EXISTS account_before (
    id            TEXT    PRIMARY KEY,
    gen           INTEGER NOT NULL,
    import_id     INTEGER NOT NULL,
    sources       TEXT    NOT NULL,
    first_seen    INTEGER,
    last_activity INTEGER,
    names         BLOB    NOT NULL
) WITHOUT ROWID;
