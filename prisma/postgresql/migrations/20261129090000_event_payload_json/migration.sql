-- An event's payload is JSON, checked by the database on every write: the
-- archive writes payloads as stored (lib/services/archive-rows.ts eventPage),
-- so one that is not JSON would spoil the whole file. Prisma's schema cannot
-- say so: tests/unit/archive-rows.test.ts holds the check in place.
-- A trigger rather than a CHECK constraint: through its PostgreSQL adapter,
-- Prisma's WebAssembly schema engine fails to describe a database holding a
-- CHECK constraint (it reads pg_constraint.contype, a "char", as text), and
-- the adapter runs a migration statement by statement, cut at every
-- semicolon, hence the function's body written with \073 for each of its own.
-- The cast fails on text that is not JSON (PostgreSQL 15 has no IS JSON).
-- First the payloads stored so far, checked once: the cast fails the migration, before it
-- changes anything, on one that is not JSON (as SQLite's rebuild fails).
SELECT count("payload"::json) FROM "Event";
CREATE FUNCTION "Event_payload_json"() RETURNS trigger LANGUAGE plpgsql AS E'BEGIN PERFORM NEW."payload"::json\073 RETURN NEW\073 END';
CREATE TRIGGER "Event_payload_json" BEFORE INSERT OR UPDATE OF "payload" ON "Event" FOR EACH ROW EXECUTE FUNCTION "Event_payload_json"();
