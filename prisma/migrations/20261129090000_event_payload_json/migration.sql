-- An event's payload is JSON, checked by the database on every write: the
-- archive writes payloads as stored (lib/services/archive-rows.ts eventPage),
-- so one that is not JSON would spoil the whole file. Prisma's schema cannot
-- say so: tests/unit/archive-rows.test.ts holds the check in place (a later
-- migration that rebuilds "Event" must keep it).
-- SQLite adds a CHECK only by rebuilding the table, as Prisma's own migrations do.
-- First the payloads stored so far, checked once: json() fails the migration, before
-- it changes anything, on one that is not JSON ("malformed JSON"), which
-- SELECT "id" FROM "Event" WHERE NOT json_valid("payload") then finds.
SELECT json("payload") FROM "Event" WHERE NOT json_valid("payload") LIMIT 1;
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "articleId" TEXT,
    "type" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "claimId" TEXT,
    "actorId" TEXT,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Event_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Event_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Event_payload_json" CHECK (json_valid("payload"))
);
INSERT INTO "new_Event" ("id", "articleId", "type", "entityId", "claimId", "actorId", "payload", "createdAt")
SELECT "id", "articleId", "type", "entityId", "claimId", "actorId", "payload", "createdAt" FROM "Event";
-- Event ids are never given twice (a live stream resumes after its Last-Event-ID): the counter goes on where it was.
DELETE FROM "sqlite_sequence" WHERE "name" = 'new_Event';
INSERT INTO "sqlite_sequence" ("name", "seq") SELECT 'new_Event', "seq" FROM "sqlite_sequence" WHERE "name" = 'Event';
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_articleId_id_idx" ON "Event"("articleId", "id");
CREATE INDEX "Event_claimId_id_idx" ON "Event"("claimId", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
