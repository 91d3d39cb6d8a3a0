-- Web analytics aggregates: Plausible dashboard CSVs and GA4 report
-- downloads (backend.Traffic). One row per number: one metric of one row of
-- one report table. Days are the report's calendar dates stored as unix
-- seconds of UTC midnight; period_start/period_end are NULL when the file
-- does not state them. value is the number as exported, a decimal string
-- (never a float), e.g. '40242' or '1.4174757281553398'.
CREATE TABLE traffic (
    key          TEXT PRIMARY KEY,
    import_id    INTEGER NOT NULL REFERENCES imports(id),
    hash         INTEGER NOT NULL,
    source       TEXT NOT NULL,      -- plausible, ga4
    site         TEXT NOT NULL,      -- GA4 property, '' when the file does not say
    report       TEXT NOT NULL,      -- 'visitors', 'pages', 'Events: Event name', 'Reports snapshot'
    segment      TEXT NOT NULL,      -- GA4 'All Users', '' for none
    period_start INTEGER,            -- first day covered
    period_end   INTEGER,            -- last day covered, inclusive
    dimension    TEXT NOT NULL,      -- 'date', 'name', 'Event name', 'Nth week'
    item         TEXT NOT NULL,      -- the row's value of the dimension
    metric       TEXT NOT NULL,      -- 'visitors', 'Event count'
    value        TEXT NOT NULL,
    attrs        TEXT NOT NULL
);
CREATE INDEX traffic_import ON traffic(import_id);
CREATE INDEX traffic_report ON traffic(source, report, metric, period_start);

-- Old versions of rows an import changed, for undo (as in 0001).
CREATE TABLE traffic_versions AS SELECT 0 AS by_import, * FROM traffic WHERE 0;
CREATE INDEX traffic_versions_by ON traffic_versions(by_import);
