-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Article" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'fr',
    "publishedAt" TEXT,
    "sourceUrl" TEXT,
    "publisher" TEXT,
    "importKey" TEXT,
    "currentRevision" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 1,
    "blindReview" BOOLEAN NOT NULL DEFAULT true,
    "consensusRule" TEXT NOT NULL DEFAULT 'plurality',
    "minReviewers" INTEGER NOT NULL DEFAULT 2,
    "agreementThreshold" REAL NOT NULL DEFAULT 0.6,
    "maxSpread" INTEGER NOT NULL DEFAULT 2,
    "claimCount" INTEGER NOT NULL DEFAULT 0,
    "reviewedClaimCount" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Article_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("agreementThreshold", "blindReview", "consensusRule", "createdAt", "createdById", "currentRevision", "id", "importKey", "language", "maxSpread", "minReviewers", "publishedAt", "publisher", "sourceUrl", "title", "updatedAt", "version") SELECT "agreementThreshold", "blindReview", "consensusRule", "createdAt", "createdById", "currentRevision", "id", "importKey", "language", "maxSpread", "minReviewers", "publishedAt", "publisher", "sourceUrl", "title", "updatedAt", "version" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE UNIQUE INDEX "Article_importKey_key" ON "Article"("importKey");
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
    "verdictCount" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Claim_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Claim_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Claim_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("anchorState", "articleId", "createdAt", "createdById", "deletedAt", "deletedById", "end", "exact", "id", "liveKey", "note", "prefix", "revision", "start", "suffix", "updatedAt", "version") SELECT "anchorState", "articleId", "createdAt", "createdById", "deletedAt", "deletedById", "end", "exact", "id", "liveKey", "note", "prefix", "revision", "start", "suffix", "updatedAt", "version" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE INDEX "Claim_articleId_start_idx" ON "Claim"("articleId", "start");
CREATE UNIQUE INDEX "Claim_articleId_revision_start_end_liveKey_key" ON "Claim"("articleId", "revision", "start", "end", "liveKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Verdict_reviewerId_idx" ON "Verdict"("reviewerId");

-- Fill the counts from the rows already there (lib/services/article-counts.ts keeps them from now on).
UPDATE "Claim" SET "verdictCount" = (SELECT count(*) FROM "Verdict" v WHERE v."claimId" = "Claim"."id");
UPDATE "Article" SET
  "claimCount" = (SELECT count(*) FROM "Claim" c WHERE c."articleId" = "Article"."id" AND c."deletedAt" IS NULL),
  "reviewedClaimCount" = (SELECT count(*) FROM "Claim" c WHERE c."articleId" = "Article"."id" AND c."deletedAt" IS NULL AND c."verdictCount" > 0);
