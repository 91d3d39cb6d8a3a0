-- Product notes written on feedback clusters before the decision log
-- took them become its decisions, as backend.NoteDecision makes them: a
-- change, made on the note's date, reviewed 30 days later (in the month
-- after at the earliest). Written to run again harmlessly.
INSERT INTO decisions(kind, what, why, owner, made_on, review_on, status, origin, origin_ref, created_at, updated_at)
SELECT 'change', n.decision, n.why, n.owner, n.date,
    CASE WHEN strftime('%Y-%m', n.date, '+30 days') = strftime('%Y-%m', n.date)
        THEN date(n.date, '+31 days') ELSE date(n.date, '+30 days') END,
    'made', 'feedback', n.cluster || '#' || n.id, n.created, n.created
FROM feedback_decisions n
WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.origin = 'feedback' AND d.origin_ref = n.cluster || '#' || n.id);
