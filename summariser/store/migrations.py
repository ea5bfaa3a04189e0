"""Schema migrations, applied in order and recorded in `schema_migrations`.

Never edit a migration that has shipped: append a new one. An older store opens in a newer version
because `apply_migrations` runs only the ones it has not recorded yet.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial",
        """
        CREATE TABLE documents (
            id          TEXT PRIMARY KEY,          -- sha256 of text
            path        TEXT NOT NULL,             -- path as first given
            reported    TEXT,                      -- ISO date or NULL
            text        TEXT NOT NULL,
            added_at    TEXT NOT NULL
        );

        -- One batch invocation.
        CREATE TABLE runs (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            started_at      TEXT NOT NULL,
            finished_at     TEXT,
            model           TEXT NOT NULL,
            prompt_version  TEXT NOT NULL,
            schema_version  TEXT NOT NULL,
            settings_json   TEXT NOT NULL DEFAULT '{}',   -- never holds secrets
            state           TEXT NOT NULL DEFAULT 'running'  -- running | finished | interrupted
        );

        -- One attempt at one document. The cache key is (document, model, prompt_version, schema_version).
        CREATE TABLE extractions (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id       TEXT NOT NULL REFERENCES documents(id),
            run_id            INTEGER REFERENCES runs(id),
            state             TEXT NOT NULL,          -- done | failed
            error             TEXT,                   -- reason when failed
            model             TEXT NOT NULL,
            prompt_version    TEXT NOT NULL,
            schema_version    TEXT NOT NULL,
            prompt_tokens     INTEGER NOT NULL DEFAULT 0,
            completion_tokens INTEGER NOT NULL DEFAULT 0,
            model_seconds     REAL NOT NULL DEFAULT 0,
            warnings_json     TEXT NOT NULL DEFAULT '[]',
            extracted_at      TEXT NOT NULL
        );
        CREATE INDEX extractions_by_key ON extractions(document_id, model, prompt_version, schema_version, state);

        -- Records exactly as the model suggested them (AgreementRecord JSON). Never updated.
        CREATE TABLE records (
            id              TEXT PRIMARY KEY,
            extraction_id   INTEGER NOT NULL REFERENCES extractions(id),
            document_id     TEXT NOT NULL REFERENCES documents(id),
            idx             INTEGER NOT NULL,         -- order within the extraction
            record_json     TEXT NOT NULL,
            agreement_type  TEXT NOT NULL,
            status          TEXT NOT NULL,
            flags           TEXT NOT NULL DEFAULT ''  -- space-separated: ungrounded fuzzy no_date party_not_in_text
        );
        CREATE INDEX records_by_document ON records(document_id);

        -- The reviewer's current decision on a record, kept apart from the suggestion.
        -- `version` increases on every change: a writer that read version N may only write N+1
        -- (optimistic concurrency between two reviewers).
        CREATE TABLE decisions (
            record_id    TEXT PRIMARY KEY REFERENCES records(id),
            state        TEXT NOT NULL,               -- accepted | edited | rejected | skipped
            reviewer     TEXT NOT NULL,
            record_json  TEXT,                        -- the reviewer's version when edited
            reason       TEXT,                        -- optional, for rejections
            decided_at   TEXT NOT NULL,
            version      INTEGER NOT NULL
        );

        -- Append-only audit trail: every decision, edit and undo.
        CREATE TABLE review_events (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            record_id    TEXT NOT NULL REFERENCES records(id),
            reviewer     TEXT NOT NULL,
            at           TEXT NOT NULL,
            action       TEXT NOT NULL,               -- accept | reject | edit | skip | undo | conflict
            before_json  TEXT,                        -- decision row before (NULL if none)
            after_json   TEXT                         -- decision row after (NULL if removed)
        );
        CREATE INDEX review_events_by_record ON review_events(record_id);

        -- The records a reviewer should see: those of each document's latest successful extraction.
        CREATE VIEW current_records AS
        SELECT r.* FROM records r
        WHERE r.extraction_id = (
            SELECT MAX(e.id) FROM extractions e
            WHERE e.document_id = r.document_id AND e.state = 'done'
        );
        """,
    ),
    (
        2,
        "covering index for queue queries",
        """
        -- Queue and progress queries read these columns only; without the index they scan record_json.
        CREATE INDEX records_queue ON records(extraction_id, document_id, id, idx, agreement_type, status, flags);
        """,
    ),
    (
        3,
        "files that could not be read",
        """
        -- A file that cannot be read as an article has no content hash, so it is no document: its failure
        -- is kept by path, per run, so `status` can show what the last batch could not read and why.
        CREATE TABLE file_failures (
            run_id   INTEGER NOT NULL REFERENCES runs(id),
            path     TEXT NOT NULL,
            reason   TEXT NOT NULL,
            at       TEXT NOT NULL
        );
        CREATE INDEX file_failures_by_run ON file_failures(run_id);
        """,
    ),
    (
        4,
        "indexes for reading records in document order",
        """
        -- Export streams records in path order: with these the plan walks documents by path and each
        -- document's latest extraction by index, instead of sorting every record (and its JSON) at once.
        CREATE INDEX documents_by_path ON documents(path, id);
        CREATE INDEX records_by_extraction ON records(extraction_id, idx);
        """,
    ),
    (
        5,
        "article review: decisions about articles and records added by reviewers",
        """
        -- A record a reviewer added (a miss of the extractor) is stored like a suggestion of the document's
        -- current extraction, with who added it and when: NULL for the model's records.
        ALTER TABLE records ADD COLUMN added_by TEXT;
        ALTER TABLE records ADD COLUMN added_at TEXT;

        -- The reviewer's decision about a whole article: `complete` ("every agreement it reports is in the
        -- register"), `reopened`, or `open` (a completion undone). Versions only grow, as for decisions.
        CREATE TABLE article_reviews (
            document_id  TEXT PRIMARY KEY REFERENCES documents(id),
            state        TEXT NOT NULL,
            reviewer     TEXT NOT NULL,
            decided_at   TEXT NOT NULL,
            version      INTEGER NOT NULL
        );

        -- Append-only audit trail of article decisions: complete | reopen | undo | conflict.
        CREATE TABLE article_events (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            document_id  TEXT NOT NULL REFERENCES documents(id),
            reviewer     TEXT NOT NULL,
            at           TEXT NOT NULL,
            action       TEXT NOT NULL,
            before_json  TEXT,
            after_json   TEXT
        );
        CREATE INDEX article_events_by_reviewer ON article_events(reviewer, id);
        CREATE INDEX article_events_by_document ON article_events(document_id);

        -- An added record whose addition was undone has no decision row: it is no longer current.
        DROP VIEW current_records;
        CREATE VIEW current_records AS
        SELECT r.* FROM records r
        WHERE r.extraction_id = (
            SELECT MAX(e.id) FROM extractions e
            WHERE e.document_id = r.document_id AND e.state = 'done'
        )
        AND (r.added_by IS NULL OR EXISTS (SELECT 1 FROM decisions d WHERE d.record_id = r.id));

        -- The queue reads `added_by` too: keep its index covering.
        DROP INDEX records_queue;
        CREATE INDEX records_queue ON records(extraction_id, document_id, id, idx, agreement_type, status, flags, added_by);
        """,
    ),
    (
        6,
        "flags of the reviewer's version",
        """
        -- The flags of the version a decision carries (record_json), so the queue, its flag filters and the
        -- record panel describe what the reviewer saved. NULL: the decision carries no version of its own.
        ALTER TABLE decisions ADD COLUMN flags TEXT;
        """,
    ),
    (
        7,
        "agreements: reviewers' link decisions and their audit trail",
        """
        -- Which agreement a record belongs to is proposed by the program (summariser.register.linking) and
        -- computed when read; only reviewers' decisions are stored. A decision names an anchor record, not an
        -- agreement id, so it keeps its meaning when the agreement's id changes. `version` works as in
        -- `decisions`: a writer that read version N may only write N+1.
        CREATE TABLE link_decisions (
            record_id    TEXT PRIMARY KEY REFERENCES records(id),
            action       TEXT NOT NULL,               -- confirm | split | relink
            anchor_id    TEXT REFERENCES records(id), -- the record whose agreement this one joins; NULL: alone
            reviewer     TEXT NOT NULL,
            decided_at   TEXT NOT NULL,
            version      INTEGER NOT NULL
        );

        -- Append-only audit trail of link decisions, undos and refused (conflicting) attempts.
        CREATE TABLE link_events (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            record_id    TEXT NOT NULL REFERENCES records(id),
            reviewer     TEXT NOT NULL,
            at           TEXT NOT NULL,
            action       TEXT NOT NULL,               -- confirm | split | relink | undo | conflict
            before_json  TEXT,                        -- link decision before (NULL if none)
            after_json   TEXT                         -- link decision after (NULL if removed)
        );
        CREATE INDEX link_events_by_record ON link_events(record_id);
        CREATE INDEX link_events_by_reviewer ON link_events(reviewer, id);
        """,
    ),
    (
        8,
        "examples an extraction was shown",
        """
        -- Provenance of a few-shot prompt: the ids of the reviewed records (or gold records) offered as
        -- examples, so a result can be reproduced. Tokens per extraction were already recorded.
        ALTER TABLE extractions ADD COLUMN example_ids_json TEXT NOT NULL DEFAULT '[]';
        """,
    ),
    (
        9,
        "batch api jobs",
        """
        -- One submission to an endpoint's Batch API. The row is written before anything is sent, and its
        -- job_key goes with the batch as metadata: a run killed at any moment finds its batch again
        -- instead of paying for a second one.
        CREATE TABLE batch_jobs (
            id              INTEGER PRIMARY KEY AUTOINCREMENT,
            job_key         TEXT NOT NULL UNIQUE,
            batch_id        TEXT,                         -- the endpoint's id once created
            input_file_id   TEXT,
            model           TEXT NOT NULL,
            prompt_version  TEXT NOT NULL,
            schema_version  TEXT NOT NULL,
            state           TEXT NOT NULL DEFAULT 'preparing',  -- preparing | submitted | done | failed | expired
            api_status      TEXT,                         -- the endpoint's last word: validating, in_progress...
            documents_json  TEXT NOT NULL DEFAULT '[]',   -- [{id, spans, examples}] in request order
            error           TEXT,
            created_at      TEXT NOT NULL,
            updated_at      TEXT NOT NULL
        );
        """,
    ),
    (
        10,
        "agreement ids cached under the state they were computed from",
        """
        -- Linking every record is the expensive step of an export (about 40 s per 100,000 records): its result
        -- is kept with the token of the store state it was computed from (extractions, review and link events,
        -- records), and used while the token still matches. Derived data: dropping it loses nothing.
        CREATE TABLE agreement_cache (
            record_id     TEXT PRIMARY KEY,
            agreement_id  TEXT NOT NULL
        );
        CREATE TABLE cache_tokens (
            name   TEXT PRIMARY KEY,
            token  TEXT NOT NULL
        );
        """,
    ),
]


def latest_version() -> int:
    return MIGRATIONS[-1][0]
