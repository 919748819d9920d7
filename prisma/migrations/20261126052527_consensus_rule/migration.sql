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
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Article_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Article" ("agreementThreshold", "blindReview", "createdAt", "createdById", "currentRevision", "id", "importKey", "language", "minReviewers", "publishedAt", "publisher", "sourceUrl", "title", "updatedAt", "version") SELECT "agreementThreshold", "blindReview", "createdAt", "createdById", "currentRevision", "id", "importKey", "language", "minReviewers", "publishedAt", "publisher", "sourceUrl", "title", "updatedAt", "version" FROM "Article";
DROP TABLE "Article";
ALTER TABLE "new_Article" RENAME TO "Article";
CREATE UNIQUE INDEX "Article_importKey_key" ON "Article"("importKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
