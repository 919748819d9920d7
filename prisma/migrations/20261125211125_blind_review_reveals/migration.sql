-- CreateTable
CREATE TABLE "ClaimReveal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "initialRating" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ClaimReveal_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClaimReveal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    "minReviewers" INTEGER NOT NULL DEFAULT 2,
    "agreementThreshold" REAL NOT NULL DEFAULT 0.6,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Article_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("agreementThreshold", "blindReview", "createdAt", "createdById", "currentRevision", "id", "importKey", "language", "minReviewers", "publishedAt", "publisher", "sourceUrl", "title", "updatedAt", "version") SELECT "agreementThreshold", "blindReview", "createdAt", "createdById", "currentRevision", "id", "importKey", "language", "minReviewers", "publishedAt", "publisher", "sourceUrl", "title", "updatedAt", "version" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE UNIQUE INDEX "Article_importKey_key" ON "Article"("importKey");
CREATE TABLE "new_Verdict" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "claimId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "revisedAfterReveal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Verdict_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Verdict_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Verdict" ("claimId", "createdAt", "id", "rating", "rationale", "reviewerId", "updatedAt", "version") SELECT "claimId", "createdAt", "id", "rating", "rationale", "reviewerId", "updatedAt", "version" FROM "Verdict";
DROP TABLE "Verdict";
ALTER TABLE "new_Verdict" RENAME TO "Verdict";
CREATE UNIQUE INDEX "Verdict_claimId_reviewerId_key" ON "Verdict"("claimId", "reviewerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ClaimReveal_userId_idx" ON "ClaimReveal"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ClaimReveal_claimId_userId_key" ON "ClaimReveal"("claimId", "userId");


-- Data: reviewers who already have a verdict have seen the others' (their verdict
-- is the reveal, its current rating the best record of their first one), and the
-- articles stored with Crux follow the new default of blind review.
INSERT INTO "ClaimReveal" ("id", "claimId", "userId", "initialRating", "createdAt")
SELECT 'rev' || lower(hex(randomblob(12))), "claimId", "reviewerId", "rating", "createdAt" FROM "Verdict";
UPDATE "Article" SET "blindReview" = true WHERE "importKey" LIKE 'seed:%';
