-- The change log that replicas replay to keep their in-memory galleries current. It holds
-- reference ids, never subject ids, and is pruned after a retention time; a replica whose
-- position lies before pruned_through reloads a snapshot instead.
ALTER TABLE gallery_model ADD COLUMN pruned_through INTEGER NOT NULL DEFAULT 0;

-- changes made before the log existed were never logged
UPDATE gallery_model SET pruned_through = head;

CREATE TABLE gallery_change (
    model         TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    -- E enrolled, D deleted
    kind          TEXT NOT NULL,
    reference_id  TEXT NOT NULL,
    model_version TEXT NOT NULL,
    -- epoch milliseconds, for pruning
    changed_at    INTEGER NOT NULL,
    PRIMARY KEY (model, seq)
);

CREATE INDEX gallery_change_age ON gallery_change (model, changed_at);
