-- ConsentKit's consent ledger on PostgreSQL 14 or later, version 1.
--
-- A plain SQL migration: consent-jdbc's ConsentLedger.createSchema runs it, and Flyway (location
-- classpath:dev/consentkit/jdbc/migration) or Liquibase (a sqlFile change set) can run it instead.
-- It creates the tables only if they do not exist, so running it twice changes nothing.
--
-- Every row records the transaction that wrote it last (appended_by, pg_current_xact_id(), set by a
-- trigger on every insert and update, whatever software writes). A reader
-- remembers the snapshot its load saw (pg_current_snapshot()) as its watermark; the rows changed since
-- are those whose transaction that snapshot did not see. Transactions that commit out of order are
-- then neither missed nor reported twice, which an increasing sequence number cannot promise.
--
-- Instants are timestamptz: microseconds, whatever the session's time zone.

-- A member: the row every fact of theirs refers to. After an erasure only the id and the instant of
-- the erasure remain (erased_at), as a tombstone: it refuses later appends for the id, so that a
-- replayed batch cannot bring erased data back, and it tells every store loaded from the ledger to
-- drop the member.
CREATE TABLE IF NOT EXISTS consentkit_member (
    member_id   text        NOT NULL PRIMARY KEY,
    birth_date  date,
    erased_at   timestamptz,
    appended_by xid8        NOT NULL DEFAULT pg_current_xact_id(),
    CONSTRAINT consentkit_member_erased_keeps_no_birth_date CHECK (erased_at IS NULL OR birth_date IS NULL)
);

-- Where a member lives from an instant on; resident_from '-infinity' means as far back as known.
-- Keyed by member and instant: one jurisdiction per move.
CREATE TABLE IF NOT EXISTS consentkit_residence (
    member_id     text        NOT NULL REFERENCES consentkit_member (member_id) ON DELETE CASCADE,
    resident_from timestamptz NOT NULL,
    jurisdiction  text        NOT NULL,
    appended_by   xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (member_id, resident_from)
);

-- An account closure: closed from closed_at, reopened at reopened_at, or still closed (null). Keyed by
-- member and start; the only change a row accepts is its reopening.
CREATE TABLE IF NOT EXISTS consentkit_closure (
    member_id   text        NOT NULL REFERENCES consentkit_member (member_id) ON DELETE CASCADE,
    closed_at   timestamptz NOT NULL,
    reopened_at timestamptz,
    appended_by xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (member_id, closed_at),
    CONSTRAINT consentkit_closure_reopened_after_closed CHECK (reopened_at IS NULL OR reopened_at > closed_at)
);

-- A consent event, keyed by member and event id (ids are unique within a member's history), never
-- changed once written. effective_at is the instant its source stated; an event stated a little after
-- recorded_at (within the reader's clock-skew tolerance) counts from recorded_at.
CREATE TABLE IF NOT EXISTS consentkit_consent_event (
    member_id    text        NOT NULL REFERENCES consentkit_member (member_id) ON DELETE CASCADE,
    event_id     text        NOT NULL,
    purpose      text        NOT NULL,
    choice       text        NOT NULL CHECK (choice IN ('OPT_IN', 'OPT_OUT')),
    effective_at timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL,
    channel      text        NOT NULL,
    appended_by  xid8        NOT NULL DEFAULT pg_current_xact_id(),
    PRIMARY KEY (member_id, event_id)
);

-- The primary keys serve the loads: each starts with member_id, so every table streams in member order
-- from its index, and one member's rows are one index range. These serve "what changed since a
-- watermark": rows written by transactions from the watermark's xmin on.
CREATE INDEX IF NOT EXISTS consentkit_member_appended_by ON consentkit_member (appended_by);
CREATE INDEX IF NOT EXISTS consentkit_residence_appended_by ON consentkit_residence (appended_by);
CREATE INDEX IF NOT EXISTS consentkit_closure_appended_by ON consentkit_closure (appended_by);
CREATE INDEX IF NOT EXISTS consentkit_consent_event_appended_by ON consentkit_consent_event (appended_by);

-- appended_by is the writing transaction's, on every insert and update, whoever writes the row: what
-- "changed since a watermark" relies on. Rows are deleted only by an erasure, which updates the
-- member's row as it deletes the facts.
CREATE OR REPLACE FUNCTION consentkit_appended_by() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.appended_by := pg_current_xact_id();
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER consentkit_member_appended_by BEFORE INSERT OR UPDATE ON consentkit_member
    FOR EACH ROW EXECUTE FUNCTION consentkit_appended_by();
CREATE OR REPLACE TRIGGER consentkit_residence_appended_by BEFORE INSERT OR UPDATE ON consentkit_residence
    FOR EACH ROW EXECUTE FUNCTION consentkit_appended_by();
CREATE OR REPLACE TRIGGER consentkit_closure_appended_by BEFORE INSERT OR UPDATE ON consentkit_closure
    FOR EACH ROW EXECUTE FUNCTION consentkit_appended_by();
CREATE OR REPLACE TRIGGER consentkit_consent_event_appended_by BEFORE INSERT OR UPDATE ON consentkit_consent_event
    FOR EACH ROW EXECUTE FUNCTION consentkit_appended_by();
