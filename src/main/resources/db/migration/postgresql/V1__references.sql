-- The store of record of enrolled references: embeddings, never images.
CREATE TABLE gallery_model (
    model TEXT PRIMARY KEY,
    -- the last change sequence number given out for the model
    head  BIGINT NOT NULL
);

CREATE TABLE gallery_reference (
    reference_id  TEXT PRIMARY KEY,
    model         TEXT NOT NULL,
    -- the change that enrolled it: enrolment order
    seq           BIGINT NOT NULL,
    subject_id    TEXT NOT NULL,
    model_version TEXT NOT NULL,
    -- epoch milliseconds
    created_at    BIGINT NOT NULL,
    dimension     INTEGER NOT NULL,
    -- float32 little-endian, dimension values
    embedding     BYTEA NOT NULL
);

CREATE INDEX gallery_reference_order ON gallery_reference (model, seq);
CREATE INDEX gallery_reference_subject ON gallery_reference (model, subject_id);
