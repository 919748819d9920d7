-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "articleId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "anchorState" TEXT NOT NULL DEFAULT 'exact',
    "exact" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "suffix" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "note" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "deletedAt" DATETIME,
    "deletedById" TEXT,
    "liveKey" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Claim_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("anchorState", "articleId", "createdAt", "createdById", "deletedAt", "deletedById", "end", "exact", "id", "note", "prefix", "revision", "start", "suffix", "updatedAt", "version") SELECT "anchorState", "articleId", "createdAt", "createdById", "deletedAt", "deletedById", "end", "exact", "id", "note", "prefix", "revision", "start", "suffix", "updatedAt", "version" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE INDEX "Claim_articleId_start_idx" ON "Claim"("articleId", "start");
-- Deleted claims step out of the unique index below: it holds live claims only.
UPDATE "Claim" SET "liveKey" = "id" WHERE "deletedAt" IS NOT NULL;
-- Live claims on one passage that raced past the application's check before the
-- database enforced it: the first marked keeps the passage; the others stay live,
-- with their verdicts, but outside the index, so that it can be created.
UPDATE "Claim" SET "liveKey" = "id"
WHERE "deletedAt" IS NULL AND EXISTS (
    SELECT 1 FROM "Claim" AS "first"
    WHERE "first"."articleId" = "Claim"."articleId" AND "first"."revision" = "Claim"."revision"
      AND "first"."start" = "Claim"."start" AND "first"."end" = "Claim"."end" AND "first"."deletedAt" IS NULL
      AND ("first"."createdAt" < "Claim"."createdAt" OR ("first"."createdAt" = "Claim"."createdAt" AND "first"."id" < "Claim"."id"))
);
CREATE UNIQUE INDEX "Claim_articleId_revision_start_end_liveKey_key" ON "Claim"("articleId", "revision", "start", "end", "liveKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
