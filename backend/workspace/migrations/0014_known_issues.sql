-- A release's known issues: what users may meet since it went out, the
-- workaround support gives and whether it is safe (backend.KnownIssue),
-- as a JSON list like the release's other lists.
ALTER TABLE releases ADD COLUMN known_issues TEXT NOT NULL DEFAULT '[]';
